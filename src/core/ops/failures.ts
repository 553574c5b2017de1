/**
 * Failure controls: what "Stop", "Start", "Slow down" and "Restore speed" write into a
 * node's parameters. The engine (core/sim) answers as production does: a stopped node
 * refuses connections (NGINX 502, Django with its database down 500, Redis down 500 — or
 * falls through to the database when the cache ignores its errors); a slow upstream makes NGINX answer 504 once its
 * proxy_read_timeout passes, or makes Gunicorn kill the worker (502) once --timeout passes.
 */
import { CATALOG, type ComponentKind } from '../catalog/catalog';
import type { SimNodeParams } from '../sim/types';
import type { TopoNode, Topology } from '../topology/types';

/** Service time of a slowed-down node, ms of simulated time ("a slow view / a slow query"). */
export const SLOW_MS = 2500;

/** Kinds that can be stopped, started or slowed (the user is the load source, not a process). */
export function canFail(kind: ComponentKind): boolean {
  return kind !== 'user';
}

/** Kinds whose timeout a teacher can set: NGINX proxy_read_timeout, Gunicorn --timeout. */
export function hasTimeout(kind: ComponentKind): boolean {
  return kind === 'nginx' || kind === 'gunicorn';
}

export function isUp(node: TopoNode): boolean {
  return node.params?.up !== false;
}

export function isSlow(node: TopoNode): boolean {
  const p = node.params as SimNodeParams | undefined;
  return p?.serviceMs !== undefined && p.serviceMs >= SLOW_MS;
}

export const stopParams = (): SimNodeParams => ({ up: false });
export const startParams = (): SimNodeParams => ({ up: true });
export const slowParams = (): SimNodeParams => ({ serviceMs: SLOW_MS });

/** Back to the catalog's service time for the kind. */
export function restoreSpeedParams(kind: ComponentKind): SimNodeParams {
  return { serviceMs: CATALOG[kind].capacity.serviceMs ?? 0 };
}

/** The timeout in effect for a node, ms (its own override, else the catalog default). */
export function timeoutOf(node: TopoNode): number {
  const p = node.params as SimNodeParams | undefined;
  return p?.timeoutMs ?? CATALOG[node.kind].capacity.timeoutMs ?? Infinity;
}

export const timeoutParams = (ms: number): SimNodeParams => ({ timeoutMs: Math.max(100, Math.round(ms)) });

/** What the class should expect when this node is down, as an i18n key stem under ops.failures.expect. */
export type FailureExpectation = 'e502' | 'e500' | 'redisRaises' | 'redisFallthrough' | 'e404' | 'allDown' | 'none';

/**
 * The status code a node's failure causes, reasoned from the topology the way the engine
 * does: used to tell the class what to look for in the metrics and the event log.
 */
export function expectedWhenDown(t: Topology, id: string): FailureExpectation {
  const node = t.nodes.find((n) => n.id === id);
  if (!node) return 'none';
  switch (node.kind) {
    case 'gunicorn':
    case 'runserver': {
      // NGINX answers 502 only when no upstream is left; otherwise it balances to the others.
      const proxies = t.edges.filter((e) => e.target === id).map((e) => e.source);
      const otherUp = t.edges.some(
        (e) =>
          proxies.includes(e.source) &&
          e.target !== id &&
          t.nodes.some((n) => n.id === e.target && (n.kind === 'gunicorn' || n.kind === 'runserver') && isUp(n)),
      );
      return otherUp ? 'none' : 'e502';
    }
    case 'nginx':
    case 'cdn':
    case 'server':
      return 'allDown';
    case 'django':
    case 'postgres':
    case 'sqlite':
      return 'e500';
    case 'redis':
      // Django's Redis cache raises when Redis is unreachable (a 500), unless it is configured to
      // ignore the errors (django-redis IGNORE_EXCEPTIONS): then every lookup misses and the
      // database does the work.
      return (node.params as { ignoreExceptions?: unknown } | undefined)?.ignoreExceptions === true ? 'redisFallthrough' : 'redisRaises';
    case 'static':
    case 'media':
      return 'e404';
    default:
      return 'none';
  }
}

/** A copy of the topology with params merged into one node (what documentStore.setNodeParams does). */
export function withParams(t: Topology, id: string, params: SimNodeParams): Topology {
  return { nodes: t.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)), edges: t.edges };
}

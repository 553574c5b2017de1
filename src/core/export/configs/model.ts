/**
 * What the config generators need to know about a canvas: the app servers behind NGINX
 * (address, weight, workers), the load-balancing method, and which stores exist.
 */
import { CATALOG, recommendedWorkers } from '../../catalog/catalog';
import { successors } from '../../topology/graph';
import type { TopoNode, Topology } from '../../topology/types';
import type { ConfigSettings, LbMethodName, WorkerClass } from './types';

export const GUNICORN_PORT = 8000;
/** App server i (1-based) lives at 10.0.0.(10 + i) on the private network. */
export const PRIVATE_SUBNET = '10.0.0.0/24';
export const NGINX_ADDRESS = '10.0.0.10';

export interface AppServer {
  /** Short name: "app1", or "app" when there is only one. */
  name: string;
  /** Docker Compose service name: "web", or "web1", "web2", … */
  service: string;
  /** What the canvas calls it (node ids), for comments. */
  nodeId: string;
  boxId?: string;
  address: string;
  port: number;
  /** NGINX weight, ≥ 1. */
  weight: number;
  /** Stopped on the canvas, or weight 0: NGINX marks it `down`. */
  down: boolean;
  workers: number;
  workerClass: WorkerClass;
  timeoutS: number;
}

export interface DeployModel {
  appServers: AppServer[];
  lbMethod: LbMethodName;
  /** The canvas has NGINX / Gunicorn itself (otherwise the files add them). */
  hasNginx: boolean;
  hasGunicorn: boolean;
  /** The canvas runs Django's development server. */
  runserver: boolean;
  cdn: boolean;
  static: boolean;
  media: boolean;
  database: 'postgres' | 'sqlite' | 'none';
  redis: boolean;
  /** NGINX's upstream timeout, seconds. */
  proxyTimeoutS: number;
}

const LB_METHODS: readonly LbMethodName[] = ['round_robin', 'least_conn', 'ip_hash'];
const WORKER_CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'async'];

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function boxOf(t: Topology, n: TopoNode): TopoNode | undefined {
  return n.parentId ? t.nodes.find((b) => b.id === n.parentId) : undefined;
}

function boxCores(t: Topology, n: TopoNode | undefined): number {
  if (!n) return CATALOG.server.capacity.cores ?? 2;
  const box = boxOf(t, n);
  return Math.max(1, Math.round(num(box?.params?.cores) ?? CATALOG.server.capacity.cores ?? 2));
}

export function deployModel(t: Topology, settings: ConfigSettings): DeployModel {
  const kinds = new Set(t.nodes.map((n) => n.kind));
  const nginx = t.nodes.find((n) => n.kind === 'nginx');
  const allGunicorns = t.nodes.filter((n) => n.kind === 'gunicorn');
  // The upstream is what NGINX forwards to; a canvas whose NGINX is not wired yet uses every Gunicorn.
  const wired = nginx ? new Set(successors(t, nginx.id)) : new Set<string>();
  const behindNginx = allGunicorns.filter((g) => wired.has(g.id));
  const gunicorns = behindNginx.length > 0 ? behindNginx : allGunicorns;

  const rawLb = (nginx?.params as { lbMethod?: unknown } | undefined)?.lbMethod;
  const lbMethod = LB_METHODS.find((m) => m === rawLb) ?? 'round_robin';
  const defaultTimeoutS = Math.round((CATALOG.gunicorn.capacity.timeoutMs ?? 30_000) / 1000);

  const many = gunicorns.length > 1;
  const appServers: AppServer[] = gunicorns.map((g, i) => {
    const box = boxOf(t, g);
    const rawWeight = num(g.params?.weight) ?? num(box?.params?.weight) ?? 1;
    const weight = Math.max(1, Math.min(100, Math.round(rawWeight)));
    const cls = settings.workerClass ?? WORKER_CLASSES.find((c) => c === g.params?.workerClass) ?? 'sync';
    const workers = Math.max(1, Math.min(256, Math.round(num(g.params?.workers) ?? recommendedWorkers(boxCores(t, g)))));
    const timeoutMs = num((g.params as { timeoutMs?: unknown } | undefined)?.timeoutMs);
    return {
      name: many ? `app${i + 1}` : 'app',
      service: many ? `web${i + 1}` : 'web',
      nodeId: g.id,
      boxId: box?.id,
      address: `10.0.0.${11 + i}`,
      port: GUNICORN_PORT,
      weight,
      down: g.params?.up === false || box?.params?.up === false || rawWeight <= 0,
      workers,
      workerClass: cls,
      timeoutS: Math.max(1, Math.round((timeoutMs ?? defaultTimeoutS * 1000) / 1000)),
    };
  });

  if (appServers.length === 0) {
    // A runserver canvas (or an empty one): the files put the same app behind Gunicorn.
    const host = t.nodes.find((n) => n.kind === 'runserver') ?? t.nodes.find((n) => n.kind === 'django');
    appServers.push({
      name: 'app',
      service: 'web',
      nodeId: host?.id ?? 'gunicorn',
      boxId: host?.parentId,
      address: '10.0.0.11',
      port: GUNICORN_PORT,
      weight: 1,
      down: false,
      workers: recommendedWorkers(boxCores(t, host)),
      workerClass: settings.workerClass ?? 'sync',
      timeoutS: defaultTimeoutS,
    });
  }

  const nginxTimeoutMs = num((nginx?.params as { timeoutMs?: unknown } | undefined)?.timeoutMs);
  return {
    appServers,
    lbMethod,
    hasNginx: Boolean(nginx),
    hasGunicorn: allGunicorns.length > 0,
    runserver: kinds.has('runserver'),
    cdn: kinds.has('cdn'),
    static: kinds.has('static'),
    media: kinds.has('media'),
    database: kinds.has('postgres') ? 'postgres' : kinds.has('sqlite') ? 'sqlite' : 'none',
    redis: kinds.has('redis'),
    proxyTimeoutS: Math.max(1, Math.round((nginxTimeoutMs ?? CATALOG.nginx.capacity.timeoutMs ?? 60_000) / 1000)),
  };
}

/** Gunicorn's --worker-class value for the canvas's worker class. */
export function gunicornWorkerClass(c: WorkerClass): string {
  return c === 'async' ? 'gevent' : c;
}

/**
 * A domain name safe to put in a config file: lower case letters, digits, dots and
 * hyphens only (anything else could break out of a directive); "example.com" otherwise.
 */
export function safeDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (d.length > 0 && d.length <= 253 && d.split('.').every((l) => label.test(l))) return d;
  return 'example.com';
}

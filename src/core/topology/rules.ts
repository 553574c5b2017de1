/**
 * Teachable validation: what is wrong (or risky) with an architecture, in words a student can
 * act on. Each finding names the nodes involved, a severity, and two i18n keys: what is wrong
 * (`editor.rules.<rule>.message`) and how to fix it (`editor.rules.<rule>.fix`).
 * Findings are recomputed from the topology, so a finding disappears as soon as it is fixed.
 */
import { CATALOG, recommendedWorkers, type ComponentKind } from '../catalog/catalog';
import { absolutePositions, overlaps, rectOf } from './containers';
import { adjacencyOf, isDatabaseKind, reachableFrom } from './graph';
import type { TopoNode, Topology } from './types';

export type Severity = 'error' | 'warning' | 'info';

export const RULE_IDS = [
  'app-exposed',
  'runserver-in-production',
  'no-database',
  'static-through-django',
  'single-app-server',
  'unused-cache',
  'workers-over-cores',
  'database-exposed',
  'no-user',
  'proxy-without-app',
  'unreachable',
  'no-entry',
  'no-app',
  'no-sql',
  'overlap',
  'empty-box',
  'port-clash',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  /** Stable across recomputations while the same problem stays (rule + nodes). */
  id: string;
  rule: RuleId;
  severity: Severity;
  /** The nodes involved, in topology order. */
  nodeIds: string[];
  messageKey: `editor.rules.${RuleId}.message`;
  fixKey: `editor.rules.${RuleId}.fix`;
  /** Values for the keys' placeholders (counts, numbers). */
  vars?: Record<string, number>;
  /** A component the fix adds ("Add it"), for what a working architecture still lacks. */
  addKind?: ComponentKind;
}

export interface RuleContext {
  /** A scene meant to face real users: production rules apply. */
  productionLike: boolean;
}

const APP_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>([
  'gunicorn',
  'django',
  'runserver',
]);
const SQL_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['postgres', 'sqlite']);
const FILE_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['static', 'media']);
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Breadth-first from the users along edges, not going past nodes `stopAt` says to stop at. */
function reachFromUsers(t: Topology, stopAt: (n: TopoNode) => boolean): Set<string> {
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  const out = adjacencyOf(t);
  const seen = new Set<string>();
  const queue = t.nodes.filter((n) => n.kind === 'user').map((n) => n.id);
  for (const id of queue) seen.add(id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    const node = byId.get(id);
    if (node && node.kind !== 'user' && stopAt(node)) continue;
    for (const next of out.get(id) ?? []) {
      if (seen.has(next) || !byId.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/** CPU cores a process has: those of the server box it runs on, else the catalog default. */
function coresOf(t: Topology, node: TopoNode): number {
  const box = node.parentId === undefined ? undefined : t.nodes.find((n) => n.id === node.parentId);
  return box?.params?.cores ?? CATALOG.server.capacity.cores ?? 2;
}

/** Every finding for a topology, errors first, then warnings, then notes; stable order within. */
export function checkTopology(t: Topology, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const add = (
    rule: RuleId,
    severity: Severity,
    nodes: readonly TopoNode[],
    vars?: Record<string, number>,
    addKind?: ComponentKind,
  ) => {
    const nodeIds = nodes.map((n) => n.id);
    findings.push({
      id: `${rule}:${nodeIds.join(',')}`,
      rule,
      severity,
      nodeIds,
      messageKey: `editor.rules.${rule}.message`,
      fixKey: `editor.rules.${rule}.fix`,
      ...(vars ? { vars } : {}),
      ...(addKind ? { addKind } : {}),
    });
  };
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  const kindOf = (id: string) => byId.get(id)?.kind;
  const ofKind = (kinds: ReadonlySet<ComponentKind>) => t.nodes.filter((n) => kinds.has(n.kind));
  const users = t.nodes.filter((n) => n.kind === 'user');
  const reached = reachFromUsers(t, () => false);

  // What a working architecture still needs, from an empty canvas up: a user, a way in (a
  // web server), an application server, a database. Each comes with the component to add.
  const has = (...kinds: ComponentKind[]) => t.nodes.some((n) => kinds.includes(n.kind));
  if (users.length === 0) add('no-user', 'warning', [], undefined, 'user');
  if (!has('nginx', 'runserver'))
    add('no-entry', 'warning', [], undefined, ctx.productionLike ? 'nginx' : 'runserver');
  if (!has('django', 'runserver', 'gunicorn'))
    add('no-app', 'warning', [], undefined, ctx.productionLike ? 'gunicorn' : 'runserver');
  if (!has('postgres', 'sqlite') && !has('django', 'runserver'))
    add('no-sql', 'warning', [], undefined, ctx.productionLike ? 'postgres' : 'sqlite');

  // Components drawn on top of each other: one hides the other (and its connections).
  const abs = absolutePositions(t);
  const parts = t.nodes.filter((n) => n.kind !== 'server');
  const rects = parts.map((n) => rectOf(n, abs));
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      if (overlaps(rects[i] as ReturnType<typeof rectOf>, rects[j] as ReturnType<typeof rectOf>, -8))
        add('overlap', 'warning', [parts[i] as TopoNode, parts[j] as TopoNode]);
    }
  }

  // A machine with nothing running on it.
  for (const box of t.nodes) {
    if (box.kind === 'server' && !t.nodes.some((n) => n.parentId === box.id))
      add('empty-box', 'info', [box]);
  }

  // Two web servers on one machine listening on the same port: the second cannot start
  // ("Address already in use").
  const WEB: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['nginx', 'gunicorn', 'runserver']);
  for (const box of t.nodes) {
    if (box.kind !== 'server') continue;
    const byPort = new Map<number, TopoNode[]>();
    for (const n of t.nodes) {
      const port = CATALOG[n.kind].port;
      if (n.parentId !== box.id || !WEB.has(n.kind) || port === undefined) continue;
      byPort.set(port, [...(byPort.get(port) ?? []), n]);
    }
    for (const [port, on] of byPort)
      if (on.length > 1) add('port-clash', 'error', [box, ...on], { port });
  }

  // Django or Gunicorn answering the internet with nothing in front of them.
  if (ctx.productionLike) {
    // A CDN in front does not count: it forwards dynamic requests as they are.
    const direct = reachFromUsers(t, (n) => n.kind === 'nginx' || APP_KINDS.has(n.kind));
    const exposed = t.nodes.filter(
      (n) => (n.kind === 'gunicorn' || n.kind === 'django') && direct.has(n.id),
    );
    if (exposed.length > 0) add('app-exposed', 'error', exposed);
  }

  // The development server facing real users.
  if (ctx.productionLike) {
    const runservers = ofKind(new Set<ComponentKind>(['runserver']));
    if (runservers.length > 0) add('runserver-in-production', 'error', runservers);
  }

  // Django with no database to talk to.
  const apps = t.nodes.filter((n) => n.kind === 'django' || n.kind === 'runserver');
  if (apps.length > 0) {
    const lonely = apps.filter(
      (app) =>
        !reachableFrom(t, app.id).some((id) => SQL_KINDS.has(kindOf(id) as ComponentKind)),
    );
    if (lonely.length > 0) add('no-database', 'error', lonely);
  }

  // Static or media files served by the application instead of NGINX.
  if (ctx.productionLike) {
    const viaApp = new Set<string>();
    for (const e of t.edges) {
      const from = kindOf(e.source);
      const to = kindOf(e.target);
      if (from && to && (from === 'django' || from === 'gunicorn') && FILE_KINDS.has(to)) {
        viaApp.add(e.source);
        viaApp.add(e.target);
      }
    }
    if (viaApp.size > 0)
      add(
        'static-through-django',
        'warning',
        t.nodes.filter((n) => viaApp.has(n.id)),
      );
  }

  // One app server: when it stops, the site stops.
  if (ctx.productionLike) {
    const gunicorns = ofKind(new Set<ComponentKind>(['gunicorn'])).filter((n) => reached.has(n.id));
    if (gunicorns.length === 1) add('single-app-server', 'warning', gunicorns);
  }

  // A cache nobody asks.
  const caches = ofKind(new Set<ComponentKind>(['redis']));
  const unusedCaches = caches.filter(
    (c) =>
      !t.edges.some((e) => e.target === c.id && APP_KINDS.has(kindOf(e.source) as ComponentKind)),
  );
  if (unusedCaches.length > 0) add('unused-cache', 'warning', unusedCaches);

  // Far more sync workers than the cores can run.
  for (const g of ofKind(new Set<ComponentKind>(['gunicorn']))) {
    const workers = g.params?.workers ?? CATALOG.gunicorn.capacity.concurrency ?? 1;
    const cores = coresOf(t, g);
    const recommended = recommendedWorkers(cores);
    if (workers > 2 * recommended)
      add('workers-over-cores', 'warning', [g], { workers, cores, recommended });
  }

  // A database the internet can reach without going through the application.
  const dbReach = reachFromUsers(t, (n) => APP_KINDS.has(n.kind));
  const exposedDbs = t.nodes.filter((n) => isDatabaseKind(n.kind) && dbReach.has(n.id));
  if (exposedDbs.length > 0) add('database-exposed', 'error', exposedDbs);

  // NGINX with nowhere to send dynamic requests: every page is a 502.
  const proxies = ofKind(new Set<ComponentKind>(['nginx'])).filter(
    (n) =>
      !t.edges.some((e) => e.source === n.id && APP_KINDS.has(kindOf(e.target) as ComponentKind)),
  );
  if (proxies.length > 0) add('proxy-without-app', 'error', proxies);

  // Components no request can reach.
  if (users.length > 0) {
    const unreachable = t.nodes.filter(
      (n) => n.kind !== 'server' && n.kind !== 'user' && !reached.has(n.id),
    );
    if (unreachable.length > 0)
      add('unreachable', 'info', unreachable, { count: unreachable.length });
  }

  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

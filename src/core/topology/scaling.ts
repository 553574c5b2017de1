/**
 * Scaling as pure transforms of a Topology: vertical (CPU cores, memory, Gunicorn workers and
 * their class), horizontal (app servers behind NGINX, load-balancing method, weights) and the
 * course's performance techniques (Redis cache, CDN, async workers). Every function returns a
 * new topology and leaves its input alone; nodes it does not change keep their identity.
 *
 * An "app server" is a server box with a Gunicorn inside (Gunicorn + Django). Workers follow
 * Gunicorn's rule of thumb, 2 × cores + 1, until they are set by hand: a Gunicorn whose workers
 * differ from the rule for its box's cores counts as "set by hand", and changing the cores no
 * longer moves them (resetWorkers puts them back on the rule).
 */
import { CATALOG, recommendedWorkers } from '../catalog/catalog';
import type { LbMethod, SimNodeParams } from '../sim/types';
import { PARAM_LIMITS } from './limits';
import { SCENE_LAYOUT } from './scenes';
import type { NodeParams, TopoEdge, TopoNode, Topology } from './types';

export const LB_METHODS: readonly LbMethod[] = ['round_robin', 'least_conn', 'ip_hash'];
/** What each method is called in nginx.conf (round robin is the default: no directive). */
export const NGINX_LB_NAME: Readonly<Record<LbMethod, string>> = {
  round_robin: 'round-robin',
  least_conn: 'least_conn',
  ip_hash: 'ip_hash',
};
export type WorkerClass = NonNullable<NodeParams['workerClass']>;
export const WORKER_CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'async'];

export const LIMITS = {
  cores: { min: 1, max: 64 },
  // The document's own limit (topology/limits.ts): a slider at its end saves a readable value.
  workers: { min: 1, max: PARAM_LIMITS.workers.max },
  appServers: { min: 1, max: 20 },
  memoryMb: { min: 512, max: 262_144 },
  weight: { min: 0, max: 10 },
} as const;

/** App boxes per column on the canvas before a new column starts. */
export const APP_ROWS = 5;
/** The label of an app server box while it drains. */
export const DRAINING_LABEL_KEY = 'scaling.drainingServer';
const APP_LABEL_KEY = 'scenes.labels.appServer';

export interface AppServer {
  boxId: string;
  gunicornId: string;
  djangoId: string | null;
  /** The number in its name ("App server 3"). */
  n: number;
  draining: boolean;
}

const clampInt = (v: number, lo: number, hi: number) =>
  Math.min(hi, Math.max(lo, Math.round(Number.isFinite(v) ? v : lo)));

function byId(t: Topology): Map<string, TopoNode> {
  return new Map(t.nodes.map((n) => [n.id, n]));
}

function sim(node: TopoNode | undefined): SimNodeParams {
  return (node?.params ?? {}) as SimNodeParams;
}

/** A copy of t with `id`'s params merged with `params` (same node object when nothing changes). */
function withParams(t: Topology, id: string, params: SimNodeParams): Topology {
  const i = t.nodes.findIndex((n) => n.id === id);
  const node = t.nodes[i];
  if (!node) return t;
  const old = sim(node);
  if (Object.entries(params).every(([k, v]) => old[k as keyof SimNodeParams] === v)) return t;
  const nodes = t.nodes.slice();
  const merged: SimNodeParams = { ...old, ...params };
  nodes[i] = { ...node, params: merged };
  return { ...t, nodes };
}

function boxCores(box: TopoNode | undefined): number {
  return box?.params?.cores ?? CATALOG.server.capacity.cores ?? 1;
}

function appNumber(box: TopoNode, fallback: number): number {
  const n = box.labelArgs?.n;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  const m = /(\d+)$/.exec(box.id);
  return m ? Number(m[1]) : fallback;
}

/** The app servers (boxes holding a Gunicorn), in canvas order. */
export function appServers(t: Topology): AppServer[] {
  const nodes = byId(t);
  const out: AppServer[] = [];
  for (const g of t.nodes) {
    if (g.kind !== 'gunicorn' || g.parentId === undefined) continue;
    const box = nodes.get(g.parentId);
    if (!box || box.kind !== 'server' || out.some((a) => a.boxId === box.id)) continue;
    const django = t.nodes.find(
      (d) => d.kind === 'django' && t.edges.some((e) => e.source === g.id && e.target === d.id),
    );
    out.push({
      boxId: box.id,
      gunicornId: g.id,
      djangoId: django?.id ?? null,
      n: appNumber(box, out.length + 1),
      draining: sim(box).draining === true,
    });
  }
  return out;
}

/** App servers that take traffic (not draining). */
export function countAppServers(t: Topology): number {
  return appServers(t).filter((a) => !a.draining).length;
}

/** Whether the topology has app servers behind NGINX, so horizontal scaling applies. */
export function canScaleOut(t: Topology): boolean {
  const apps = appServers(t);
  return apps.length > 0 && upstreamSources(t, apps).length > 0;
}

/** Nodes that send requests to the app servers' Gunicorns (NGINX). */
function upstreamSources(t: Topology, apps: readonly AppServer[]): string[] {
  const gs = new Set(apps.map((a) => a.gunicornId));
  const out: string[] = [];
  for (const e of t.edges) if (gs.has(e.target) && !out.includes(e.source)) out.push(e.source);
  return out;
}

/** Where Django sends its queries and writes (PostgreSQL, Redis, media), from the template app server. */
function djangoTargets(t: Topology, djangoId: string | null): string[] {
  if (djangoId === null) return [];
  return t.edges.filter((e) => e.source === djangoId).map((e) => e.target);
}

function edge(source: string, target: string): TopoEdge {
  return { id: `${source}->${target}`, source, target };
}

/** Geometry of the app column: where box k (0-based) goes. */
function appGeometry(t: Topology, apps: readonly AppServer[]) {
  const nodes = byId(t);
  const first = nodes.get(apps[0]!.boxId)!;
  const second = apps[1] ? nodes.get(apps[1].boxId) : undefined;
  const width = first.size?.width ?? 2 * SCENE_LAYOUT.boxPadding + SCENE_LAYOUT.nodeWidth;
  const height = first.size?.height ?? 200;
  const pitchY =
    second && second.position.x === first.position.x && second.position.y > first.position.y
      ? second.position.y - first.position.y
      : height + SCENE_LAYOUT.boxGap;
  const pitchX = width + SCENE_LAYOUT.gap;
  return {
    x0: first.position.x,
    y0: first.position.y,
    pitchX,
    pitchY,
    width,
    at: (k: number) => ({
      x: first.position.x + Math.floor(k / APP_ROWS) * pitchX,
      y: first.position.y + (k % APP_ROWS) * pitchY,
    }),
  };
}

function columns(count: number): number {
  return Math.max(1, Math.ceil(count / APP_ROWS));
}

/**
 * Sets the number of app servers taking traffic to n (1–20). New ones copy the last app
 * server (box cores, memory and weight; Gunicorn's workers and class), join NGINX's upstream
 * (an edge from NGINX) and reach the same databases. Removed ones are the highest-numbered:
 * with `drain` they stay, marked draining (NGINX sends them nothing new; the requests they
 * hold finish) until removeAppServers takes them out; without it they go at once.
 * A topology without app servers behind NGINX comes back unchanged.
 */
export function setAppServers(t: Topology, n: number, opts: { drain?: boolean } = {}): Topology {
  const apps = appServers(t);
  if (apps.length === 0 || upstreamSources(t, apps).length === 0) return t;
  const want = clampInt(n, LIMITS.appServers.min, LIMITS.appServers.max);
  const live = apps.filter((a) => !a.draining);
  let out = t;
  if (want > live.length) {
    // Bring draining servers back first (lowest number first), then add new ones.
    let missing = want - live.length;
    const draining = apps.filter((a) => a.draining).sort((a, b) => a.n - b.n);
    for (const a of draining) {
      if (missing === 0) break;
      out = setDraining(out, a.boxId, false);
      missing--;
    }
    if (missing > 0) out = addAppServers(out, missing);
  } else if (want < live.length) {
    const victims = live
      .slice()
      .sort((a, b) => b.n - a.n)
      .slice(0, live.length - want)
      .map((a) => a.boxId);
    if (opts.drain) for (const id of victims) out = setDraining(out, id, true);
    else out = removeAppServers(out, victims);
  }
  return out;
}

/** Marks an app server box draining (or back in service), with a label that says so. */
export function setDraining(t: Topology, boxId: string, draining: boolean): Topology {
  const i = t.nodes.findIndex((x) => x.id === boxId);
  const box = t.nodes[i];
  if (!box || (sim(box).draining === true) === draining) return t;
  const params: SimNodeParams = { ...sim(box) };
  if (draining) params.draining = true;
  else delete params.draining;
  const nodes = t.nodes.slice();
  nodes[i] = { ...box, params, labelKey: draining ? DRAINING_LABEL_KEY : APP_LABEL_KEY };
  return { ...t, nodes };
}

/** Boxes marked draining. */
export function drainingServers(t: Topology): string[] {
  return appServers(t)
    .filter((a) => a.draining)
    .map((a) => a.boxId);
}

function addAppServers(t: Topology, count: number): Topology {
  const apps = appServers(t);
  const nodes = byId(t);
  const template = apps[apps.length - 1]!;
  const tBox = nodes.get(template.boxId)!;
  const tGun = nodes.get(template.gunicornId)!;
  const tDjango = template.djangoId !== null ? nodes.get(template.djangoId) : undefined;
  const sources = upstreamSources(t, apps);
  const targets = djangoTargets(t, template.djangoId);
  const geo = appGeometry(t, apps);
  const usedIds = new Set(t.nodes.map((x) => x.id));
  let nextN = Math.max(...apps.map((a) => a.n)) + 1;
  const newNodes: TopoNode[] = [];
  const newEdges: TopoEdge[] = [];
  const boxParams: SimNodeParams = { ...sim(tBox) };
  delete boxParams.draining;
  for (let k = 0; k < count; k++) {
    let id = `app${nextN}`;
    while (usedIds.has(id) || usedIds.has(`${id}-gunicorn`) || usedIds.has(`${id}-django`)) id = `app${++nextN}`;
    usedIds.add(id);
    const gId = `${id}-gunicorn`;
    const dId = `${id}-django`;
    const box: TopoNode = {
      id,
      kind: 'server',
      position: geo.at(apps.length + k),
      labelKey: APP_LABEL_KEY,
      labelArgs: { n: nextN },
      params: { ...boxParams },
    };
    if (tBox.size) box.size = { ...tBox.size };
    newNodes.push(box, {
      id: gId,
      kind: 'gunicorn',
      position: { ...tGun.position },
      parentId: id,
      params: { ...sim(tGun), workers: tGun.params?.workers ?? recommendedWorkers(boxCores(tBox)) },
    });
    for (const s of sources) newEdges.push(edge(s, gId));
    if (tDjango) {
      const d: TopoNode = { id: dId, kind: 'django', position: { ...tDjango.position }, parentId: id };
      if (tDjango.params) d.params = { ...tDjango.params };
      newNodes.push(d);
      newEdges.push(edge(gId, dId));
      for (const target of targets) newEdges.push(edge(dId, target));
    }
    nextN++;
  }
  // Boxes before their children (React Flow): insert the new group right after the last app node.
  const lastAppIdx = Math.max(
    ...t.nodes.map((x, i) => (apps.some((a) => a.boxId === x.id || a.boxId === x.parentId) ? i : -1)),
  );
  const allNodes = [...t.nodes.slice(0, lastAppIdx + 1), ...newNodes, ...t.nodes.slice(lastAppIdx + 1)];
  const out = { nodes: allNodes, edges: [...t.edges, ...newEdges] };
  return shiftRightOfApps(out, geo, columns(apps.length), columns(apps.length + count));
}

/** Takes app server boxes (and what runs in them, and their edges) out of the topology. */
export function removeAppServers(t: Topology, boxIds: readonly string[]): Topology {
  const apps = appServers(t);
  const gone = new Set(boxIds.filter((id) => apps.some((a) => a.boxId === id)));
  // Never the last one.
  if (gone.size === 0 || gone.size >= apps.length) return t;
  const geo = appGeometry(t, apps);
  for (const x of t.nodes) if (x.parentId !== undefined && gone.has(x.parentId)) gone.add(x.id);
  const out: Topology = {
    nodes: t.nodes.filter((x) => !gone.has(x.id)),
    edges: t.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
  };
  const remaining = appServers(out);
  // Close the gaps: the remaining boxes take the first places of the column.
  const nodes = out.nodes.slice();
  remaining.forEach((a, k) => {
    const i = nodes.findIndex((x) => x.id === a.boxId);
    const box = nodes[i]!;
    const p = geo.at(k);
    if (box.position.x !== p.x || box.position.y !== p.y) nodes[i] = { ...box, position: p };
  });
  return shiftRightOfApps({ ...out, nodes }, geo, columns(apps.length), columns(remaining.length));
}

/** Moves the top-level nodes right of the app column (the database box) when the column count changes. */
function shiftRightOfApps(
  t: Topology,
  geo: ReturnType<typeof appGeometry>,
  fromCols: number,
  toCols: number,
): Topology {
  if (fromCols === toCols) return t;
  const dx = (toCols - fromCols) * geo.pitchX;
  const edgeX = geo.x0 + geo.width;
  const appBoxes = new Set(appServers(t).map((a) => a.boxId));
  return {
    ...t,
    nodes: t.nodes.map((x) =>
      x.parentId === undefined && !appBoxes.has(x.id) && x.position.x >= edgeX
        ? { ...x, position: { x: x.position.x + dx, y: x.position.y } }
        : x,
    ),
  };
}

// ───────────────────────────── vertical scaling ─────────────────────────────

/** The Gunicorns running on a box. */
function gunicornsIn(t: Topology, boxId: string): TopoNode[] {
  return t.nodes.filter((x) => x.kind === 'gunicorn' && x.parentId === boxId);
}

/** Workers a Gunicorn runs (its setting, else the rule of thumb for its box). */
export function workersOf(t: Topology, gunicornId: string): number {
  const nodes = byId(t);
  const g = nodes.get(gunicornId);
  if (!g) return 0;
  return g.params?.workers ?? recommendedWorkers(boxCores(g.parentId ? nodes.get(g.parentId) : undefined));
}

/** Whether a Gunicorn's workers were set by hand (differ from 2 × cores + 1 of its box). */
export function workersSetByHand(t: Topology, gunicornId: string): boolean {
  const nodes = byId(t);
  const g = nodes.get(gunicornId);
  if (!g || g.params?.workers === undefined) return false;
  return g.params.workers !== recommendedWorkers(boxCores(g.parentId ? nodes.get(g.parentId) : undefined));
}

/** Sets a box's CPU cores (1–64); Gunicorns on it that follow the rule of thumb follow it. */
export function setCores(t: Topology, boxId: string, cores: number): Topology {
  const box = t.nodes.find((x) => x.id === boxId);
  if (!box || box.kind !== 'server') return t;
  const c = clampInt(cores, LIMITS.cores.min, LIMITS.cores.max);
  let out = t;
  for (const g of gunicornsIn(t, boxId)) {
    if (!workersSetByHand(t, g.id)) out = withParams(out, g.id, { workers: recommendedWorkers(c) });
  }
  return withParams(out, boxId, { cores: c });
}

/** Sets a Gunicorn's workers by hand. */
export function setWorkers(t: Topology, gunicornId: string, workers: number): Topology {
  const g = t.nodes.find((x) => x.id === gunicornId);
  if (!g || g.kind !== 'gunicorn') return t;
  return withParams(t, gunicornId, { workers: clampInt(workers, LIMITS.workers.min, LIMITS.workers.max) });
}

/** Puts a Gunicorn's workers back on the rule of thumb, 2 × cores + 1. */
export function resetWorkers(t: Topology, gunicornId: string): Topology {
  const nodes = byId(t);
  const g = nodes.get(gunicornId);
  if (!g || g.kind !== 'gunicorn') return t;
  return withParams(t, gunicornId, {
    workers: recommendedWorkers(boxCores(g.parentId ? nodes.get(g.parentId) : undefined)),
  });
}

export function setMemory(t: Topology, boxId: string, memoryMb: number): Topology {
  const box = t.nodes.find((x) => x.id === boxId);
  if (!box || box.kind !== 'server') return t;
  return withParams(t, boxId, { memoryMb: clampInt(memoryMb, LIMITS.memoryMb.min, LIMITS.memoryMb.max) });
}

export function setWorkerClass(t: Topology, gunicornId: string, workerClass: WorkerClass): Topology {
  const g = t.nodes.find((x) => x.id === gunicornId);
  if (!g || g.kind !== 'gunicorn' || !WORKER_CLASSES.includes(workerClass)) return t;
  return withParams(t, gunicornId, { workerClass });
}

/** Load-balancing weight of an app server (0 = takes no new requests). */
export function setWeight(t: Topology, boxId: string, weight: number): Topology {
  const box = t.nodes.find((x) => x.id === boxId);
  if (!box || box.kind !== 'server') return t;
  const w = Math.min(LIMITS.weight.max, Math.max(LIMITS.weight.min, Number.isFinite(weight) ? Math.round(weight) : 1));
  return withParams(t, boxId, { weight: w });
}

export function weightOf(t: Topology, boxId: string): number {
  return t.nodes.find((x) => x.id === boxId)?.params?.weight ?? 1;
}

// ───────────────────────────── load balancing ─────────────────────────────

/** The load-balancing method of the proxies in front of the app servers (NGINX). */
export function lbMethodOf(t: Topology): LbMethod {
  const nginx = t.nodes.find((x) => x.kind === 'nginx');
  return sim(nginx).lbMethod ?? 'round_robin';
}

export function setLbMethod(t: Topology, method: LbMethod): Topology {
  if (!LB_METHODS.includes(method)) return t;
  let out = t;
  for (const x of t.nodes) if (x.kind === 'nginx') out = withParams(out, x.id, { lbMethod: method });
  return out;
}

// ───────────────────────────── performance techniques ─────────────────────────────

/** Whether Django looks things up in Redis before asking the database. */
export function cacheEnabled(t: Topology): boolean {
  const kinds = byId(t);
  return t.edges.some((e) => kinds.get(e.source)?.kind === 'django' && kinds.get(e.target)?.kind === 'redis');
}

export function hitRatioOf(t: Topology, kind: 'redis' | 'cdn'): number {
  const node = t.nodes.find((x) => x.kind === kind);
  return node?.params?.hitRatio ?? CATALOG[kind].capacity.hitRatio ?? 0;
}

export function setHitRatio(t: Topology, kind: 'redis' | 'cdn', ratio: number): Topology {
  const r = Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
  let out = t;
  for (const x of t.nodes) if (x.kind === kind) out = withParams(out, x.id, { hitRatio: r });
  return out;
}

/**
 * Redis caching on or off. On: every Django gets an edge to Redis (a Redis is added next to
 * PostgreSQL when there is none). Off: the Redis node and its edges go.
 */
export function setRedisCache(t: Topology, on: boolean): Topology {
  const djangos = t.nodes.filter((x) => x.kind === 'django');
  if (djangos.length === 0) return t;
  if (!on) {
    const gone = new Set(t.nodes.filter((x) => x.kind === 'redis').map((x) => x.id));
    if (gone.size === 0) return t;
    return {
      nodes: t.nodes.filter((x) => !gone.has(x.id)),
      edges: t.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    };
  }
  let nodes = t.nodes;
  let redis = t.nodes.find((x) => x.kind === 'redis');
  if (!redis) {
    const db = t.nodes.find((x) => x.kind === 'postgres' || x.kind === 'sqlite');
    const L = SCENE_LAYOUT;
    const id = t.nodes.some((x) => x.id === 'redis') ? 'redis-cache' : 'redis';
    redis = {
      id,
      kind: 'redis',
      position: db
        ? { x: db.position.x, y: db.position.y + L.nodeHeight + L.rowGap }
        : { x: 0, y: 0 },
    };
    if (db?.parentId !== undefined) redis.parentId = db.parentId;
    nodes = [...nodes, redis];
    // Grow the box so the new row fits.
    if (db?.parentId !== undefined) {
      const boxI = nodes.findIndex((x) => x.id === db.parentId);
      const box = nodes[boxI];
      const need = redis.position.y + L.nodeHeight + L.boxPadding;
      if (box?.size && box.size.height < need) {
        nodes = nodes.slice();
        nodes[boxI] = { ...box, size: { ...box.size, height: need } };
      }
    }
  }
  const rid = redis.id;
  const edges = t.edges.slice();
  for (const d of djangos) {
    if (!edges.some((e) => e.source === d.id && e.target === rid)) edges.push(edge(d.id, rid));
  }
  return { nodes, edges };
}

/** Whether a CDN sits in front of NGINX. */
export function cdnEnabled(t: Topology): boolean {
  return t.nodes.some((x) => x.kind === 'cdn');
}

/**
 * A CDN in front of NGINX on or off. On: user → CDN → NGINX (the CDN takes the user's place
 * and the user moves one column left). Off: the CDN goes and the user talks to NGINX again.
 */
export function setCdn(t: Topology, on: boolean): Topology {
  const COLUMN = SCENE_LAYOUT.nodeWidth + SCENE_LAYOUT.gap;
  if (!on) {
    const cdns = new Set(t.nodes.filter((x) => x.kind === 'cdn').map((x) => x.id));
    if (cdns.size === 0) return t;
    const users = new Set(t.edges.filter((e) => cdns.has(e.target)).map((e) => e.source));
    const origins = t.edges.filter((e) => cdns.has(e.source)).map((e) => e.target);
    const edges = t.edges.filter((e) => !cdns.has(e.source) && !cdns.has(e.target));
    for (const u of users) {
      for (const o of origins) if (!edges.some((e) => e.source === u && e.target === o)) edges.push(edge(u, o));
    }
    return {
      nodes: t.nodes
        .filter((x) => !cdns.has(x.id))
        .map((x) => (users.has(x.id) ? { ...x, position: { x: x.position.x + COLUMN, y: x.position.y } } : x)),
      edges,
    };
  }
  if (cdnEnabled(t)) return t;
  const kinds = byId(t);
  const userEdges = t.edges.filter(
    (e) => kinds.get(e.source)?.kind === 'user' && kinds.get(e.target)?.kind === 'nginx',
  );
  if (userEdges.length === 0) return t;
  const users = new Set(userEdges.map((e) => e.source));
  const nginxes = [...new Set(userEdges.map((e) => e.target))];
  const firstUser = kinds.get(userEdges[0]!.source)!;
  const id = t.nodes.some((x) => x.id === 'cdn') ? 'edge-cdn' : 'cdn';
  const cdn: TopoNode = { id, kind: 'cdn', position: { ...firstUser.position } };
  const edges = t.edges.filter((e) => !userEdges.includes(e));
  for (const u of users) edges.push(edge(u, id));
  for (const n of nginxes) edges.push(edge(id, n));
  const nodes = t.nodes.map((x) =>
    users.has(x.id) ? { ...x, position: { x: x.position.x - COLUMN, y: x.position.y } } : x,
  );
  return { nodes: [...nodes, cdn], edges };
}

/** Whether every Gunicorn runs async (gevent) workers. */
export function asyncWorkersEnabled(t: Topology): boolean {
  const gs = t.nodes.filter((x) => x.kind === 'gunicorn');
  return gs.length > 0 && gs.every((g) => g.params?.workerClass === 'async');
}

/** Async workers on (every Gunicorn's class → async) or off (→ sync). */
export function setAsyncWorkers(t: Topology, on: boolean): Topology {
  let out = t;
  for (const g of t.nodes) if (g.kind === 'gunicorn') out = setWorkerClass(out, g.id, on ? 'async' : 'sync');
  return out;
}

/** Server boxes a scaling control can act on, app servers first. */
export function scalableBoxes(t: Topology): TopoNode[] {
  const apps = new Set(appServers(t).map((a) => a.boxId));
  const boxes = t.nodes.filter((x) => x.kind === 'server');
  return [...boxes.filter((b) => apps.has(b.id)), ...boxes.filter((b) => !apps.has(b.id))];
}

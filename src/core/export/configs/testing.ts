/**
 * A seeded generator of valid production-like topologies and settings, for property tests
 * of the config generators (varies app servers 1–8, LB method, weights, workers, worker
 * class, stopped servers, static/media/CDN/Redis presence, PostgreSQL or SQLite, HTTPS).
 */
import type { NodeParams, TopoEdge, TopoNode, Topology } from '../../topology/types';
import type { ConfigSettings, LbMethodName, WorkerClass } from './types';

/** mulberry32: small, seeded, good enough for test cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomCase {
  seed: number;
  topology: Topology;
  settings: ConfigSettings;
  /** What was chosen, for assertions. */
  appServers: number;
  lbMethod: LbMethodName;
  weights: number[];
  stopped: boolean[];
  workers: number[];
  hasStatic: boolean;
  hasMedia: boolean;
}

const DOMAINS = ['example.com', 'shop.example.org', 'my-app.co.uk', 'a.b.c.dev'];

export function randomCase(seed: number): RandomCase {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

  const appServers = int(1, 8);
  const lbMethod = pick<LbMethodName>(['round_robin', 'least_conn', 'ip_hash']);
  const hasStatic = r() < 0.7;
  const hasMedia = r() < 0.6;
  const cdn = r() < 0.3;
  const redis = r() < 0.7;
  const db = r() < 0.85 ? 'postgres' : 'sqlite';
  const origin = { x: 0, y: 0 };
  const nodes: TopoNode[] = [{ id: 'user', kind: 'user', position: origin }];
  const edges: TopoEdge[] = [];
  const edge = (source: string, target: string) => edges.push({ id: `${source}->${target}`, source, target });

  if (cdn) {
    nodes.push({ id: 'cdn', kind: 'cdn', position: origin });
    edge('user', 'cdn');
    edge('cdn', 'nginx');
  } else edge('user', 'nginx');

  const nginxParams = { lbMethod } as NodeParams;
  nodes.push({ id: 'web', kind: 'server', position: origin, params: { cores: int(1, 4) } });
  nodes.push({ id: 'nginx', kind: 'nginx', position: origin, parentId: 'web', params: nginxParams });
  if (hasStatic) {
    nodes.push({ id: 'static', kind: 'static', position: origin, parentId: 'web' });
    edge('nginx', 'static');
  }
  if (hasMedia) {
    nodes.push({ id: 'media', kind: 'media', position: origin, parentId: 'web' });
    edge('nginx', 'media');
  }
  nodes.push({ id: 'db', kind: 'server', position: origin });
  nodes.push({ id: db, kind: db, position: origin, parentId: 'db' });
  if (redis) nodes.push({ id: 'redis', kind: 'redis', position: origin, parentId: 'db' });

  const weights: number[] = [];
  const stopped: boolean[] = [];
  const workers: number[] = [];
  for (let i = 1; i <= appServers; i++) {
    const w = r() < 0.5 ? 1 : int(1, 10);
    const down = r() < 0.1;
    const n = int(1, 17);
    weights.push(w);
    stopped.push(down);
    workers.push(n);
    const params: NodeParams = {
      workers: n,
      workerClass: pick<WorkerClass>(['sync', 'gthread', 'async']),
      ...(down ? { up: false } : {}),
    };
    // The weight sits on the Gunicorn node or on its server box, as the scaling panel may put it.
    const onBox = r() < 0.5;
    nodes.push({ id: `app${i}`, kind: 'server', position: origin, params: { cores: int(1, 8), ...(onBox ? { weight: w } : {}) } });
    nodes.push({ id: `app${i}-gunicorn`, kind: 'gunicorn', position: origin, parentId: `app${i}`, params: onBox ? params : { ...params, weight: w } });
    nodes.push({ id: `app${i}-django`, kind: 'django', position: origin, parentId: `app${i}` });
    edge('nginx', `app${i}-gunicorn`);
    edge(`app${i}-gunicorn`, `app${i}-django`);
    edge(`app${i}-django`, db);
    if (redis) edge(`app${i}-django`, 'redis');
  }

  const settings: ConfigSettings = {
    https: r() < 0.6,
    securityHeaders: r() < 0.7,
    domain: pick(DOMAINS),
    ...(r() < 0.3 ? { workerClass: pick<WorkerClass>(['sync', 'gthread', 'async']) } : {}),
  };
  return { seed, topology: { nodes, edges }, settings, appServers, lbMethod, weights, stopped, workers, hasStatic, hasMedia };
}

import { describe, expect, it } from 'vitest';
import { recommendedWorkers } from '../catalog/catalog';
import { Simulation } from '../sim/engine';
import type { RequestType } from '../sim/types';
import { validateTopology } from './graph';
import {
  appServers,
  asyncWorkersEnabled,
  cacheEnabled,
  canScaleOut,
  cdnEnabled,
  countAppServers,
  drainingServers,
  lbMethodOf,
  removeAppServers,
  resetWorkers,
  setAppServers,
  setAsyncWorkers,
  setCdn,
  setCores,
  setHitRatio,
  setLbMethod,
  setMemory,
  setRedisCache,
  setWeight,
  setWorkerClass,
  setWorkers,
  workersOf,
  workersSetByHand,
} from './scaling';
import { getScene } from './scenes';
import type { Topology } from './types';

const production = (): Topology => getScene('production').topology;
const only = (t: RequestType): Partial<Record<RequestType, number>> => ({
  static: t === 'static' ? 1 : 0,
  page: t === 'page' ? 1 : 0,
  api: t === 'api' ? 1 : 0,
  upload: t === 'upload' ? 1 : 0,
});
const dynamic = { static: 0, page: 0.7, api: 0.3, upload: 0 };

function kinds(t: Topology, kind: string): number {
  return t.nodes.filter((n) => n.kind === kind).length;
}

/** Successful responses per simulated second over the last `windowMs` of a `ms` run. */
function goodput(t: Topology, rps: number, ms = 40_000, windowMs = 20_000): number {
  const sim = new Simulation(t, { seed: 7, rps, mix: dynamic, eventLog: 0, windowMs });
  sim.advanceTo(ms);
  const m = sim.metrics();
  return (m.windowCompleted * 1000) / m.windowMs;
}

describe('horizontal scaling transforms', () => {
  it('App servers to 3: three Gunicorn + Django boxes, all in NGINX’s upstream and reaching the databases', () => {
    const t = setAppServers(production(), 3);
    expect(validateTopology(t)).toEqual([]);
    expect(countAppServers(t)).toBe(3);
    expect(kinds(t, 'gunicorn')).toBe(3);
    expect(kinds(t, 'django')).toBe(3);
    const a3 = appServers(t)[2]!;
    expect(a3.n).toBe(3);
    expect(t.edges.some((e) => e.source === 'nginx' && e.target === a3.gunicornId)).toBe(true);
    expect(t.edges.some((e) => e.source === a3.djangoId && e.target === 'postgres')).toBe(true);
    expect(t.edges.some((e) => e.source === a3.djangoId && e.target === 'redis')).toBe(true);
    // Boxes come before their children.
    const idx = (id: string) => t.nodes.findIndex((n) => n.id === id);
    expect(idx(a3.boxId)).toBeLessThan(idx(a3.gunicornId));
    // New servers copy the template's size and stand below the others, not on top of them.
    const boxes = appServers(t).map((a) => t.nodes.find((n) => n.id === a.boxId)!);
    expect(new Set(boxes.map((b) => `${b.position.x},${b.position.y}`)).size).toBe(3);
  });

  it('leaves the input alone, keeps untouched nodes, and goes back down to 1', () => {
    const t0 = production();
    const before = JSON.stringify(t0);
    const t = setAppServers(t0, 5);
    expect(JSON.stringify(t0)).toBe(before);
    expect(t.nodes.find((n) => n.id === 'postgres')).toBe(t0.nodes.find((n) => n.id === 'postgres'));
    const one = setAppServers(t, 1);
    expect(countAppServers(one)).toBe(1);
    expect(kinds(one, 'gunicorn')).toBe(1);
    expect(validateTopology(one)).toEqual([]);
    expect(one.edges.every((e) => one.nodes.some((n) => n.id === e.source) && one.nodes.some((n) => n.id === e.target))).toBe(true);
  });

  it('clamps to 1–20 and lays 20 servers out in columns, moving the database box right', () => {
    const t = setAppServers(production(), 99);
    expect(countAppServers(t)).toBe(20);
    expect(countAppServers(setAppServers(t, 0))).toBe(1);
    const dbX = (x: Topology) => x.nodes.find((n) => n.id === 'db')!.position.x;
    expect(dbX(t)).toBeGreaterThan(dbX(production()));
    const appRight = Math.max(
      ...appServers(t).map((a) => {
        const b = t.nodes.find((n) => n.id === a.boxId)!;
        return b.position.x + (b.size?.width ?? 0);
      }),
    );
    expect(dbX(t)).toBeGreaterThan(appRight);
    expect(dbX(setAppServers(t, 2))).toBe(dbX(production()));
  });

  it('removing with drain marks servers draining first; removeAppServers then takes them out', () => {
    const t = setAppServers(setAppServers(production(), 4), 2, { drain: true });
    expect(countAppServers(t)).toBe(2);
    expect(kinds(t, 'gunicorn')).toBe(4);
    expect(drainingServers(t)).toEqual(['app3', 'app4']);
    // Scaling up again brings a draining server back instead of adding one.
    const back = setAppServers(t, 3);
    expect(drainingServers(back)).toEqual(['app4']);
    expect(kinds(back, 'gunicorn')).toBe(4);
    const done = removeAppServers(t, drainingServers(t));
    expect(kinds(done, 'gunicorn')).toBe(2);
    expect(drainingServers(done)).toEqual([]);
  });

  it('does nothing where there is no NGINX upstream (runserver scenes)', () => {
    const local = getScene('local').topology;
    expect(canScaleOut(local)).toBe(false);
    expect(setAppServers(local, 3)).toBe(local);
    expect(canScaleOut(production())).toBe(true);
  });

  it('load-balancing method and weights', () => {
    expect(lbMethodOf(production())).toBe('round_robin');
    const t = setWeight(setLbMethod(production(), 'least_conn'), 'app2', 3);
    expect(lbMethodOf(t)).toBe('least_conn');
    expect(t.nodes.find((n) => n.id === 'app2')!.params!.weight).toBe(3);
  });
});

describe('vertical scaling transforms', () => {
  it('workers = 2 × cores + 1 by default, following the cores until set by hand', () => {
    const t0 = production();
    const g = appServers(t0)[0]!.gunicornId;
    expect(workersOf(t0, g)).toBe(recommendedWorkers(2));
    expect(workersOf(t0, g)).toBe(5);
    const eight = setCores(t0, 'app1', 8);
    expect(workersOf(eight, g)).toBe(17);
    expect(workersSetByHand(eight, g)).toBe(false);
    const hand = setWorkers(eight, g, 9);
    expect(workersSetByHand(hand, g)).toBe(true);
    expect(workersOf(setCores(hand, 'app1', 16), g)).toBe(9);
    expect(workersOf(resetWorkers(setCores(hand, 'app1', 16), g), g)).toBe(33);
    // A new app server gets the rule of thumb for its cores too.
    const more = setAppServers(setCores(t0, 'app2', 4), 3);
    expect(workersOf(more, appServers(more)[2]!.gunicornId)).toBe(9);
    // The engine uses the rule when a Gunicorn in a box has no workers set.
    const bare = {
      ...t0,
      nodes: t0.nodes.map((n) => (n.kind === 'gunicorn' ? { ...n, params: {} } : n)),
    };
    const sim = new Simulation(bare, { seed: 1, rps: 0, eventLog: 0 });
    expect(sim.metrics().nodes[g]!.capacity).toBe(5);
  });

  it('clamps cores to 1–64 and sets memory and worker class', () => {
    const t = setWorkerClass(setMemory(setCores(production(), 'app1', 200), 'app1', 8192), 'app1-gunicorn', 'gthread');
    const box = t.nodes.find((n) => n.id === 'app1')!;
    expect(box.params!.cores).toBe(64);
    expect(box.params!.memoryMb).toBe(8192);
    expect(t.nodes.find((n) => n.id === 'app1-gunicorn')!.params!.workerClass).toBe('gthread');
  });
});

describe('performance techniques', () => {
  it('Redis cache toggles off and back on; CDN toggles in front of NGINX; async workers', () => {
    const t0 = production();
    expect(cacheEnabled(t0)).toBe(true);
    const off = setRedisCache(t0, false);
    expect(cacheEnabled(off)).toBe(false);
    expect(kinds(off, 'redis')).toBe(0);
    const on = setRedisCache(off, true);
    expect(cacheEnabled(on)).toBe(true);
    expect(validateTopology(on)).toEqual([]);

    const cdn = setCdn(t0, true);
    expect(cdnEnabled(cdn)).toBe(true);
    expect(cdn.edges.some((e) => e.source === 'user' && e.target === 'cdn')).toBe(true);
    expect(cdn.edges.some((e) => e.source === 'cdn' && e.target === 'nginx')).toBe(true);
    expect(cdn.edges.some((e) => e.source === 'user' && e.target === 'nginx')).toBe(false);
    const noCdn = setCdn(cdn, false);
    expect(cdnEnabled(noCdn)).toBe(false);
    expect(noCdn.edges.some((e) => e.source === 'user' && e.target === 'nginx')).toBe(true);
    expect(noCdn.nodes.find((n) => n.id === 'user')!.position).toEqual(t0.nodes.find((n) => n.id === 'user')!.position);

    const asy = setAsyncWorkers(t0, true);
    expect(asyncWorkersEnabled(asy)).toBe(true);
    expect(asyncWorkersEnabled(setAsyncWorkers(asy, false))).toBe(false);
  });

  it('a cache hit ratio of 0.8 cuts database queries by about 80 %', { timeout: 60_000 }, () => {
    const queries = (t: Topology) => {
      const sim = new Simulation(t, { seed: 3, rps: 60, mix: only('page'), eventLog: 0 });
      sim.advanceTo(120_000);
      return sim.metrics().nodes['postgres']!.started;
    };
    const without = queries(setRedisCache(production(), false));
    const withCache = queries(setHitRatio(production(), 'redis', 0.8));
    expect(without).toBeGreaterThan(10_000);
    const cut = 1 - withCache / without;
    expect(cut).toBeGreaterThan(0.77);
    expect(cut).toBeLessThan(0.83);
  });
});

describe('what scaling does to the numbers', () => {
  /** Production with a database server big enough that the app tier is the bottleneck. */
  const appBound = (servers: number) => setCores(setAppServers(production(), servers), 'db', 32);

  it('at a saturating load, 4 app servers give ≥ 3.5× the throughput of 1 (app tier the bottleneck)', { timeout: 60_000 }, () => {
    const one = goodput(appBound(1), 1000);
    const four = goodput(appBound(4), 1000);
    // One app server (2 cores, 15 ms of CPU per request: Django's default cpuMs) completes about 130 requests/s.
    expect(one).toBeGreaterThan(100);
    expect(one).toBeLessThan(140);
    expect(four / one).toBeGreaterThanOrEqual(3.5);
  });

  it('with enough app servers the database becomes the bottleneck: the queue builds there', () => {
    const t = setCores(setRedisCache(setAppServers(production(), 12), false), 'db', 2);
    const sim = new Simulation(t, { seed: 2, rps: 1200, mix: dynamic, eventLog: 0 });
    sim.advanceTo(20_000);
    const m = sim.metrics();
    expect(m.nodes['db']!.utilisation!).toBeGreaterThan(0.95);
    const appCpu = Math.max(...appServers(t).map((a) => m.nodes[a.boxId]!.utilisation!));
    expect(appCpu).toBeLessThan(m.nodes['db']!.utilisation!);
  });

  it('least connections beats round robin on p95 when servers have unequal speeds', { timeout: 60_000 }, () => {
    // app1 has 1 core, app2 has 4: same weight, very different speed.
    const t = setCores(setCores(production(), 'app1', 1), 'app2', 4);
    const p95 = (method: 'round_robin' | 'least_conn') => {
      const sim = new Simulation(setLbMethod(t, method), { seed: 11, rps: 120, mix: dynamic, eventLog: 0, windowMs: 60_000 });
      sim.advanceTo(90_000);
      return sim.metrics().latency.p95;
    };
    const rr = p95('round_robin');
    const lc = p95('least_conn');
    expect(lc).toBeLessThan(rr * 0.7);
  });

  it('least connections beats round robin on p95 when weights do not match the servers’ speeds', { timeout: 60_000 }, () => {
    // Equal servers, but round robin honours a 3:1 weight that overloads app1.
    const t = setWeight(production(), 'app1', 3);
    const p95 = (method: 'round_robin' | 'least_conn') => {
      const sim = new Simulation(setLbMethod(t, method), { seed: 5, rps: 150, mix: dynamic, eventLog: 0, windowMs: 60_000 });
      sim.advanceTo(90_000);
      return sim.metrics().latency.p95;
    };
    expect(p95('least_conn')).toBeLessThan(p95('round_robin'));
  });
});

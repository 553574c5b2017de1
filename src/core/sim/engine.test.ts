import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { e, n, productionLike, topo } from './testing';
import type { RequestType, SimEvent, SimOptions } from './types';
import type { Topology } from '../topology/types';

const only = (t: RequestType): Partial<Record<RequestType, number>> => ({
  static: t === 'static' ? 1 : 0,
  page: t === 'page' ? 1 : 0,
  api: t === 'api' ? 1 : 0,
  upload: t === 'upload' ? 1 : 0,
});

function run(t: Topology, opts: Partial<SimOptions> & { ms: number }): Simulation {
  const sim = new Simulation(t, { seed: 1, rps: 100, eventLog: 0, ...opts });
  sim.advanceTo(opts.ms);
  return sim;
}

function expectConserved(sim: Simulation): void {
  const m = sim.metrics();
  expect(m.arrived).toBe(m.completed + m.errored + m.inFlight);
}

/** Stop the load and let everything in flight finish. */
function drain(sim: Simulation): void {
  sim.setRps(0);
  sim.advanceTo(sim.now + 200_000);
}

describe('Little’s law', () => {
  it('L = λW within 2 % on a production-like topology', { timeout: 60_000 }, () => {
    const sim = run(productionLike(), { rps: 150, ms: 600_000 });
    const m = sim.metrics();
    const L = m.totals.meanInFlight;
    const lambdaW = (m.totals.throughput / 1000) * m.totals.latency.mean;
    expect(m.completed).toBeGreaterThan(80_000);
    expect(Math.abs(L / lambdaW - 1)).toBeLessThan(0.02);
  });

  it('L = λW within 2 % when overloaded (dropped connections, retries and timeouts)', { timeout: 60_000 }, () => {
    const t = topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('g', 'gunicorn', { workers: 2, backlog: 5 }),
        n('d', 'django', { cpuMs: 20, ioMs: 0 }),
        n('db', 'sqlite'),
      ],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd'), e('d', 'db')],
    );
    const sim = run(t, { rps: 150, ms: 300_000 });
    const m = sim.metrics();
    expect(m.errored).toBeGreaterThan(1000);
    const lambdaW = (m.totals.throughput / 1000) * m.totals.latency.mean;
    expect(Math.abs(m.totals.meanInFlight / lambdaW - 1)).toBeLessThan(0.02);
  });
});

describe('conservation', () => {
  it('arrived = completed + errored + inFlight at all times, and every request ends exactly once', { timeout: 60_000 }, () => {
    const sim = new Simulation(productionLike(), { seed: 3, rps: 400, eventLog: 0 });
    const ends = new Map<number, number>();
    const arrivals = new Set<number>();
    sim.onEvent((ev) => {
      if (ev.kind === 'arrive') arrivals.add(ev.reqId);
      if (ev.kind === 'complete' || ev.kind === 'error') ends.set(ev.reqId, (ends.get(ev.reqId) ?? 0) + 1);
    });
    for (let t = 0; t < 20_000; t += 37) {
      sim.advanceTo(t);
      expectConserved(sim);
    }
    // Break things while requests are in flight.
    const broken = productionLike();
    broken.nodes = broken.nodes.filter((x) => x.id !== 'g1' && x.id !== 'redis');
    broken.edges = broken.edges.filter((x) => x.source !== 'g1' && x.target !== 'g1' && x.target !== 'redis');
    sim.setTopology(broken);
    expectConserved(sim);
    for (let t = 20_000; t < 30_000; t += 37) {
      sim.advanceTo(t);
      expectConserved(sim);
    }
    const pgDown = productionLike();
    pgDown.nodes = pgDown.nodes.map((x) => (x.id === 'pg' ? { ...x, params: { up: false } } : x));
    sim.setTopology(pgDown);
    sim.advanceTo(40_000);
    expectConserved(sim);
    drain(sim);
    const m = sim.metrics();
    expect(m.inFlight).toBe(0);
    expect(m.arrived).toBe(m.completed + m.errored);
    expect(arrivals.size).toBe(m.arrived);
    expect(ends.size).toBe(m.arrived);
    for (const count of ends.values()) expect(count).toBe(1);
    expect(sim.transits().length).toBe(0);
    expect(m.totals.errorsByStatus['500'] ?? 0).toBeGreaterThan(0);
  });

  it('requests on a removed node end with an error', () => {
    const t = topo(
      [n('u', 'user'), n('ng', 'nginx'), n('g', 'gunicorn', { workers: 1 }), n('d', 'django', { serviceMs: 500, queriesPerRequest: 0 })],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd')],
    );
    const sim = new Simulation(t, { seed: 1, rps: 20, mix: only('page'), eventLog: 0 });
    sim.advanceTo(5_000);
    expect(sim.metrics().nodes['g']!.queue).toBeGreaterThan(0);
    sim.setTopology(topo([n('u', 'user'), n('ng', 'nginx')], [e('u', 'ng')]));
    drain(sim);
    const m = sim.metrics();
    expect(m.inFlight).toBe(0);
    expect(m.completed).toBeLessThan(15);
    expect(m.totals.errorsByStatus['502']).toBe(m.errored);
  });
});

describe('determinism', () => {
  const hashOf = (seed: number): [number, number] => {
    const sim = new Simulation(productionLike(), { seed, rps: 300, eventLog: 0 });
    sim.advanceTo(10_000);
    sim.setRps(600);
    sim.advanceTo(20_000);
    return [sim.eventHash, sim.eventCount];
  };

  it('same seed ⇒ identical event stream; different seed ⇒ different', () => {
    const a = hashOf(42);
    expect(hashOf(42)).toEqual(a);
    expect(hashOf(43)[0]).not.toBe(a[0]);
    expect(a[1]).toBeGreaterThan(100_000);
  });

  it('reset() replays the same run; advancing in small or big steps changes nothing', () => {
    const sim = new Simulation(productionLike(), { seed: 9, rps: 300, eventLog: 0 });
    sim.advanceTo(5_000);
    const h1 = sim.eventHash;
    sim.reset();
    expect(sim.now).toBe(0);
    for (let t = 16; t <= 5_000; t += 16.6667) sim.advanceTo(t);
    sim.advanceTo(5_000);
    expect(sim.eventHash).toBe(h1);
  });

  it('step() processes one event at a time and returns it in order', () => {
    const sim = new Simulation(productionLike(), { seed: 5, rps: 100, eventLog: 50 });
    const seen: SimEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const ev = sim.step();
      expect(ev).not.toBeNull();
      seen.push(ev!);
    }
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.t).toBeGreaterThanOrEqual(seen[i - 1]!.t);
      expect(seen[i]!.seq).toBeGreaterThan(seen[i - 1]!.seq);
    }
    expect(seen[0]!.kind).toBe('arrive');
    expect(sim.recentEvents().length).toBe(50);
    const last = seen.at(-1)!;
    expect(sim.recentEvents().find((x) => x.seq === last.seq)).toEqual(last);
    const hop = seen.find((x) => x.kind === 'hop')!;
    expect(hop.from).toBe('user');
    expect(hop.to).toBe('nginx');
  });
});

describe('behaviour', () => {
  it('NGINX with no upstream answers 502', () => {
    const sim = run(topo([n('u', 'user'), n('ng', 'nginx')], [e('u', 'ng')]), { mix: only('page'), ms: 10_000 });
    const m = sim.metrics();
    expect(m.completed).toBe(0);
    expect(m.totals.errorsByStatus['502']).toBe(m.errored);
    expect(m.errored).toBeGreaterThan(500);
  });

  it('NGINX with its only upstream down answers 502; with one of two down, the other serves', () => {
    const down = topo(
      [n('u', 'user'), n('ng', 'nginx'), n('g', 'gunicorn', { up: false }), n('d', 'django', { queriesPerRequest: 0 })],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd')],
    );
    const m = run(down, { mix: only('page'), ms: 10_000 }).metrics();
    expect(m.completed).toBe(0);
    expect(m.totals.errorsByStatus['502']).toBe(m.errored);

    const boxDown = topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('b1', 'server', { up: false }),
        n('g1', 'gunicorn', {}, 'b1'),
        n('g2', 'gunicorn'),
        n('d', 'django', { queriesPerRequest: 0 }),
      ],
      [e('u', 'ng'), e('ng', 'g1'), e('ng', 'g2'), e('g1', 'd'), e('g2', 'd')],
    );
    const sim2 = run(boxDown, { mix: only('page'), ms: 10_000 });
    drain(sim2);
    const m2 = sim2.metrics();
    expect(m2.errored).toBe(0);
    expect(m2.nodes['g1']!.served).toBe(0);
    expect(m2.nodes['g2']!.served).toBe(m2.completed);
  });

  it('database down ⇒ 500; Redis down ⇒ 500 unless the cache ignores exceptions, then the database', () => {
    const stack = (pgUp: boolean, redisUp: boolean, ignoreExceptions = false): Topology =>
      topo(
        [
          n('u', 'user'),
          n('ng', 'nginx'),
          n('g', 'gunicorn'),
          n('d', 'django'),
          n('pg', 'postgres', { up: pgUp }),
          n('r', 'redis', { up: redisUp, ignoreExceptions }),
        ],
        [e('u', 'ng'), e('ng', 'g'), e('g', 'd'), e('d', 'pg'), e('d', 'r')],
      );
    const dbDown = run(stack(false, true), { mix: only('api'), ms: 10_000 }).metrics();
    expect(dbDown.completed).toBe(0);
    expect(dbDown.totals.errorsByStatus['500']).toBe(dbDown.errored);

    // Django's RedisCache raises on a connection error: every page is a 500.
    const raising = run(stack(true, false), { mix: only('page'), ms: 10_000 });
    let cacheErrors = 0;
    raising.onEvent((ev) => {
      if (ev.kind === 'cacheError' && ev.status === 500) cacheErrors++;
    });
    drain(raising);
    const r500 = raising.metrics();
    expect(r500.completed).toBe(0);
    expect(r500.totals.errorsByStatus['500']).toBe(r500.errored);
    expect(r500.nodes['pg']!.served).toBe(0);
    expect(cacheErrors).toBeGreaterThan(0);

    // IGNORE_EXCEPTIONS: a miss; the query goes to the database.
    const simR = run(stack(true, false, true), { mix: only('page'), ms: 10_000 });
    drain(simR);
    const redisDown = simR.metrics();
    expect(redisDown.errored).toBe(0);
    expect(redisDown.nodes['pg']!.served).toBe(2 * redisDown.completed);

    const cached = run(stack(true, true), { mix: only('page'), ms: 20_000 }).metrics();
    expect(cached.errored).toBe(0);
    const queriesPerHit = cached.nodes['pg']!.served / cached.completed;
    expect(queriesPerHit).toBeGreaterThan(2 * 0.2 * 0.85);
    expect(queriesPerHit).toBeLessThan(2 * 0.2 * 1.15);
  });

  it('slow upstream ⇒ 504 after timeoutMs; the late answer is dropped', () => {
    const t = topo(
      [
        n('u', 'user'),
        n('ng', 'nginx', { timeoutMs: 200 }),
        n('g', 'gunicorn', { workers: 50 }),
        n('d', 'django', { serviceMs: 2_000, queriesPerRequest: 0 }),
      ],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd')],
    );
    const sim = new Simulation(t, { seed: 1, rps: 10, mix: only('page'), eventLog: 0 });
    let drops = 0;
    sim.onEvent((ev) => {
      if (ev.kind === 'drop') drops++;
    });
    sim.advanceTo(30_000);
    drain(sim);
    const m = sim.metrics();
    expect(m.totals.errorsByStatus['504']).toBeGreaterThan(0.8 * m.arrived);
    expect(m.completed).toBeLessThan(0.2 * m.arrived);
    expect(drops).toBeGreaterThan(0);
    // A timed-out request answers at about timeoutMs + network.
    expect(m.totals.latency.p50).toBeGreaterThan(200);
    expect(m.totals.latency.p50).toBeLessThan(260);
  });

  it('a Gunicorn worker stuck past its timeout is killed: NGINX answers 502', () => {
    const t = topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('g', 'gunicorn', { workers: 2, timeoutMs: 300 }),
        n('d', 'django', { serviceMs: 3_000, queriesPerRequest: 0 }),
      ],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd')],
    );
    const sim = run(t, { rps: 2, mix: only('page'), ms: 60_000 });
    drain(sim);
    const m = sim.metrics();
    expect(m.totals.errorsByStatus['502']).toBeGreaterThan(0.8 * m.arrived);
    expect(m.inFlight).toBe(0);
  });

  it('static files served by NGINX never reach Django', () => {
    const sim = new Simulation(productionLike(), { seed: 2, rps: 200, mix: only('static'), eventLog: 0 });
    const nodesSeen = new Set<string>();
    sim.onEvent((ev) => {
      if (ev.node) nodesSeen.add(ev.node);
    });
    sim.advanceTo(10_000);
    const m = sim.metrics();
    expect(m.errored).toBe(0);
    expect(m.completed).toBeGreaterThan(1500);
    for (const id of ['g1', 'g2', 'd1', 'd2', 'pg']) {
      expect(nodesSeen.has(id)).toBe(false);
      expect(m.nodes[id]!.served).toBe(0);
    }
    expect(m.nodes['static']!.served).toBeGreaterThan(1500);
  });

  it('without a web server, Django serves static files (through a worker)', () => {
    const t = topo(
      [n('u', 'user'), n('g', 'gunicorn'), n('d', 'django')],
      [e('u', 'g'), e('g', 'd')],
    );
    const sim = run(t, { mix: only('static'), ms: 5_000 });
    drain(sim);
    const m = sim.metrics();
    expect(m.errored).toBe(0);
    expect(m.nodes['d']!.served).toBe(m.completed);
  });

  it('a CDN answers most static requests at the edge', () => {
    const t = productionLike();
    t.nodes.push(n('cdn', 'cdn', { hitRatio: 0.9 }));
    t.edges = t.edges.filter((x) => x.source !== 'user');
    t.edges.push(e('user', 'cdn'), e('cdn', 'nginx'));
    const sim = new Simulation(t, { seed: 1, rps: 200, eventLog: 0 });
    let hits = 0;
    sim.advanceTo(5_000);
    for (let i = 0; i < 200; i++) {
      sim.advanceTo(5_000 + i * 10);
      for (const tr of sim.transits()) if (tr.cacheHit && tr.back && tr.from === 'cdn') hits++;
    }
    sim.advanceTo(30_000);
    const m = sim.metrics();
    expect(hits).toBeGreaterThan(0);
    const staticShare = m.nodes['static']!.served / m.nodes['cdn']!.served;
    // 40 % of requests are static, 10 % of those miss the CDN.
    expect(staticShare).toBeGreaterThan(0.04 * 0.8);
    expect(staticShare).toBeLessThan(0.04 * 1.2);
    // Pages still reach the app through the CDN.
    expect(m.nodes['nginx']!.served).toBeGreaterThan(0.6 * m.nodes['cdn']!.served);
  });

  it('a user with no successor gets status 0 (connection refused)', () => {
    const m = run(topo([n('u', 'user')], []), { ms: 2_000 }).metrics();
    expect(m.arrived).toBeGreaterThan(100);
    expect(m.totals.errorsByStatus['0']).toBe(m.arrived);
  });

  it('runserver (threaded, one process: the GIL) falls behind under a load gunicorn + nginx carries; it never answers 503', () => {
    const rs = topo(
      [n('u', 'user'), n('box', 'server', { cores: 2 }), n('rs', 'runserver', {}, 'box'), n('d', 'django', { cpuMs: 15, ioMs: 5 }, 'box'), n('db', 'postgres')],
      [e('u', 'rs'), e('rs', 'd'), e('d', 'db')],
    );
    const prod = topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('box', 'server', { cores: 2 }),
        n('g', 'gunicorn', { workers: 5 }, 'box'),
        n('d', 'django', { cpuMs: 15, ioMs: 5 }, 'box'),
        n('db', 'postgres'),
      ],
      [e('u', 'ng'), e('ng', 'g'), e('g', 'd'), e('d', 'db')],
    );
    const mix = only('page');
    // 80/s × 15 ms of Python = 1.2 cores: more than runserver's one interpreter, fine on two processes' cores.
    const a = run(rs, { rps: 80, mix, ms: 60_000 }).metrics();
    const b = run(prod, { rps: 80, mix, ms: 60_000 }).metrics();
    expect(b.errored).toBe(0);
    expect(a.totals.errorsByStatus['503'] ?? 0).toBe(0);
    expect(a.nodes['rs']!.busy).toBeGreaterThan(100);
    expect(a.totals.latency.p95).toBeGreaterThan(20 * b.totals.latency.p95);
  });

  it('runserver overlaps I/O waits across its threads', () => {
    const t = topo(
      [n('u', 'user'), n('box', 'server', { cores: 2 }), n('rs', 'runserver', {}, 'box'), n('d', 'django', { cpuMs: 1, ioMs: 50, queriesPerRequest: 0 }, 'box')],
      [e('u', 'rs'), e('rs', 'd')],
    );
    // 100/s × 50 ms waiting = 5 requests at once on average: threads overlap them.
    const m = run(t, { rps: 100, mix: only('page'), ms: 30_000, network: { internetMs: 0 } }).metrics();
    expect(m.errored).toBe(0);
    expect(m.totals.latency.mean).toBeLessThan(60);
  });

  it('more busy processes than cores slows the work down', () => {
    const make = (cores: number): Topology =>
      topo(
        [
          n('u', 'user'),
          n('box', 'server', { cores }),
          n('g', 'gunicorn', { workers: 8 }, 'box'),
          n('d', 'django', { cpuMs: 20, ioMs: 0, queriesPerRequest: 0 }, 'box'),
        ],
        [e('u', 'g'), e('g', 'd')],
      );
    const one = run(make(1), { rps: 40, mix: only('page'), ms: 60_000, network: { internetMs: 0 } }).metrics();
    const eight = run(make(8), { rps: 40, mix: only('page'), ms: 60_000, network: { internetMs: 0 } }).metrics();
    expect(eight.totals.latency.mean).toBeGreaterThan(18);
    expect(eight.totals.latency.mean).toBeLessThan(26);
    expect(one.totals.latency.mean).toBeGreaterThan(1.5 * eight.totals.latency.mean);
    expect(one.nodes['box']!.utilisation!).toBeGreaterThan(0.7);
    expect(eight.nodes['box']!.utilisation!).toBeLessThan(0.15);
  });

  it('load balancing: weighted round robin, least_conn and ip_hash', () => {
    const make = (lbMethod: 'round_robin' | 'least_conn' | 'ip_hash', d2ms = 20): Topology =>
      topo(
        [
          n('u', 'user'),
          n('ng', 'nginx', { lbMethod }),
          n('g1', 'gunicorn', { weight: 2 }),
          n('g2', 'gunicorn'),
          n('d1', 'django', { queriesPerRequest: 0 }),
          n('d2', 'django', { queriesPerRequest: 0, serviceMs: d2ms }),
        ],
        [e('u', 'ng'), e('ng', 'g1'), e('ng', 'g2'), e('g1', 'd1'), e('g2', 'd2')],
      );
    const rr = run(make('round_robin'), { rps: 60, mix: only('page'), ms: 30_000 }).metrics();
    expect(rr.nodes['g1']!.served / rr.nodes['g2']!.served).toBeCloseTo(2, 1);
    // least_conn sends fewer requests to the slow upstream than round robin would.
    const lc = run(make('least_conn', 80), { rps: 60, mix: only('page'), ms: 30_000 }).metrics();
    expect(lc.nodes['g1']!.served / lc.nodes['g2']!.served).toBeGreaterThan(2.5);
    const ih = run(make('ip_hash'), { rps: 60, mix: only('page'), ms: 30_000 }).metrics();
    expect(ih.nodes['g1']!.served).toBeGreaterThan(0);
    expect(ih.nodes['g2']!.served).toBeGreaterThan(0);
  });

  it('transits describe packets in flight on real edges', () => {
    const t = productionLike();
    const edgeIds = new Set(t.edges.map((x) => x.id));
    const sim = new Simulation(t, { seed: 4, rps: 300, eventLog: 0 });
    let seenBack = false;
    for (let i = 1; i <= 300; i++) {
      sim.advanceTo(i * 16.7);
      for (const tr of sim.transits()) {
        expect(edgeIds.has(tr.edgeId)).toBe(true);
        expect(tr.t0).toBeLessThanOrEqual(sim.now);
        expect(tr.t1).toBeGreaterThanOrEqual(sim.now);
        if (tr.back) seenBack = true;
      }
    }
    expect(seenBack).toBe(true);
    expect(sim.transits().length).toBeGreaterThan(0);
  });

  it('windowed metrics track the offered load', () => {
    const sim = run(productionLike(), { rps: 200, ms: 30_000 });
    const m = sim.metrics();
    expect(m.windowMs).toBeGreaterThan(4_700);
    expect(m.windowMs).toBeLessThanOrEqual(5_000);
    expect(m.throughput).toBeGreaterThan(170);
    expect(m.throughput).toBeLessThan(230);
    expect(m.latency.p50).toBeLessThanOrEqual(m.latency.p95);
    expect(m.latency.p95).toBeLessThanOrEqual(m.latency.p99);
    const g1 = m.nodes['g1']!;
    expect(g1.utilisation!).toBeGreaterThan(0.1);
    expect(g1.utilisation!).toBeLessThan(1);
    // Quiet afterwards: the window empties.
    sim.setRps(0);
    sim.advanceTo(60_000);
    const quiet = sim.metrics();
    expect(quiet.throughput).toBe(0);
    expect(quiet.nodes['g1']!.utilisation).toBe(0);
  });
});

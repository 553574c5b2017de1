import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { e, n, topo } from './testing';
import type { SimNodeParams } from './types';
import type { Topology } from '../topology/types';

const pages = { static: 0, page: 1, api: 0, upload: 0 };

/** user → nginx → gunicorn → django → postgres, the app on one box with `box` params. */
function app(box: SimNodeParams, gunicorn: SimNodeParams, django: SimNodeParams = {}, dbMs = 3): Topology {
  return topo(
    [
      n('u', 'user'),
      n('ng', 'nginx'),
      n('box', 'server', box),
      n('g', 'gunicorn', gunicorn, 'box'),
      n('d', 'django', django, 'box'),
      n('dbbox', 'server', { cores: 64 }),
      n('pg', 'postgres', { serviceMs: dbMs, concurrency: 1000 }, 'dbbox'),
    ],
    [e('u', 'ng'), e('ng', 'g'), e('g', 'd'), e('d', 'pg')],
  );
}

describe('memory: the limit of scaling up', () => {
  it('workers that fit in memory never get killed', () => {
    const sim = new Simulation(app({ cores: 8, memoryMb: 4096 }, { workers: 17 }), { seed: 1, rps: 500, mix: pages, eventLog: 0 });
    sim.advanceTo(20_000);
    const m = sim.metrics();
    expect(m.nodes['g']!.killed).toBe(0);
    // 17 idle workers × 120 MB, plus what the busy ones hold.
    expect(m.nodes['box']!.memoryMb).toBe(4096);
    expect(m.nodes['box']!.memoryUsedMb!).toBeGreaterThanOrEqual(17 * 120);
    expect(m.nodes['box']!.memoryUsedMb!).toBeLessThanOrEqual(4096 - 256);
  });

  it('too many workers for the memory: the OOM killer kills workers and NGINX answers 502', () => {
    const events: string[] = [];
    const sim = new Simulation(app({ cores: 16, memoryMb: 4096 }, { workers: 33 }), { seed: 1, rps: 1000, mix: pages, eventLog: 0 });
    sim.onEvent((ev) => {
      if (ev.kind === 'killed') events.push(ev.node!);
    });
    sim.advanceTo(20_000);
    const m = sim.metrics();
    expect(m.nodes['g']!.killed).toBeGreaterThan(10);
    expect(events.length).toBe(m.nodes['g']!.killed);
    expect(events.every((id) => id === 'g')).toBe(true);
    expect(m.totals.errorsByStatus['502']).toBeGreaterThan(10);
    expect(m.arrived).toBe(m.completed + m.errored + m.inFlight);
    // Enough memory for the same workers: no kills.
    const big = new Simulation(app({ cores: 16, memoryMb: 16_384 }, { workers: 33 }), { seed: 1, rps: 1000, mix: pages, eventLog: 0 });
    big.advanceTo(20_000);
    expect(big.metrics().nodes['g']!.killed).toBe(0);
    expect(big.metrics().totals.errorsByStatus['502'] ?? 0).toBe(0);
  });
});

describe('worker classes', () => {
  // Slow database (100 ms a query), little CPU: the workers mostly wait on I/O.
  const ioBound = (workerClass: 'sync' | 'gthread' | 'async') =>
    app({ cores: 2, memoryMb: 8192 }, { workers: 5, workerClass }, { serviceMs: 2, queriesPerRequest: 1 }, 100);

  it('sync workers hold one request each; gthread and async overlap the I/O waits', () => {
    const tput = (cls: 'sync' | 'gthread' | 'async') => {
      const sim = new Simulation(ioBound(cls), { seed: 2, rps: 400, mix: pages, eventLog: 0, windowMs: 10_000 });
      sim.advanceTo(30_000);
      const m = sim.metrics();
      return (m.windowCompleted * 1000) / m.windowMs;
    };
    const sync = tput('sync');
    const gthread = tput('gthread');
    const asy = tput('async');
    // 5 workers × (1 request / ~100 ms) ≈ 50/s; gthread 4 threads each ≈ 4×; async carries the load.
    expect(sync).toBeLessThan(60);
    expect(gthread).toBeGreaterThan(3 * sync);
    expect(asy).toBeGreaterThan(350);
  });

  it('threads and greenlets share a worker’s interpreter: CPU-bound work does not speed up beyond the workers', () => {
    // CPU-bound: 20 ms of Python per request, 8 cores, but only 2 worker processes.
    const cpu = (workerClass: 'sync' | 'async', workers: number) =>
      app({ cores: 8, memoryMb: 8192 }, { workers, workerClass }, { cpuMs: 20, ioMs: 0, queriesPerRequest: 0 });
    const tput = (t: Topology) => {
      const sim = new Simulation(t, { seed: 3, rps: 400, mix: pages, eventLog: 0, windowMs: 10_000 });
      sim.advanceTo(30_000);
      const m = sim.metrics();
      return (m.windowCompleted * 1000) / m.windowMs;
    };
    const async2 = tput(cpu('async', 2));
    const sync8 = tput(cpu('sync', 8));
    expect(async2).toBeLessThan(110); // 2 processes × 50/s
    expect(sync8).toBeGreaterThan(2.5 * async2);
  });
});

describe('load patterns', () => {
  const simple = () => topo([n('u', 'user'), n('g', 'gunicorn', { workers: 1000, serviceMs: 1 })], [e('u', 'g')]);

  it('steady, ramp and spike change the arrival rate over time', () => {
    const count = (pattern: Parameters<Simulation['setLoadPattern']>[0], from: number, to: number) => {
      const sim = new Simulation(simple(), { seed: 4, rps: 100, eventLog: 0, pattern });
      sim.advanceTo(from);
      const a0 = sim.metrics().arrived;
      sim.advanceTo(to);
      return ((sim.metrics().arrived - a0) * 1000) / (to - from);
    };
    expect(count({ kind: 'steady' }, 0, 60_000)).toBeGreaterThan(95);
    expect(count({ kind: 'steady' }, 0, 60_000)).toBeLessThan(105);
    // Ramp 0 → 100 over 60 s: about 25/s in the first half, 75/s in the second, then 100/s.
    const ramp = { kind: 'ramp', from: 0, durationMs: 60_000 } as const;
    expect(count(ramp, 0, 30_000)).toBeGreaterThan(20);
    expect(count(ramp, 0, 30_000)).toBeLessThan(30);
    expect(count(ramp, 30_000, 60_000)).toBeGreaterThan(70);
    expect(count(ramp, 60_000, 120_000)).toBeGreaterThan(95);
    // Spike ×5 for 10 s every 30 s.
    const spike = { kind: 'spike', factor: 5, everyMs: 30_000, lengthMs: 10_000 } as const;
    expect(count(spike, 0, 30_000)).toBeLessThan(110);
    expect(count(spike, 30_000, 40_000)).toBeGreaterThan(450);
    expect(count(spike, 40_000, 60_000)).toBeLessThan(110);
    expect(count(spike, 60_000, 70_000)).toBeGreaterThan(450);
  });

  it('offeredRps reports the pattern; setLoadPattern starts its clock now; same seed ⇒ same run', () => {
    const sim = new Simulation(simple(), { seed: 4, rps: 100, eventLog: 0 });
    sim.advanceTo(5000);
    sim.setLoadPattern({ kind: 'spike', factor: 4, everyMs: 1000, lengthMs: 500 });
    expect(sim.offeredRps()).toBe(100);
    expect(sim.offeredRps(6200)).toBe(400);
    expect(sim.offeredRps(6700)).toBe(100);
    sim.advanceTo(6200);
    expect(sim.metrics().offeredRps).toBe(400);
    const hash = (s: Simulation) => {
      s.advanceTo(20_000);
      return s.eventHash;
    };
    const a = new Simulation(simple(), { seed: 9, rps: 50, eventLog: 0, pattern: { kind: 'ramp', from: 0.2, durationMs: 5000 } });
    const b = new Simulation(simple(), { seed: 9, rps: 50, eventLog: 0, pattern: { kind: 'ramp', from: 0.2, durationMs: 5000 } });
    expect(hash(a)).toBe(hash(b));
  });
});

describe('draining an app server', () => {
  const two = (draining: boolean) =>
    topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('a1', 'server', { cores: 2 }),
        n('g1', 'gunicorn', { workers: 5 }, 'a1'),
        n('d1', 'django', { queriesPerRequest: 0 }, 'a1'),
        n('a2', 'server', draining ? { cores: 2, draining: true } : { cores: 2 }),
        n('g2', 'gunicorn', { workers: 5 }, 'a2'),
        n('d2', 'django', { queriesPerRequest: 0 }, 'a2'),
      ],
      [e('u', 'ng'), e('ng', 'g1'), e('ng', 'g2'), e('g1', 'd1'), e('g2', 'd2')],
    );
  const one = () => {
    const t = two(false);
    return { nodes: t.nodes.filter((x) => !['a2', 'g2', 'd2'].includes(x.id)), edges: t.edges.filter((x) => !x.id.includes('2')) };
  };

  it('a draining server gets no new requests, finishes the ones it has, and can then go without an error', () => {
    const sim = new Simulation(two(false), { seed: 6, rps: 150, mix: pages, eventLog: 0 });
    sim.advanceTo(10_000);
    expect(sim.isDrained('a2')).toBe(false);
    sim.setTopology(two(true));
    const startedAt = sim.metrics().nodes['g2']!.started;
    const errorsBefore = sim.metrics().errored;
    let guard = 0;
    while (!sim.isDrained('a2') && guard++ < 1000) sim.advanceTo(sim.now + 10);
    expect(sim.isDrained('a2')).toBe(true);
    const m = sim.metrics();
    expect(m.nodes['a2']!.draining).toBe(true);
    // Only requests already on their way there started after the drain began.
    expect(m.nodes['g2']!.started - startedAt).toBeLessThan(20);
    sim.setTopology(one());
    sim.advanceTo(sim.now + 5_000);
    expect(sim.metrics().errored).toBe(errorsBefore);
    expect(sim.metrics().nodes['g2']).toBeUndefined();
  });

  it('removing a busy server without draining loses its POSTs (NGINX retries only the GETs elsewhere)', () => {
    const sim = new Simulation(two(false), { seed: 6, rps: 150, mix: { static: 0, page: 0, api: 1, upload: 0 }, eventLog: 0 });
    sim.advanceTo(10_000);
    const before = sim.metrics().errored;
    sim.setTopology(one());
    sim.advanceTo(sim.now + 5_000);
    expect(sim.metrics().errored).toBeGreaterThan(before);
  });
});

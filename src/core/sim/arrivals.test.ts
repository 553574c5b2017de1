import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { e, n, topo } from './testing';

// user → gunicorn (1 sync worker) → django: a deterministic 10 ms view, no network.
const line = () =>
  topo(
    [
      n('user', 'user'),
      n('g', 'gunicorn', { workers: 1, workerClass: 'sync', serviceMs: 0, serviceCv: 0, maxRequests: 0 }),
      n('d', 'django', { cpuMs: 0, ioMs: 10, serviceCv: 0, queriesPerRequest: 0 }),
    ],
    [e('user', 'g'), e('g', 'd')],
  );
const options = { seed: 1, rps: 100, mix: { page: 1, static: 0, api: 0, upload: 0 }, internetMs: 0, lanMs: 0, network: { localMs: 0 }, eventLog: 0 };

describe('arrivalTimes (replayed arrivals)', () => {
  it('sends exactly one request at each given time and queues them as a FIFO server would', () => {
    const sim = new Simulation(line(), { ...options, arrivalTimes: [5, 6, 40] });
    const arrivals: number[] = [];
    const done: [number, number][] = [];
    sim.onEvent((ev) => {
      if (ev.kind === 'arrive') arrivals.push(ev.t);
      if (ev.kind === 'complete') done.push([ev.reqId, ev.durationMs ?? -1]);
    });
    sim.setRps(1000); // ignored: the times are given
    sim.advanceTo(10_000);
    expect(arrivals).toEqual([5, 6, 40]);
    // 5 → served 5–15; 6 waits until 15, done at 25 (19 ms); 40 → 10 ms.
    expect(done).toEqual([
      [1, 10],
      [2, 19],
      [3, 10],
    ]);
    expect(sim.metrics().arrived).toBe(3);
  });

  it('replays the same times after reset', () => {
    const sim = new Simulation(line(), { ...options, arrivalTimes: [1, 2, 3, 50] });
    sim.advanceTo(1000);
    const h = sim.eventHash;
    sim.reset();
    sim.advanceTo(1000);
    expect(sim.eventHash).toBe(h);
    expect(sim.metrics().completed).toBe(4);
  });
});

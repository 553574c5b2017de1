import { describe, expect, it } from 'vitest';
import { getScene } from '../topology/scenes';
import { setAppServers, setCores, setRedisCache } from '../topology/scaling';
import { HeadlessRun, compare } from './compare';

describe('compare', () => {
  const base = () => setCores(setAppServers(getScene('production').topology, 1), 'db', 16);
  const opts = { seed: 3, rps: 200, mix: { static: 0, page: 0.7, api: 0.3, upload: 0 }, warmupMs: 5000, measureMs: 15_000 };

  it('the same seed and load on both sides: adding app servers raises throughput and cuts p95', { timeout: 60_000 }, () => {
    const r = compare(base(), setAppServers(base(), 3), opts);
    expect(r.after.throughput).toBeGreaterThan(1.5 * r.before.throughput);
    expect(r.after.p95).toBeLessThan(r.before.p95);
    expect(r.before.busiest?.id).toMatch(/^app1/);
    expect(r.before.busiest!.utilisation).toBeGreaterThan(0.95);
  });

  it('is deterministic and gives the same answer chunked or in one go', () => {
    const t = setRedisCache(base(), false);
    const once = compare(t, t, opts);
    expect(once.after).toEqual(once.before);
    const run = new HeadlessRun(t, opts);
    let chunks = 0;
    while (!run.step(700)) chunks++;
    expect(chunks).toBeGreaterThan(10);
    expect(run.progress).toBe(1);
    expect(run.result()).toEqual(once.before);
  });
});

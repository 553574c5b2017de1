import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { mmcMeanWait } from './queueing';
import { e, n, topo } from './testing';

const ZERO_NET = { internetMs: 0, lanMs: 0, localMs: 0 };

/**
 * A Gunicorn node with no Django behind it answers after its own exponential service time:
 * with c workers and Poisson arrivals it is an M/M/c queue, through the same engine code
 * path every other topology uses.
 */
function runMmc(c: number, rpsLambda: number, serviceMs: number, requests: number, seed: number): number {
  const t = topo(
    [n('u', 'user'), n('g', 'gunicorn', { workers: c, serviceMs, backlog: 1e9 })],
    [e('u', 'g')],
  );
  const sim = new Simulation(t, { seed, rps: rpsLambda, eventLog: 0, network: ZERO_NET });
  sim.advanceTo((requests / rpsLambda) * 1000);
  const m = sim.metrics();
  expect(m.errored).toBe(0);
  return sim.waitStats('g').meanWaitMs;
}

describe('M/M/c: mean wait in queue matches Erlang C', () => {
  // μ = 1 / 10 ms = 100 /s. λ in requests per second.
  const cases = [
    { c: 1, lambda: 50, requests: 400_000, label: 'c=1 ρ=0.5' },
    { c: 4, lambda: 320, requests: 2_000_000, label: 'c=4 ρ=0.8' },
    { c: 8, lambda: 720, requests: 3_000_000, label: 'c=8 ρ=0.9' },
  ];
  for (const { c, lambda, requests, label } of cases) {
    it(`${label}: within 5 %`, { timeout: 120_000 }, () => {
      const measured = runMmc(c, lambda, 10, requests, 7);
      const expected = mmcMeanWait(lambda / 1000, 1 / 10, c);
      expect(Math.abs(measured / expected - 1)).toBeLessThan(0.05);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { Simulation } from './engine';
import { mdcWait, mg1MeanWait, mmcMeanWait } from './queueing';
import { e, n, topo } from './testing';

const ZERO_NET = { internetMs: 0, lanMs: 0, localMs: 0 };

/**
 * A Gunicorn node with no Django behind it answers after its own exponential service time
 * (serviceCv 1; no max_requests recycling, no box):
 * with c workers and Poisson arrivals it is an M/M/c queue, through the same engine code
 * path every other topology uses.
 */
function runMmc(c: number, rpsLambda: number, serviceMs: number, requests: number, seed: number): number {
  const t = topo(
    [n('u', 'user'), n('g', 'gunicorn', { workers: c, serviceMs, serviceCv: 1, backlog: 1e9, maxRequests: 0 })],
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

/** The same Gunicorn node with a deterministic service time (serviceCv 0): an M/D/c queue. */
function runMdc(c: number, rho: number, D: number, requests: number, seed: number) {
  const lambda = (rho * c * 1000) / D; // per second
  const t = topo(
    [n('u', 'user'), n('g', 'gunicorn', { workers: c, serviceMs: D, serviceCv: 0, backlog: 1e9, maxRequests: 0 })],
    [e('u', 'g')],
  );
  const sim = new Simulation(t, { seed, rps: lambda, eventLog: 0, network: ZERO_NET });
  sim.advanceTo((requests / lambda) * 1000);
  const m = sim.metrics();
  expect(m.errored).toBe(0);
  return { meanWait: sim.waitStats('g').meanWaitMs, p95: m.totals.latency.p95, lambda };
}

describe('M/D/c: serviceCv 0 matches the Crommelin reference (mean wait and p95 latency)', () => {
  // The calibration cases: a 20 ms view, W sync workers.
  const cases = [
    { c: 1, rho: 0.5, requests: 200_000 },
    { c: 2, rho: 0.8, requests: 600_000 },
    { c: 4, rho: 0.8, requests: 600_000 },
  ];
  for (const { c, rho, requests } of cases) {
    it(`c=${c} ρ=${rho}: within 5 %`, { timeout: 120_000 }, () => {
      const D = 20;
      const got = runMdc(c, rho, D, requests, 3);
      const ref = mdcWait(got.lambda / 1000, D, c);
      expect(Math.abs(got.meanWait / ref.mean - 1)).toBeLessThan(0.05);
      // Latency = wait + D (no network here).
      expect(Math.abs(got.p95 / (ref.quantile(0.95) + D) - 1)).toBeLessThan(0.05);
    });
  }
});

describe('serviceCv between 0 and 1: M/G/1 mean wait matches Pollaczek–Khinchine', () => {
  it('cv 0.5, ρ 0.7: within 5 %', { timeout: 60_000 }, () => {
    const D = 10;
    const lambda = 70; // per second: ρ = 0.7
    const t = topo(
      [n('u', 'user'), n('g', 'gunicorn', { workers: 1, serviceMs: D, serviceCv: 0.5, backlog: 1e9, maxRequests: 0 })],
      [e('u', 'g')],
    );
    const sim = new Simulation(t, { seed: 5, rps: lambda, eventLog: 0, network: ZERO_NET });
    sim.advanceTo((300_000 / lambda) * 1000);
    const expected = mg1MeanWait(lambda / 1000, D, 0.5);
    expect(Math.abs(sim.waitStats('g').meanWaitMs / expected - 1)).toBeLessThan(0.05);
  });
});

import { describe, expect, it } from 'vitest';
import { erlangC, mdcWait, mg1MeanWait, mmcMeanQueue, mmcMeanWait } from './queueing';

/** Erlang C straight from its textbook formula (fine for small c). */
function erlangCDirect(a: number, c: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = (term * c) / (c - a); // a^c / c! · c/(c−a)
  return top / (sum + top);
}

describe('erlangC', () => {
  it('matches known values', () => {
    // M/M/1: the probability of waiting is ρ.
    expect(erlangC(0.5, 1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangC(0.9, 1, 1)).toBeCloseTo(0.9, 12);
    // c = 2, a = 1 Erlang: 1/3.  c = 3, a = 2 Erlangs: 4/9.
    expect(erlangC(1, 1, 2)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(2, 1, 3)).toBeCloseTo(4 / 9, 12);
    // Telephone-traffic table: 10 servers, 8 Erlangs → 0.4092.
    expect(erlangC(8, 1, 10)).toBeCloseTo(0.4092, 4);
  });

  it('agrees with the direct formula and only depends on λ/μ', () => {
    for (const [a, c] of [
      [0.5, 1],
      [3.2, 4],
      [7.2, 8],
      [45, 50],
    ] as const) {
      expect(erlangC(a, 1, c)).toBeCloseTo(erlangCDirect(a, c), 10);
      expect(erlangC(a * 7, 7, c)).toBeCloseTo(erlangCDirect(a, c), 10);
    }
  });

  it('is 1 when the queue is unstable', () => {
    expect(erlangC(4, 1, 4)).toBe(1);
    expect(mmcMeanWait(5, 1, 4)).toBe(Infinity);
  });

  it('gives the M/M/1 and M/M/c mean waits', () => {
    // M/M/1: Wq = ρ / (μ − λ).
    expect(mmcMeanWait(0.05, 0.1, 1)).toBeCloseTo(0.5 / 0.05, 10);
    // Lq = λ Wq.
    expect(mmcMeanQueue(0.32, 0.1, 4)).toBeCloseTo(0.32 * mmcMeanWait(0.32, 0.1, 4), 12);
    // c = 2, a = 1: Wq = C/(cμ − λ) = (1/3)/(2 − 1).
    expect(mmcMeanWait(1, 1, 2)).toBeCloseTo(1 / 3, 12);
  });
});

describe('M/D/c reference (Crommelin)', () => {
  /** A plain FCFS M/D/c: customer n starts when it arrives or when customer n − c leaves. */
  function bruteForce(lambda: number, D: number, c: number, count: number, seed: number): number[] {
    let s = seed >>> 0;
    const rand = (): number => {
      s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      s ^= s >>> 12;
      return ((s >>> 0) + 0.5) / 4294967296;
    };
    const starts: number[] = [];
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < count; i++) {
      t += -Math.log(rand()) / lambda;
      const free = i >= c ? starts[i - c]! + D : 0;
      const st = Math.max(t, free);
      starts.push(st);
      waits.push(st - t);
    }
    return waits;
  }

  it('M/D/1 mean wait is Pollaczek–Khinchine’s ρD / (2(1 − ρ))', () => {
    for (const rho of [0.3, 0.5, 0.8, 0.9]) {
      const D = 20;
      const lambda = rho / D;
      expect(mdcWait(lambda, D, 1).mean).toBeCloseTo(mg1MeanWait(lambda, D, 0), 6);
      expect(mdcWait(lambda, D, 1).mean).toBeCloseTo((rho * D) / (2 * (1 - rho)), 6);
    }
  });

  it('P(W = 0) for M/D/1 is 1 − ρ, and the cdf rises to 1', () => {
    const m = mdcWait(0.5 / 20, 20, 1);
    expect(m.cdf(0)).toBeCloseTo(0.5, 8);
    expect(m.cdf(2000)).toBeCloseTo(1, 8);
  });

  it('matches a brute-force FCFS M/D/c (mean and p95)', { timeout: 60_000 }, () => {
    for (const [c, rho] of [
      [2, 0.8],
      [4, 0.8],
      [8, 0.9],
    ] as const) {
      const D = 20;
      const lambda = (rho * c) / D;
      const w = bruteForce(lambda, D, c, 1_000_000, 11 + c).slice(10_000);
      const mean = w.reduce((x, y) => x + y, 0) / w.length;
      const sorted = [...w].sort((x, y) => x - y);
      const p95 = sorted[Math.floor(0.95 * sorted.length)]!;
      const ref = mdcWait(lambda, D, c);
      expect(Math.abs(ref.mean / mean - 1)).toBeLessThan(0.03);
      expect(Math.abs(ref.quantile(0.95) / p95 - 1)).toBeLessThan(0.03);
      // Deterministic service waits less than exponential (Erlang C).
      expect(ref.mean).toBeLessThan(mmcMeanWait(lambda, 1 / D, c));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { erlangC, mmcMeanQueue, mmcMeanWait } from './queueing';

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

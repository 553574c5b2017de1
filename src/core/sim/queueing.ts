/**
 * Closed-form queueing results the engine is checked against.
 */

/**
 * Erlang C: the probability that an arriving customer has to wait in an M/M/c queue with
 * arrival rate `lambda`, service rate `mu` per server and `c` servers (requires λ < cμ).
 */
export function erlangC(lambda: number, mu: number, c: number): number {
  const a = lambda / mu; // offered load in Erlangs
  const rho = a / c;
  if (!(rho < 1)) return 1;
  // Erlang B by the stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - rho * (1 - b));
}

/** Mean waiting time in queue (excluding service) of an M/M/c queue, in the units of 1/λ. */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  const rho = lambda / (c * mu);
  if (!(rho < 1)) return Infinity;
  return erlangC(lambda, mu, c) / (c * mu - lambda);
}

/** Mean number waiting in queue of an M/M/c queue (Little: Lq = λ·Wq). */
export function mmcMeanQueue(lambda: number, mu: number, c: number): number {
  return lambda * mmcMeanWait(lambda, mu, c);
}

/**
 * Pollaczek–Khinchine: mean wait in queue of an M/G/1 queue whose service time has mean
 * `mean` and coefficient of variation `cv` (λ in the units of 1/mean).
 */
export function mg1MeanWait(lambda: number, mean: number, cv: number): number {
  const rho = lambda * mean;
  if (!(rho < 1)) return Infinity;
  return (lambda * mean * mean * (1 + cv * cv)) / (2 * (1 - rho));
}

export interface MdcWait {
  /** P(W ≤ x), x in the units of D. */
  cdf(x: number): number;
  /** Mean wait in queue. */
  mean: number;
  /** The q-quantile of the wait in queue (0 when P(W = 0) ≥ q). */
  quantile(q: number): number;
}

/**
 * The waiting-time distribution of an M/D/c queue (Poisson arrivals at rate λ, c servers,
 * every service exactly D, first come first served), by Crommelin's argument:
 *
 * - Sampled every D, the number in system follows Q' = max(Q − c, 0) + A with A ~ Poisson(λD)
 *   (everyone in service at t has left by t + D; the ones waiting have started). Its
 *   stationary distribution π is found by iterating that map.
 * - A customer arriving at t waits at most jD + u (0 ≤ u < D) exactly when the customers
 *   ahead of it that are still there at t + jD + u number at most c − 1. Looking from
 *   s = t + u − D: those are max(Q(s) − c, 0) + A(s, t) − jc, so
 *   P(W ≤ jD + u) = Σₖ P(max(Q − c, 0) = k) · P(Poisson(λ(D − u)) ≤ (j + 1)c − 1 − k).
 *
 * Independent of the simulation engine; used to test it (serviceCv = 0).
 */
export function mdcWait(lambda: number, D: number, c: number): MdcWait {
  const a = lambda * D;
  const rho = a / c;
  if (!(rho < 1) || c < 1 || D <= 0) {
    return { cdf: () => 0, mean: Infinity, quantile: () => Infinity };
  }
  const N = Math.ceil(c + a + 20 * Math.sqrt(a + 1) + 80 / (1 - rho));
  // Poisson(a) probabilities up to N.
  const pa = new Float64Array(N + 1);
  pa[0] = Math.exp(-a);
  for (let i = 1; i <= N; i++) pa[i] = (pa[i - 1]! * a) / i;
  // Arrivals beyond this many in one D are negligible (< 1e-16).
  let aMax = 0;
  while (aMax < N && (aMax < a || pa[aMax]! > 1e-18)) aMax++;
  let pi = new Float64Array(N + 1);
  pi[0] = 1;
  let next = new Float64Array(N + 1);
  for (let iter = 0; iter < 200_000; iter++) {
    next.fill(0);
    for (let q = 0; q <= N; q++) {
      const p = pi[q]!;
      if (p === 0) continue;
      const base = q > c ? q - c : 0;
      const kMax = Math.min(N - base, aMax);
      for (let k = 0; k <= kMax; k++) next[base + k]! += p * pa[k]!;
    }
    let total = 0;
    for (let q = 0; q <= N; q++) total += next[q]!;
    let diff = 0;
    for (let q = 0; q <= N; q++) {
      next[q]! /= total;
      diff += Math.abs(next[q]! - pi[q]!);
    }
    [pi, next] = [next, pi];
    if (diff < 1e-14) break;
  }
  // Distribution of max(Q − c, 0).
  const ahead = new Float64Array(N + 1);
  for (let q = 0; q <= N; q++) ahead[q > c ? q - c : 0]! += pi[q]!;

  const cdf = (x: number): number => {
    if (x < 0) return 0;
    const j = Math.floor(x / D);
    const u = x - j * D;
    const m = a * (1 - u / D);
    const top = (j + 1) * c - 1;
    const kTop = Math.min(top, N);
    // cum[i] = P(Poisson(m) ≤ i), for i = 0 … top.
    let term = Math.exp(-m);
    let acc = term;
    const cum = new Float64Array(top + 1);
    cum[0] = acc;
    for (let i = 1; i <= top; i++) {
      term = (term * m) / i;
      acc += term;
      cum[i] = acc < 1 ? acc : 1;
    }
    let s = 0;
    for (let k = 0; k <= kTop; k++) s += ahead[k]! * cum[top - k]!;
    return Math.min(1, s);
  };
  // Mean: ∫ P(W > x) dx, Simpson on each interval [jD, (j+1)D).
  let mean = 0;
  const STEPS = 64;
  for (let j = 0; j < 100_000; j++) {
    const h = D / STEPS;
    let s = 0;
    for (let i = 0; i <= STEPS; i++) {
      const w = i === 0 || i === STEPS ? 1 : i % 2 === 1 ? 4 : 2;
      s += w * (1 - cdf(j * D + Math.min(i * h, D * (1 - 1e-12))));
    }
    const part = (s * h) / 3;
    mean += part;
    if (part < 1e-12 * D) break;
  }
  const quantile = (q: number): number => {
    if (cdf(0) >= q) return 0;
    let lo = 0;
    let hi = D;
    while (cdf(hi) < q) hi *= 2;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) >= q) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  return { cdf, mean, quantile };
}

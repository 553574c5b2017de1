/**
 * Log-scale latency bins: bin 0 holds [0, 0.01 ms), bin i ≥ 1 holds
 * [0.01·1.02^(i−1), 0.01·1.02^i) ms, so a percentile read from the bins is within ±1 %.
 */
export const HIST_BINS = 1000;
const BASE = 0.01;
const RATIO = 1.02;
const INV_LN_RATIO = 1 / Math.log(RATIO);

export function binOf(ms: number): number {
  if (!(ms >= BASE)) return 0;
  const i = 1 + Math.floor(Math.log(ms / BASE) * INV_LN_RATIO);
  return i < HIST_BINS ? i : HIST_BINS - 1;
}

/** A representative value of bin i (its geometric middle). */
export function binValue(i: number): number {
  if (i <= 0) return BASE / 2;
  return BASE * Math.pow(RATIO, i - 0.5);
}

/** The q-quantile (0..1) of the counts in `bins` (length HIST_BINS) holding `total` values. */
export function quantile(bins: ArrayLike<number>, total: number, q: number, max: number): number {
  if (total <= 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < HIST_BINS; i++) {
    seen += bins[i]!;
    if (seen >= rank) return Math.min(binValue(i), max);
  }
  return max;
}

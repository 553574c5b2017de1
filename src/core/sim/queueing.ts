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

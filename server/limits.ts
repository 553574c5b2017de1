/** Rate limits and a log that cannot be flooded. */

/** A token bucket: `rate` tokens a second, at most `burst` saved up. */
export class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private rate: number,
    private burst: number,
    private now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** At most `max` events per key in a sliding `windowMs` (join-code guesses, class creation). */
export class WindowLimit {
  private hits = new Map<string, number[]>();
  constructor(
    private max: number,
    private windowMs: number,
    private now: () => number = Date.now,
  ) {}
  /** True while the key is under its limit; does not count. */
  allowed(key: string): boolean {
    return this.recent(key).length < this.max;
  }
  /** Counts one event; returns whether it was still allowed. */
  hit(key: string): boolean {
    const r = this.recent(key);
    r.push(this.now());
    this.hits.set(key, r);
    if (this.hits.size > 50_000) this.sweep();
    return r.length <= this.max;
  }
  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since);
  }
  private sweep() {
    for (const k of [...this.hits.keys()]) if (this.recent(k).length === 0) this.hits.delete(k);
  }
}

/** Logs a warning, at most `perMinute` lines a minute (a flood of garbage cannot fill the disk). */
export function quietLog(perMinute = 30): (msg: string) => void {
  let windowStart = 0;
  let count = 0;
  let dropped = 0;
  return (msg) => {
    const t = Date.now();
    if (t - windowStart > 60_000) {
      if (dropped) console.warn(`[live] … ${dropped} more warnings in the last minute`);
      windowStart = t;
      count = 0;
      dropped = 0;
    }
    if (count++ < perMinute) console.warn(`[live] ${msg}`);
    else dropped++;
  };
}

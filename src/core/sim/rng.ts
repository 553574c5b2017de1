/**
 * Seeded pseudo-random numbers (sfc32, a small fast counter generator with 128 bits of
 * state). The engine never calls Math.random: same seed ⇒ same stream, on every machine.
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Restart the stream from `seed` (any number; it is folded to 32 bits). */
  seed(seed: number): void {
    // splitmix32 expands the seed into the four state words.
    let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** An exponentially distributed number with the given mean (0 when mean ≤ 0). */
  exp(mean: number): number {
    if (mean <= 0) return 0;
    return -mean * Math.log(1 - this.next());
  }

  /** A standard normal number (Marsaglia's polar method; one of the pair is thrown away to stay stateless). */
  normal(): number {
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  /**
   * A service time with the given mean and coefficient of variation (standard deviation /
   * mean), from the gamma family: cv = 0 is the constant `mean` (deterministic, no draw),
   * cv = 1 is exactly `exp(mean)` (the same single draw), anything else a gamma with shape
   * k = 1/cv² and scale mean/k (Marsaglia–Tsang; for k < 1 the usual U^(1/k) boost).
   */
  service(mean: number, cv: number): number {
    if (mean <= 0) return 0;
    if (cv === 1) return -mean * Math.log(1 - this.next());
    if (cv <= 0) return mean;
    const k = 1 / (cv * cv);
    return (this.gammaUnit(k) * mean) / k;
  }

  /** A gamma(shape k, scale 1) number. */
  private gammaUnit(k: number): number {
    if (k < 1) return this.gammaUnit(k + 1) * Math.pow(1 - this.next(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

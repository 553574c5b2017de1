/**
 * A binary min-heap of events keyed by (time, sequence number). The sequence number is
 * given at push time, so events at the same time come out in the order they were pushed:
 * same inputs ⇒ same order. Storage is a slab of typed arrays (no object per event).
 */
export class EventQueue<T> {
  /** Slot ids, heap-ordered. */
  private heap: Int32Array;
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private toks: Int32Array;
  private objs: (T | null)[];
  private free: Int32Array;
  private freeTop = 0;
  private n = 0;
  private seqNext = 0;

  /** Fields of the last popped event. */
  time = 0;
  kind = 0;
  tok = 0;
  obj: T | null = null;

  constructor(capacity = 1024) {
    this.heap = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.toks = new Int32Array(capacity);
    this.objs = new Array<T | null>(capacity).fill(null);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeTop = capacity;
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.times[this.heap[0]!]!;
  }

  clear(): void {
    const cap = this.heap.length;
    for (let i = 0; i < cap; i++) {
      this.free[i] = cap - 1 - i;
      this.objs[i] = null;
    }
    this.freeTop = cap;
    this.n = 0;
    this.seqNext = 0;
    this.obj = null;
  }

  private grow(): void {
    const old = this.heap.length;
    const cap = old * 2;
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.heap = heap;
    const times = new Float64Array(cap);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const kinds = new Int32Array(cap);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const toks = new Int32Array(cap);
    toks.set(this.toks);
    this.toks = toks;
    for (let i = old; i < cap; i++) this.objs.push(null);
    const free = new Int32Array(cap);
    // All old slots are in use (we only grow when the free list is empty).
    for (let i = 0; i < cap - old; i++) free[i] = cap - 1 - i;
    this.free = free;
    this.freeTop = cap - old;
  }

  push(time: number, kind: number, obj: T | null, tok: number): void {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop]!;
    const seq = this.seqNext++;
    this.times[slot] = time;
    this.seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.toks[slot] = tok;
    this.objs[slot] = obj;
    // Sift up.
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = heap[p]!;
      const pt = times[ps]!;
      if (pt < time || (pt === time && seqs[ps]! < seq)) break;
      heap[i] = ps;
      i = p;
    }
    heap[i] = slot;
  }

  /** Remove the earliest event; its fields are left in time/kind/tok/obj. False when empty. */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const top = heap[0]!;
    this.time = times[top]!;
    this.kind = this.kinds[top]!;
    this.tok = this.toks[top]!;
    this.obj = this.objs[top]!;
    this.objs[top] = null;
    this.free[this.freeTop++] = top;
    const last = heap[n - 1]!;
    const m = n - 1;
    this.n = m;
    if (m > 0) {
      const lt = times[last]!;
      const ls = seqs[last]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= m) break;
        let cs = heap[c]!;
        let ct = times[cs]!;
        const r = c + 1;
        if (r < m) {
          const rs = heap[r]!;
          const rt = times[rs]!;
          if (rt < ct || (rt === ct && seqs[rs]! < seqs[cs]!)) {
            c = r;
            cs = rs;
            ct = rt;
          }
        }
        if (lt < ct || (lt === ct && ls < seqs[cs]!)) break;
        heap[i] = cs;
        i = c;
      }
      heap[i] = last;
    }
    return true;
  }
}

/**
 * A binary min-heap of events keyed by (time, sequence number). The sequence number is
 * given at push time, so events at the same time come out in the order they were pushed:
 * same inputs ⇒ same order. Storage is a slab of typed arrays (no object per event).
 *
 * An event can be cancelled by the slot `push` returned (a timer that will never fire: the
 * request was answered). It is marked, its object released, and it never comes out; marked
 * events are dropped when they reach the top, and the heap is compacted when they outnumber
 * the live ones, so it stays the size of what is really pending (a long timer left in place
 * would keep its request alive and deepen every push and pop). Cancelling changes nothing
 * in the order of the others: the order is (time, seq), whatever the heap's shape.
 */
/** Kind of a cancelled event (never dispatched). */
const CANCELLED = -1;

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
  /** Cancelled events still in the heap. */
  private dead = 0;

  /** Fields of the last popped event. */
  time = 0;
  kind = 0;
  tok = 0;
  obj: T | null = null;
  /** The slot the last popped event had (what push returned for it). */
  slot = -1;

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

  /** Events pending (not cancelled). */
  get size(): number {
    return this.n - this.dead;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    if (this.dead > 0) this.dropDeadTop();
    return this.n === 0 ? Infinity : this.times[this.heap[0]!]!;
  }

  /**
   * Cancels the pending event in `slot` (as returned by push). The caller must know it is
   * still pending: a slot is reused once its event came out.
   */
  cancel(slot: number): void {
    if (this.kinds[slot] === CANCELLED) return;
    this.kinds[slot] = CANCELLED;
    this.objs[slot] = null;
    this.dead++;
    if (this.dead > 32 && this.dead * 2 > this.n) this.compact();
  }

  private dropDeadTop(): void {
    const heap = this.heap;
    while (this.n > 0 && this.kinds[heap[0]!] === CANCELLED) {
      this.dead--;
      this.free[this.freeTop++] = heap[0]!;
      this.removeTop();
    }
  }

  /** Drops every cancelled event and rebuilds the heap (bottom-up, O(n)). */
  private compact(): void {
    const heap = this.heap;
    const kinds = this.kinds;
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      const s = heap[i]!;
      if (kinds[s] === CANCELLED) this.free[this.freeTop++] = s;
      else heap[m++] = s;
    }
    this.n = m;
    this.dead = 0;
    for (let i = (m >> 1) - 1; i >= 0; i--) this.siftDown(i, heap[i]!);
  }

  /** Puts `slot` at position i or below it, restoring heap order among positions < n. */
  private siftDown(i: number, slot: number): void {
    const heap = this.heap;
    const times = this.times;
    const seqs = this.seqs;
    const m = this.n;
    const lt = times[slot]!;
    const ls = seqs[slot]!;
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
    heap[i] = slot;
  }

  /** Removes heap[0] (its slot is not freed here). */
  private removeTop(): void {
    const m = this.n - 1;
    this.n = m;
    if (m > 0) this.siftDown(0, this.heap[m]!);
  }

  clear(): void {
    const cap = this.heap.length;
    for (let i = 0; i < cap; i++) {
      this.free[i] = cap - 1 - i;
      this.objs[i] = null;
    }
    this.freeTop = cap;
    this.n = 0;
    this.dead = 0;
    this.seqNext = 0;
    this.obj = null;
    this.slot = -1;
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

  /** Schedules an event; returns its slot (for cancel, valid until the event comes out). */
  push(time: number, kind: number, obj: T | null, tok: number): number {
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
    return slot;
  }

  /** Remove the earliest event; its fields are left in time/kind/tok/obj/slot. False when empty. */
  pop(): boolean {
    if (this.dead > 0) this.dropDeadTop();
    const n = this.n;
    if (n === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.time = this.times[top]!;
    this.kind = this.kinds[top]!;
    this.tok = this.toks[top]!;
    this.obj = this.objs[top]!;
    this.slot = top;
    this.objs[top] = null;
    this.free[this.freeTop++] = top;
    const m = n - 1;
    this.n = m;
    if (m > 0) this.siftDown(0, heap[m]!);
    return true;
  }
}

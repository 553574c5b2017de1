/**
 * The event stream: every SimEvent the engine emits goes through `emit`, which
 * - folds it into an FNV-1a hash (same seed ⇒ same hash: the determinism tests and the
 *   worker-vs-in-process check compare it),
 * - keeps the last `cap` events in a ring (recentEvents, the event log),
 * - hands it to listeners (onEvent), and to `step()` when it is capturing the first one.
 *
 * A SimEvent object is only built when someone will read it (a ring, a listener or a
 * capture): with neither, an event costs the hash alone.
 */
import type { Req, SimNode } from './model';
import * as M from './model';
import { REQUEST_META, type SimEvent } from './types';

// Read once: module bindings are getters under some loaders (tsx).
const { LOG_KINDS, L_ERROR } = M;

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

export class EventRing {
  /** FNV-1a (uint32 after >>> 0) of every event emitted. */
  hash = FNV_OFFSET;
  /** Events emitted. */
  emitted = 0;
  /** When set, the next event is kept in `captured` (and this is cleared). */
  capture = false;
  captured: SimEvent | null = null;
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private ring: SimEvent[] = [];
  private head = 0;
  /** Events built for someone: a ring or a listener. */
  private building: boolean;

  constructor(private readonly cap: number) {
    this.building = cap > 0;
  }

  reset(): void {
    this.hash = FNV_OFFSET;
    this.emitted = 0;
    this.capture = false;
    this.captured = null;
    this.ring = [];
    this.head = 0;
  }

  /** Listen to every event; returns an unsubscribe function. */
  listen(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    this.building = true;
    return () => {
      this.listeners.delete(listener);
      this.building = this.cap > 0 || this.listeners.size > 0;
    };
  }

  /** The last events (up to cap), oldest first. */
  recent(): SimEvent[] {
    const n = this.ring.length;
    if (n < this.cap) return this.ring.slice();
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  emit(
    now: number,
    kind: number,
    req: Req,
    node: SimNode | null,
    from: SimNode | null,
    to: SimNode | null,
    status: number,
    dur: number,
  ): void {
    let h = this.hash;
    F64[0] = now;
    h = Math.imul(h ^ U32[0]!, FNV_PRIME);
    h = Math.imul(h ^ U32[1]!, FNV_PRIME);
    h = Math.imul(h ^ kind, FNV_PRIME);
    h = Math.imul(h ^ req.id, FNV_PRIME);
    h = Math.imul(h ^ req.t, FNV_PRIME);
    h = Math.imul(h ^ (node !== null ? node.idx : -1), FNV_PRIME);
    h = Math.imul(h ^ (from !== null ? from.idx : -1), FNV_PRIME);
    h = Math.imul(h ^ (to !== null ? to.idx : -1), FNV_PRIME);
    h = Math.imul(h ^ status, FNV_PRIME);
    this.hash = h;
    const seq = this.emitted++;
    if (this.capture) {
      this.capture = false;
      this.captured = makeEvent(seq, now, kind, req, node, from, to, status, dur);
    }
    if (this.building) this.deliver(makeEvent(seq, now, kind, req, node, from, to, status, dur));
  }

  private deliver(ev: SimEvent): void {
    const cap = this.cap;
    if (cap > 0) {
      if (this.ring.length < cap) this.ring.push(ev);
      else {
        this.ring[this.head] = ev;
        this.head = (this.head + 1) % cap;
      }
    }
    for (const l of this.listeners) l(ev);
  }
}

function makeEvent(
  seq: number,
  t: number,
  kind: number,
  req: Req,
  node: SimNode | null,
  from: SimNode | null,
  to: SimNode | null,
  status: number,
  dur: number,
): SimEvent {
  const meta = REQUEST_META[req.type];
  const ev: SimEvent = {
    seq,
    t,
    kind: LOG_KINDS[kind]!,
    reqId: req.id,
    type: req.type,
    method: meta.method,
    path: meta.path,
  };
  if (node !== null) ev.node = node.id;
  if (from !== null) ev.from = from.id;
  if (to !== null) ev.to = to.id;
  if (status >= 0) ev.status = status;
  if (dur >= 0) ev.durationMs = dur;
  if (kind === L_ERROR && req.leak) ev.traceback = true;
  return ev;
}

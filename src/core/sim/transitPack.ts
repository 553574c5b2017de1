/**
 * Packs the engine's in-flight list (Simulation.transits()) into one Float64Array, so a Web
 * Worker can hand a whole frame of packets to the page as a transferable buffer, and the
 * packet layer can draw from it without a single object per packet.
 *
 * Each transit takes STRIDE numbers: edge, from and to as indices into a string table that
 * only grows (new names are sent once), t0 and t1 in simulated ms, flags, the error status
 * and the request id.
 */
import type { RequestType, Transit } from './types';

export const STRIDE = 8;
export const F_EDGE = 0;
export const F_FROM = 1;
export const F_TO = 2;
export const F_T0 = 3;
export const F_T1 = 4;
export const F_FLAGS = 5;
export const F_STATUS = 6;
export const F_REQ = 7;

/** Flag bits: the request type's index in the low two bits, then these. */
export const FLAG_BACK = 4;
export const FLAG_CACHE_HIT = 8;
export const FLAG_ERROR = 16;

export const PACKED_TYPES: readonly RequestType[] = ['static', 'page', 'api', 'upload'];
const TYPE_BITS: Readonly<Record<RequestType, number>> = { static: 0, page: 1, api: 2, upload: 3 };

/** Node and edge ids ↔ small integers; append-only so the receiving side can mirror it. */
export class NameTable {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** How many names the other side already has. */
  sent = 0;

  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** Names added since the last call (null when none). */
  takeNew(): { from: number; names: string[] } | null {
    if (this.sent === this.names.length) return null;
    const out = { from: this.sent, names: this.names.slice(this.sent) };
    this.sent = this.names.length;
    return out;
  }
}

/**
 * Writes `list` into `buf` (grown when too small: the returned array is the one holding the
 * data) and returns it; the count is list.length.
 */
export function packTransits(list: readonly Transit[], names: NameTable, buf: Float64Array | null): Float64Array {
  const need = list.length * STRIDE;
  let out = buf;
  if (out === null || out.length < need) out = new Float64Array(Math.max(need, 64 * STRIDE, out ? out.length * 2 : 0));
  for (let i = 0, o = 0; i < list.length; i++, o += STRIDE) {
    const tr = list[i]!;
    out[o + F_EDGE] = names.id(tr.edgeId);
    out[o + F_FROM] = names.id(tr.from);
    out[o + F_TO] = names.id(tr.to);
    out[o + F_T0] = tr.t0;
    out[o + F_T1] = tr.t1;
    out[o + F_FLAGS] =
      TYPE_BITS[tr.type] |
      (tr.back ? FLAG_BACK : 0) |
      (tr.cacheHit === true ? FLAG_CACHE_HIT : 0) |
      (tr.status !== undefined ? FLAG_ERROR : 0);
    out[o + F_STATUS] = tr.status ?? 0;
    out[o + F_REQ] = tr.reqId;
  }
  return out;
}

/** Reads a packed transit back into an object (tests, debugging; the renderer reads the array). */
export function unpackTransit(buf: Float64Array, i: number, names: readonly string[]): Transit {
  const o = i * STRIDE;
  const flags = buf[o + F_FLAGS]!;
  const t: Transit = {
    reqId: buf[o + F_REQ]!,
    type: PACKED_TYPES[flags & 3]!,
    edgeId: names[buf[o + F_EDGE]!]!,
    from: names[buf[o + F_FROM]!]!,
    to: names[buf[o + F_TO]!]!,
    t0: buf[o + F_T0]!,
    t1: buf[o + F_T1]!,
    back: (flags & FLAG_BACK) !== 0,
  };
  if (flags & FLAG_ERROR) t.status = buf[o + F_STATUS]!;
  if (flags & FLAG_CACHE_HIT) t.cacheHit = true;
  return t;
}

/**
 * What the simulation measures: all-time counts and latency histogram, a sliding window
 * (N_BUCKETS buckets of windowMs / N_BUCKETS each) of responses, latencies and error
 * statuses, and each node's time integrals (busy slots, queue length, CPU in use) from
 * which utilisation and mean queue length over the window are read.
 *
 * The engine calls three things while it runs: `arrive` and `finish` once per request,
 * `touchNode` before it changes a node's active / qLen / cpuBusy, and `rollTo` when time
 * passes a bucket boundary. `snapshot` builds the MetricsSnapshot the app reads.
 *
 * Cheap to read often (the app reads it a few times a second): the window's latency
 * histogram is kept as a running sum (a bucket's counts are taken out of it when the bucket
 * is reused), and the three percentiles come from one pass over the bins.
 */
import { HIST_BINS, binOf, binValue } from './histogram';
import type { SimNode } from './model';
import * as M from './model';
import type { LatencySummary, MetricsSnapshot, NodeMetrics } from './types';

// Read once: module bindings are getters under some loaders (tsx).
const { K_SERVER, N_BUCKETS } = M;

/** Distinct error statuses counted (0, 400, 404, 500, 502, 503, 504 … fit). */
const MAX_STATUS_SLOTS = 16;
/** Status codes below this get a slot by table lookup. */
const STATUS_TABLE = 1000;

/** Brings a node's time integrals up to `now` (call before changing active / qLen / cpuBusy). */
export function touchNode(n: SimNode, now: number): void {
  const dt = now - n.lastT;
  if (dt > 0) {
    n.busyArea += n.active * dt;
    n.qArea += n.qLen * dt;
    if (n.cpuBusy > 0) n.cpuArea += (n.cpuBusy < n.cores ? n.cpuBusy : n.cores) * dt;
    n.lastT = now;
  }
}

export class Metrics {
  readonly bucketMs: number;

  // All time.
  arrived = 0;
  completed = 0;
  errored = 0;
  /** Error responses that carried Django's debug traceback. */
  leaked = 0;
  inFlight = 0;
  private inFlightArea = 0;
  private inFlightLastT = 0;
  private latSum = 0;
  private latMax = 0;
  private readonly histAll = new Float64Array(HIST_BINS);
  private readonly statusAll = new Float64Array(MAX_STATUS_SLOTS);
  /** status → slot + 1 (0: none yet). */
  private readonly slotOf = new Int8Array(STATUS_TABLE);
  private slotStatus: number[] = [];

  // The window: bucket b lives in slot b % N_BUCKETS.
  private curBucket = 0;
  /** When the current bucket ends (the engine rolls when an event reaches it). */
  nextBucketT = 0;
  private readonly bOk = new Float64Array(N_BUCKETS);
  private readonly bErr = new Float64Array(N_BUCKETS);
  private readonly bLatSum = new Float64Array(N_BUCKETS);
  private readonly bMax = new Float64Array(N_BUCKETS);
  private readonly bHist = new Uint32Array(N_BUCKETS * HIST_BINS);
  private readonly bStatus = new Float64Array(N_BUCKETS * MAX_STATUS_SLOTS);
  /** Sum of bHist over all slots (= the window's histogram: slots outside it are zero). */
  private readonly winHist = new Float64Array(HIST_BINS);

  constructor(windowMs: number) {
    this.bucketMs = Math.max(1, windowMs) / N_BUCKETS;
    this.reset();
  }

  reset(): void {
    this.arrived = 0;
    this.completed = 0;
    this.errored = 0;
    this.leaked = 0;
    this.inFlight = 0;
    this.inFlightArea = 0;
    this.inFlightLastT = 0;
    this.latSum = 0;
    this.latMax = 0;
    this.histAll.fill(0);
    this.statusAll.fill(0);
    this.slotOf.fill(0);
    this.slotStatus = [];
    this.curBucket = 0;
    this.nextBucketT = this.bucketMs;
    this.bOk.fill(0);
    this.bErr.fill(0);
    this.bLatSum.fill(0);
    this.bMax.fill(0);
    this.bHist.fill(0);
    this.bStatus.fill(0);
    this.winHist.fill(0);
  }

  /** A request entered the system. */
  arrive(now: number): void {
    this.arrived++;
    this.inFlightArea += this.inFlight * (now - this.inFlightLastT);
    this.inFlightLastT = now;
    this.inFlight++;
  }

  /** A request's final answer reached its user after `lat` ms (error: status 0 or ≥ 400). */
  finish(now: number, lat: number, status: number, error: boolean, leak: boolean): void {
    this.inFlightArea += this.inFlight * (now - this.inFlightLastT);
    this.inFlightLastT = now;
    this.inFlight--;
    const slot = this.curBucket % N_BUCKETS;
    const bin = binOf(lat);
    this.histAll[bin]!++;
    this.bHist[slot * HIST_BINS + bin]!++;
    this.winHist[bin]!++;
    this.latSum += lat;
    this.bLatSum[slot]! += lat;
    if (lat > this.latMax) this.latMax = lat;
    if (lat > this.bMax[slot]!) this.bMax[slot] = lat;
    if (error) {
      this.errored++;
      if (leak) this.leaked++;
      this.bErr[slot]!++;
      const k = this.statusSlot(status);
      if (k >= 0) {
        this.statusAll[k]!++;
        this.bStatus[slot * MAX_STATUS_SLOTS + k]!++;
      }
    } else {
      this.completed++;
      this.bOk[slot]!++;
    }
  }

  private statusSlot(status: number): number {
    const inTable = status >= 0 && status < STATUS_TABLE;
    if (inTable && this.slotOf[status]! > 0) return this.slotOf[status]! - 1;
    const known = this.slotStatus.indexOf(status);
    if (known >= 0) return known;
    if (this.slotStatus.length >= MAX_STATUS_SLOTS) return -1;
    const slot = this.slotStatus.length;
    this.slotStatus.push(status);
    if (inTable) this.slotOf[status] = slot + 1;
    return slot;
  }

  /** Moves the window forward so that the current bucket contains t (snapshots each node's integrals at the boundaries). */
  rollTo(t: number, nodes: readonly SimNode[]): void {
    const bms = this.bucketMs;
    const target = Math.floor(t / bms);
    if (target - this.curBucket > N_BUCKETS + 1) {
      // A long quiet gap: skip buckets nobody will read.
      this.curBucket = target - N_BUCKETS - 1;
      this.nextBucketT = (this.curBucket + 1) * bms;
    }
    const hist = this.bHist;
    const win = this.winHist;
    while (this.curBucket < target) {
      const boundary = this.nextBucketT;
      this.curBucket++;
      this.nextBucketT = (this.curBucket + 1) * bms;
      const s = this.curBucket % N_BUCKETS;
      this.bOk[s] = 0;
      this.bErr[s] = 0;
      this.bLatSum[s] = 0;
      this.bMax[s] = 0;
      const base = s * HIST_BINS;
      for (let i = 0; i < HIST_BINS; i++) {
        const c = hist[base + i]!;
        if (c !== 0) {
          win[i]! -= c;
          hist[base + i] = 0;
        }
      }
      this.bStatus.fill(0, s * MAX_STATUS_SLOTS, (s + 1) * MAX_STATUS_SLOTS);
      for (const n of nodes) {
        const dt = boundary - n.lastT;
        n.snapBusy[s] = n.busyArea + n.active * dt;
        n.snapQ[s] = n.qArea + n.qLen * dt;
        n.snapCpu[s] = n.cpuArea + Math.min(n.cpuBusy, n.cores) * dt;
      }
    }
  }

  /** The snapshot at time t (the engine rolled the window to t first). */
  snapshot(t: number, nodes: readonly SimNode[], offeredRps: number): MetricsSnapshot {
    const bucketMs = this.bucketMs;
    const firstBucket = this.curBucket - N_BUCKETS + 1;
    const windowStart = Math.max(0, firstBucket * bucketMs);
    const windowMs = t - windowStart;

    // Requests in the window.
    let ok = 0;
    let err = 0;
    let latSum = 0;
    let max = 0;
    const errs: Record<string, number> = {};
    const nStatus = this.slotStatus.length;
    for (let b = Math.max(0, firstBucket); b <= this.curBucket; b++) {
      const s = b % N_BUCKETS;
      ok += this.bOk[s]!;
      err += this.bErr[s]!;
      latSum += this.bLatSum[s]!;
      if (this.bMax[s]! > max) max = this.bMax[s]!;
      for (let k = 0; k < nStatus; k++) {
        const c = this.bStatus[s * MAX_STATUS_SLOTS + k]!;
        if (c > 0) {
          const key = String(this.slotStatus[k]);
          errs[key] = (errs[key] ?? 0) + c;
        }
      }
    }
    const nWin = ok + err;
    const errsAll: Record<string, number> = {};
    for (let k = 0; k < nStatus; k++) {
      const c = this.statusAll[k]!;
      if (c > 0) errsAll[String(this.slotStatus[k])] = c;
    }
    const finished = this.completed + this.errored;

    const out: Record<string, NodeMetrics> = {};
    const snapSlot = ((firstBucket % N_BUCKETS) + N_BUCKETS) % N_BUCKETS;
    for (const n of nodes) {
      const dt = t - n.lastT;
      const busyArea = n.busyArea + n.active * dt;
      const qArea = n.qArea + n.qLen * dt;
      const cpuArea = n.cpuArea + Math.min(n.cpuBusy, n.cores) * dt;
      const useSnap = firstBucket >= 0 && firstBucket * bucketMs >= n.createdAt;
      const start = Math.max(windowStart, n.createdAt);
      const span = t - start;
      const wBusy = busyArea - (useSnap ? n.snapBusy[snapSlot]! : 0);
      const wQ = qArea - (useSnap ? n.snapQ[snapSlot]! : 0);
      const wCpu = cpuArea - (useSnap ? n.snapCpu[snapSlot]! : 0);
      const isBox = n.k === K_SERVER;
      const capacity = isBox ? n.cores : n.slotted && Number.isFinite(n.conc) ? n.conc : null;
      const busyAvg = span > 0 ? (isBox ? wCpu : wBusy) / span : 0;
      out[n.id] = {
        id: n.id,
        kind: n.kind,
        queue: n.qLen,
        busy: isBox ? n.cpuBusy : n.active,
        capacity,
        utilisation: capacity !== null && capacity > 0 ? busyAvg / capacity : null,
        busyAvg,
        queueAvg: span > 0 ? wQ / span : 0,
        served: n.served,
        started: n.started,
        rejected: n.rejected,
        meanWaitMs: n.started > 0 ? n.waitSum / n.started : 0,
        up: n.up,
        killed: n.killed,
        dropped: n.dropped,
        timedOut: n.timedOut,
        recycled: n.recycled,
        memoryMb: isBox ? n.memMb : null,
        memoryUsedMb: isBox ? memUsed(n) : null,
        draining: n.draining,
      };
    }

    return {
      t,
      windowMs,
      offeredRps,
      arrived: this.arrived,
      completed: this.completed,
      errored: this.errored,
      tracebacks: this.leaked,
      inFlight: this.inFlight,
      throughput: windowMs > 0 ? (nWin * 1000) / windowMs : 0,
      latency: summary(this.winHist, nWin, latSum, max),
      errorsByStatus: errs,
      windowCompleted: ok,
      windowErrored: err,
      totals: {
        throughput: t > 0 ? (finished * 1000) / t : 0,
        latency: summary(this.histAll, finished, this.latSum, this.latMax),
        errorsByStatus: errsAll,
        meanInFlight: t > 0 ? (this.inFlightArea + this.inFlight * (t - this.inFlightLastT)) / t : 0,
      },
      nodes: out,
    };
  }
}

/** Memory in use on a server box, MB. */
export function memUsed(box: SimNode): number {
  return box.memIdle - box.memDead + box.memBusy;
}

/**
 * Mean, p50, p95, p99 and max of `n` latencies held in `hist` (HIST_BINS bins), in one pass:
 * a quantile q is the first bin where the running count reaches max(1, ⌈q·n⌉), capped at max
 * (histogram.ts `quantile`, three at once).
 */
export function summary(hist: ArrayLike<number>, n: number, sum: number, max: number): LatencySummary {
  if (n <= 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max };
  const r50 = Math.max(1, Math.ceil(0.5 * n));
  const r95 = Math.max(1, Math.ceil(0.95 * n));
  const r99 = Math.max(1, Math.ceil(0.99 * n));
  let p50 = -1;
  let p95 = -1;
  let p99 = -1;
  let seen = 0;
  for (let i = 0; i < HIST_BINS; i++) {
    const c = hist[i]!;
    if (c === 0) continue;
    seen += c;
    if (p50 < 0 && seen >= r50) p50 = Math.min(binValue(i), max);
    if (p95 < 0 && seen >= r95) p95 = Math.min(binValue(i), max);
    if (seen >= r99) {
      p99 = Math.min(binValue(i), max);
      break;
    }
  }
  return { mean: sum / n, p50: p50 < 0 ? max : p50, p95: p95 < 0 ? max : p95, p99: p99 < 0 ? max : p99, max };
}

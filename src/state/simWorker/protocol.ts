/**
 * The messages between the page and the engine host (src/state/simWorker/host.ts), which owns
 * the Simulation — in a Web Worker, or in the page itself with `?engine=main`. The protocol is
 * generic: the Simulation's constructor options and its methods' arguments travel as data, so
 * a new option or method the engine adds needs no change here.
 */
import type { RunSummary } from '../../core/sim/compare';
import type { MetricsSnapshot, RequestType, SimEvent, SimOptions } from '../../core/sim/types';
import type { Topology } from '../../core/topology/types';

export interface LogRow {
  seq: number;
  t: number;
  kind: SimEvent['kind'];
  reqId: number;
  type: RequestType;
  method: string;
  path: string;
  from?: string;
  to?: string;
  node?: string;
  status?: number;
  /** An error page that leaked Django's traceback (DEBUG = True). */
  traceback?: boolean;
  /** Age of the request when this happened, ms of simulated time. */
  ageMs: number;
}

/** One run for Compare: a topology and HeadlessRun's options (passed through as they are). */
export interface CompareRun {
  topology: Topology;
  options: Record<string, unknown>;
}

export type ToEngine =
  /** A new Simulation(topology, options); the event log starts empty. */
  | { op: 'create'; topology: Topology; options: SimOptions }
  /**
   * Calls a Simulation method with these arguments (or reads a property when `method` is not
   * a function). With an id, the return value comes back as a 'result'.
   */
  | { op: 'call'; method: string; args: unknown[]; id?: number }
  /** advanceTo(t); then a 'frame' when asked. `buf` hands a previous frame's buffer back for reuse. */
  | { op: 'advance'; t: number; frame: boolean; buf?: ArrayBuffer; tag?: number }
  /** A 'frame' of what is in flight now (`tag` comes back in it). */
  | { op: 'frame'; buf?: ArrayBuffer; tag?: number; seq?: number }
  /** A 'summary' (metrics, event log, drained nodes, the event-stream hash). */
  | { op: 'summary' }
  /** Compare: runs HeadlessRuns in slices, reporting progress; results when all are done. */
  | { op: 'compare'; id: number; runs: CompareRun[]; chunkMs?: number; sliceMs?: number }
  | { op: 'cancel'; id: number };

export interface FrameMessage {
  op: 'frame';
  now: number;
  /** Transits packed by core/sim/transitPack (count × STRIDE numbers used). */
  count: number;
  data: Float64Array;
  /** Names the page does not have yet (appended at `from`); `reset` starts the table over. */
  names: { from: number; names: string[] } | null;
  reset: boolean;
  /** The asking message's tag (the page's run generation) and seq (a waiter's number). */
  tag?: number;
  seq?: number;
}

export interface SummaryMessage {
  op: 'summary';
  now: number;
  metrics: MetricsSnapshot;
  log: LogRow[];
  /** For every node marked draining in the topology: whether nothing is left on it. */
  drained: Record<string, boolean>;
  eventHash: number;
  eventCount: number;
}

export type FromEngine =
  | FrameMessage
  | SummaryMessage
  | { op: 'result'; id: number; value?: unknown; error?: string }
  | { op: 'compare'; id: number; progress: number; results?: RunSummary[] };

/** How the host sends a message (a worker's postMessage, or a direct call in the page). */
export type Post = (msg: FromEngine, transfer?: Transferable[]) => void;

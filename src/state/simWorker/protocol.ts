/**
 * The messages between the page and the engine host (src/state/simWorker/host.ts), which owns
 * the Simulation — in a Web Worker, or in the page itself with `?engine=main`. The protocol is
 * generic: the Simulation's constructor options and its methods' arguments travel as data, so
 * a new option or method the engine adds needs no change here.
 */
import type { RunSummary } from '../../core/sim/compare';
import type { MetricsSnapshot, RequestType, SimEvent, SimOptions } from '../../core/sim/types';
import type { Topology } from '../../core/topology/types';
import type { Theme } from '../uiStore';

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

/** What a frame draws: the engine's packed transits (core/sim/transitPack) at a simulated time. */
export interface PacketFrame {
  now: number;
  count: number;
  data: Float64Array;
  /** Node and edge ids by the indices in `data`. */
  names: readonly string[];
  /** Bumped when `names` starts over (a new run). */
  namesVersion: number;
}

/** How the packets look: the pane's transform, the theme, motion, the refused label, on/off. */
export interface PacketView {
  tx: number;
  ty: number;
  zoom: number;
  theme: Theme;
  /** Reduced motion or animations off: traffic counts instead of moving packets. */
  still: boolean;
  /** The label drawn for status 0 (connection refused), in the current language. */
  refused: string;
  /** The benchmark can turn the layer off (to split its cost from the rest). */
  on: boolean;
}

/** An edge's path, sampled in flow coordinates (the page reads it from the rendered SVG). */
export interface EdgePath {
  id: string;
  source: string;
  target: string;
  pts: Float32Array;
}

/** A component node's box in flow coordinates (reduced motion rings busy nodes). */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What changed for the packet layer drawn in the worker (only the parts present). */
export interface PacketsConfig {
  size?: { width: number; height: number; dpr: number };
  view?: PacketView;
  layout?: { edges: EdgePath[]; boxes: NodeBox[] };
  /** Requests waiting at each running component node (those with none left out), for its badge. */
  queues?: Record<string, number>;
}

export type ToEngine =
  /** A new Simulation(topology, options); the event log starts empty. */
  | { op: 'create'; topology: Topology; options: SimOptions }
  /**
   * Calls a Simulation method with these arguments (or reads a property when `method` is not
   * a function). With an id, the return value comes back as a 'result'.
   */
  | { op: 'call'; method: string; args: unknown[]; id?: number }
  /**
   * advanceTo(t); then a 'frame' when asked, and a 'summary' after it when asked. `buf` hands
   * a previous frame's buffer back for reuse.
   */
  | { op: 'advance'; t: number; frame: boolean; buf?: ArrayBuffer; tag?: number; summary?: boolean }
  /** A 'frame' of what is in flight now (`tag` comes back in it). */
  | { op: 'frame'; buf?: ArrayBuffer; tag?: number; seq?: number }
  /** A 'summary' (metrics, event log, drained nodes, the event-stream hash). */
  | { op: 'summary' }
  /** Compare: runs HeadlessRuns in slices, reporting progress; results when all are done. */
  | { op: 'compare'; id: number; runs: CompareRun[]; chunkMs?: number; sliceMs?: number }
  | { op: 'cancel'; id: number }
  /**
   * The packet layer's canvas (transferControlToOffscreen): from now on the worker draws the
   * packets after every frame and frames carry only the count (no per-frame transfer).
   */
  | { op: 'canvas'; canvas: OffscreenCanvas }
  /** The packet layer's size, view or layout changed (see PacketsConfig). */
  | ({ op: 'packets' } & PacketsConfig);

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
  /** The worker drew this frame on its canvas: `data` is empty, only `count` is meaningful. */
  drawn?: boolean;
  /** ms the worker spent drawing it. */
  drawMs?: number;
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

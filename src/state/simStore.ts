/**
 * The simulation runtime. The engine (core/sim) runs in a Web Worker (simWorker/worker.ts)
 * — or, with `?engine=main` or where workers are unavailable, in the page through the same
 * host code (simWorker/host.ts). One animation-frame loop asks it to advance; each frame it
 * answers with the packets in flight, packed in a transferable typed array, which the packet
 * layer reads through onFrame(). React gets summaries (metrics, node load, the event log) a
 * few times a second through this zustand store. Running the simulation never touches the
 * document or its undo history.
 */
import { create } from 'zustand';
import type { RunSummary } from '../core/sim/compare';
import { DEFAULT_MIX, type LoadPattern, type MetricsSnapshot, type RequestType, type SimOptions } from '../core/sim/types';
import type { Topology } from '../core/topology/types';
import { PUBLISH_MS, REAL_TO_SIM, RPS_MAX, RPS_MIN, SCREEN_NETWORK, SPEED_MAX, SPEED_MIN, WINDOW_MS } from './simConstants';
import type { CompareRun, FrameMessage, FromEngine, LogRow, PacketsConfig, SummaryMessage, ToEngine } from './simWorker/protocol';

export {
  LOG_CAP,
  LOG_SHOWN,
  PUBLISH_MS,
  REAL_TO_SIM,
  RPS_MAX,
  RPS_MIN,
  SCREEN_NETWORK,
  SPEED_MAX,
  SPEED_MIN,
  WINDOW_MS,
} from './simConstants';
export type { LogRow } from './simWorker/protocol';

export interface NodeLoad {
  queue: number;
  busy: number;
  utilisation: number | null;
  up: boolean;
}

export type Mix = Record<RequestType, number>;

export interface SimState {
  /** The engine's code has loaded and a run exists. */
  ready: boolean;
  playing: boolean;
  speed: number;
  rps: number;
  mix: Mix;
  seed: number;
  /** Simulated time of the last summary, ms. */
  simTime: number;
  metrics: MetricsSnapshot | null;
  nodeLoad: Record<string, NodeLoad>;
  log: LogRow[];
  play: () => void;
  pause: () => void;
  toggle: () => void;
  /** Process exactly one event (pauses first). */
  step: () => void;
  reset: () => void;
  setSpeed: (speed: number) => void;
  setRps: (rps: number) => void;
  setMix: (mix: Partial<Mix>) => void;
  setSeed: (seed: number) => void;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// ——— what the page knows of the engine: the last frame and summary ———

/**
 * The engine as the page sees it: the packets of the last frame (packed, see
 * core/sim/transitPack), the simulated time to draw them at, and what the last summary said.
 * The packet layer reads the arrays directly (core/sim/transitPack's unpackTransit decodes one
 * for a test or a tool; it is not imported here, so it stays out of the first paint).
 */
export class EngineView {
  /** Simulated time to draw at (the engine's time, or a little past it while a frame is on its way). */
  now = 0;
  /** The engine's clock at the last frame. */
  frameNow = 0;
  count = 0;
  data: Float64Array = new Float64Array(0);
  /** Node and edge ids by the indices in `data`. */
  readonly names: string[] = [];
  /** Bumped when `names` starts over (a new run). */
  namesVersion = 0;
  drained: Record<string, boolean> = {};
  eventHash = 0;
  eventCount = 0;
  /** Bumped by every frame that arrives. */
  frameSeq = 0;
  /** The worker drew the last frame on the packet layer's canvas (`data` is then empty). */
  drawn = false;
  /** ms the worker spent drawing the last frame (when `drawn`). */
  drawMs = 0;

  /** Nothing is left on this (draining) node, as of the last summary. */
  isDrained(nodeId: string): boolean {
    return this.drained[nodeId] ?? false;
  }
}

const view = new EngineView();
let ready = false;

// ——— the link to the engine host: a Web Worker, or the same host code in the page ———

interface Link {
  kind: 'worker' | 'main';
  send: (msg: ToEngine, transfer?: Transferable[]) => void;
}

let link: Link | null = null;
let loadPattern: LoadPattern = { kind: 'steady' };
let engineTopology: Topology | null = null;
/** Bench/tests: an arrival rate beyond the slider's range, re-applied to every new run. */
let rawRps: number | null = null;
/** Bumped on every new run: frames from an older run are dropped. */
let generation = 0;
/** Simulated time the page has asked the engine to reach. */
let target = 0;
/** An 'advance' is on its way and its frame has not come back. */
let awaiting = false;
/** The engine changed while paused (step, reset, an edit): fetch a frame. */
let dirty = false;
let spareBuffer: ArrayBuffer | null = null;
const RECYCLE_BYTES = 256 * 1024;
let nextCallId = 1;
const pendingCalls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const compareListeners = new Map<number, (progress: number, results?: RunSummary[]) => void>();
const frameListeners = new Set<(engine: EngineView) => void>();
/** advanceBy's waits for a frame asked for after its advance. */
let frameSeq = 0;
let frameWaiters: { seq: number; resolve: () => void }[] = [];

function wantedEngine(): 'worker' | 'main' {
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).get('engine') === 'main') return 'main';
  return typeof Worker === 'function' ? 'worker' : 'main';
}

/** The in-page host: loaded on demand, messages queued until it is there. */
function mainLink(replay: ToEngine[] = []): Link {
  const queue: ToEngine[] = [...replay];
  let handle: ((msg: ToEngine) => void) | null = null;
  void import('./simWorker/host').then(({ createEngineHost }) => {
    const host = createEngineHost((msg) => receive(msg));
    handle = host.handle;
    for (const m of queue.splice(0)) host.handle(m);
  });
  return {
    kind: 'main',
    send: (msg) => {
      if (handle) handle(msg);
      else queue.push(msg);
    },
  };
}

function workerLink(): Link {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./simWorker/worker.ts', import.meta.url), { type: 'module', name: 'prodviz-engine' });
  } catch {
    return mainLink();
  }
  // Until the worker has answered once, keep what was sent: if it cannot start (a strict
  // policy, an old browser), the in-page host replays it and nothing is lost.
  let history: ToEngine[] | null = [];
  const self: Link = {
    kind: 'worker',
    send: (msg, transfer) => {
      if (history) {
        // Kept for a replay, so not transferred — except the canvas, which cannot be copied.
        history.push(msg);
        worker.postMessage(msg, msg.op === 'canvas' ? (transfer ?? []) : []);
      } else worker.postMessage(msg, transfer ?? []);
    },
  };
  worker.onmessage = (e: MessageEvent<FromEngine>) => {
    history = null;
    receive(e.data);
  };
  worker.onerror = (e) => {
    if (!history) {
      console.error('prodviz engine worker:', e.message);
      return;
    }
    e.preventDefault();
    worker.terminate();
    // The packet layer's messages go nowhere in the page: its canvas went with the worker, so
    // the layer is told to start over with a canvas of its own.
    const replay = history.filter((m) => m.op !== 'canvas' && m.op !== 'packets');
    const hadCanvas = replay.length !== history.length;
    history = null;
    link = mainLink(replay);
    if (hadCanvas) for (const l of fallbackListeners) l();
  };
  return self;
}

function send(msg: ToEngine, transfer?: Transferable[]) {
  link ??= wantedEngine() === 'worker' ? workerLink() : mainLink();
  link.send(msg, transfer);
}

const fallbackListeners = new Set<() => void>();

/** Called when the worker could not start after the packet layer's canvas was handed to it. */
export function onEngineFallback(listener: () => void): () => void {
  fallbackListeners.add(listener);
  return () => {
    fallbackListeners.delete(listener);
  };
}

/**
 * Hands the packet layer's canvas to the engine's worker (OffscreenCanvas), which then draws
 * the packets itself after every frame. False when it cannot (no OffscreenCanvas, the engine
 * in the page, `?packets=main`): the page draws them, from the frames' packed transits.
 */
export function transferCanvas(canvas: HTMLCanvasElement): boolean {
  if (typeof canvas.transferControlToOffscreen !== 'function' || typeof OffscreenCanvas === 'undefined') return false;
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).get('packets') === 'main') return false;
  link ??= wantedEngine() === 'worker' ? workerLink() : mainLink();
  if (link.kind !== 'worker') return false;
  let offscreen: OffscreenCanvas;
  try {
    offscreen = canvas.transferControlToOffscreen();
  } catch {
    return false;
  }
  link.send({ op: 'canvas', canvas: offscreen }, [offscreen]);
  return true;
}

/** The packet layer drawn in the worker: its size, view or layout changed. */
export function configurePackets(cfg: PacketsConfig) {
  send({ op: 'packets', ...cfg });
}

/** Where the engine runs ('worker' or 'main'); null before the first run. */
export function engineKind(): 'worker' | 'main' | null {
  return link?.kind ?? null;
}

function receive(msg: FromEngine) {
  switch (msg.op) {
    case 'frame':
      onFrameMessage(msg);
      return;
    case 'summary':
      onSummary(msg);
      return;
    case 'result': {
      const p = pendingCalls.get(msg.id);
      pendingCalls.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.value);
      return;
    }
    case 'compare': {
      const l = compareListeners.get(msg.id);
      if (msg.results) compareListeners.delete(msg.id);
      l?.(msg.progress, msg.results);
      return;
    }
  }
}

function onFrameMessage(msg: FrameMessage) {
  // Waiters resolve after this frame is in the view (a microtask later).
  const seq = msg.seq;
  if (seq !== undefined && frameWaiters.length > 0) {
    const done = frameWaiters.filter((w) => w.seq <= seq);
    frameWaiters = frameWaiters.filter((w) => w.seq > seq);
    for (const w of done) w.resolve();
  }
  if (msg.tag !== generation) {
    spareBuffer = msg.data.buffer as ArrayBuffer;
    return;
  }
  awaiting = false;
  // The previous frame's buffer goes back for reuse only when it is big (thousands of
  // packets): transferring it costs the page more than a small new one costs the worker.
  if (view.data.buffer.byteLength >= RECYCLE_BYTES) spareBuffer = view.data.buffer as ArrayBuffer;
  if (msg.reset) {
    view.names.length = 0;
    view.namesVersion++;
  }
  if (msg.names) {
    view.names.length = msg.names.from;
    for (const n of msg.names.names) view.names.push(n);
  }
  view.data = msg.data;
  view.count = msg.count;
  view.frameSeq++;
  view.drawn = msg.drawn === true;
  view.drawMs = msg.drawMs ?? 0;
  view.frameNow = msg.now;
  target = Math.max(target, msg.now);
  view.now = msg.now;
  if (!ready) {
    ready = true;
    useSimStore.setState({ ready: true });
  }
}

const sameLoad = (a: NodeLoad | undefined, b: NodeLoad) =>
  a !== undefined && a.queue === b.queue && a.busy === b.busy && a.utilisation === b.utilisation && a.up === b.up;

function onSummary(msg: SummaryMessage) {
  view.drained = msg.drained;
  view.eventHash = msg.eventHash;
  view.eventCount = msg.eventCount;
  const prev = useSimStore.getState();
  // Keep each node's load object when its numbers did not change, so a summary re-renders
  // only the nodes whose numbers moved (and nothing when none did).
  const nodeLoad: Record<string, NodeLoad> = {};
  let loadChanged = Object.keys(prev.nodeLoad).length !== Object.keys(msg.metrics.nodes).length;
  for (const [id, n] of Object.entries(msg.metrics.nodes)) {
    const next = { queue: n.queue, busy: n.busy, utilisation: n.utilisation, up: n.up };
    const old = prev.nodeLoad[id];
    if (old && sameLoad(old, next)) nodeLoad[id] = old;
    else {
      nodeLoad[id] = next;
      loadChanged = true;
    }
  }
  const lastPrev = prev.log[prev.log.length - 1];
  const lastNext = msg.log[msg.log.length - 1];
  const logSame = prev.log.length === msg.log.length && lastPrev?.seq === lastNext?.seq && lastPrev?.t === lastNext?.t;
  useSimStore.setState({
    simTime: msg.now,
    metrics: msg.metrics,
    ...(loadChanged ? { nodeLoad } : {}),
    ...(logSame ? {} : { log: msg.log }),
  });
}

function engineOptions(): SimOptions {
  const s = useSimStore.getState();
  return {
    seed: s.seed,
    rps: rawRps ?? s.rps,
    mix: s.mix,
    network: SCREEN_NETWORK,
    eventLog: 0,
    windowMs: WINDOW_MS,
    pattern: loadPattern,
  };
}

function requestFrame() {
  if (awaiting) {
    dirty = true;
    return;
  }
  awaiting = true;
  dirty = false;
  const buf = spareBuffer;
  spareBuffer = null;
  send({ op: 'frame', buf: buf ?? undefined, tag: generation }, buf ? [buf] : undefined);
}

function createEngine(topology: Topology) {
  generation++;
  target = 0;
  awaiting = false;
  engineTopology = topology;
  send({ op: 'create', topology, options: engineOptions() });
  requestFrame();
  publish();
}

/** The engine as last seen (null before the first run). */
export function getEngine(): EngineView | null {
  return ready ? view : null;
}

/** Puts a topology on the simulation: a new scene starts a fresh run, an edit keeps it going. */
export function attachTopology(topology: Topology, fresh: boolean) {
  if (!engineTopology || fresh) {
    createEngine(topology);
  } else if (topology !== engineTopology) {
    engineTopology = topology;
    send({ op: 'call', method: 'setTopology', args: [topology] });
    requestFrame();
    publish();
  }
}

/** How the load varies over time (steady, ramp, spike); kept across resets and scene changes. */
export function setLoadPattern(pattern: LoadPattern) {
  loadPattern = pattern;
  if (engineTopology) send({ op: 'call', method: 'setLoadPattern', args: [pattern] });
  publish();
}

export function getLoadPattern(): LoadPattern {
  return loadPattern;
}

/**
 * Calls a Simulation method (or reads a property) in the engine and resolves with what it
 * returned: e.g. engineCall('eventHash'). Calls run in order with everything else sent.
 */
export function engineCall<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
  const id = nextCallId++;
  return new Promise<T>((resolve, reject) => {
    pendingCalls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    send({ op: 'call', method, args, id });
  });
}

/**
 * Advances the engine by `ms` of simulated time at once (tests and tools: a deterministic
 * amount, not the wall clock's) and resolves when its frame is back.
 */
export async function advanceBy(ms: number): Promise<void> {
  // Relative to the engine's own clock (read in order with everything sent before), so the
  // same calls reach the same simulated times in the worker and in the page.
  const now = await engineCall<number>('now');
  const t = now + Math.max(0, ms);
  await engineCall('advanceTo', t);
  target = Math.max(target, t);
  publish();
  const seq = ++frameSeq;
  const arrived = new Promise<void>((resolve) => frameWaiters.push({ seq, resolve }));
  send({ op: 'frame', tag: generation, seq });
  await arrived;
}

/** Bench/tests: an arrival rate the slider does not allow (thousands of packets); null: the slider's. */
export function setRawRps(rps: number | null) {
  rawRps = rps;
  if (engineTopology) send({ op: 'call', method: 'setRps', args: [rps ?? useSimStore.getState().rps] });
}

/** Compare's headless runs, in the engine's worker; progress as they go, the summaries at the end. */
export function runCompare(
  runs: CompareRun[],
  onProgress: (progress: number) => void,
): { done: Promise<RunSummary[]>; cancel: () => void } {
  const id = nextCallId++;
  let cancel = () => {};
  const done = new Promise<RunSummary[]>((resolve) => {
    compareListeners.set(id, (progress, results) => {
      if (results) resolve(results);
      else onProgress(progress);
    });
    cancel = () => {
      compareListeners.delete(id);
      send({ op: 'cancel', id });
    };
  });
  send({ op: 'compare', id, runs });
  return { done, cancel };
}

/** Called every animation frame with what to draw (the packet layer draws here). */
export function onFrame(listener: (engine: EngineView) => void): () => void {
  frameListeners.add(listener);
  return () => {
    frameListeners.delete(listener);
  };
}

function publish() {
  if (engineTopology) send({ op: 'summary' });
}

let rafId = 0;
let lastFrame = 0;
let lastPublish = 0;
/** How far past the last frame packets may be drawn while the next one is on its way, simulated ms. */
const MAX_LEAD_FRAMES = 3;

function frame(ts: number) {
  rafId = requestAnimationFrame(frame);
  const dt = lastFrame ? Math.min(100, ts - lastFrame) : 0;
  lastFrame = ts;
  if (!engineTopology) return;
  const s = useSimStore.getState();
  const step = s.playing && dt > 0 ? dt * s.speed * REAL_TO_SIM : 0;
  if (step > 0) target += step;
  // A summary a few times a second while playing, asked for with the frame's advance.
  let summary = s.playing && ts - lastPublish >= PUBLISH_MS;
  if ((step > 0 || dirty) && !awaiting) {
    awaiting = true;
    dirty = false;
    const buf = spareBuffer;
    spareBuffer = null;
    send({ op: 'advance', t: target, frame: true, buf: buf ?? undefined, tag: generation, summary }, buf ? [buf] : undefined);
    if (summary) {
      lastPublish = ts;
      summary = false;
    }
  }
  if (ready) {
    // Draw a little ahead of the last frame while the next one is on its way (the worker
    // answers between two animation frames), so packets keep moving smoothly.
    view.now = s.playing ? Math.min(target, view.frameNow + MAX_LEAD_FRAMES * Math.max(step, 1e-9)) : view.frameNow;
    for (const l of frameListeners) l(view);
  }
  if (summary) {
    lastPublish = ts;
    publish();
  }
}

/** Starts the animation-frame loop; returns a function that stops it. */
export function startLoop(): () => void {
  if (!rafId) {
    lastFrame = 0;
    rafId = requestAnimationFrame(frame);
  }
  return () => {
    cancelAnimationFrame(rafId);
    rafId = 0;
  };
}

function seedFromSearch(): number {
  if (typeof location === 'undefined') return 1;
  const raw = new URLSearchParams(location.search).get('seed');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : 1;
}

export const useSimStore = create<SimState>((set, get) => ({
  ready: false,
  playing: false,
  speed: 1,
  rps: 50,
  mix: { ...DEFAULT_MIX },
  seed: seedFromSearch(),
  simTime: 0,
  metrics: null,
  nodeLoad: {},
  log: [],
  play: () => set({ playing: true }),
  pause: () => {
    set({ playing: false });
    publish();
  },
  toggle: () => (get().playing ? get().pause() : get().play()),
  step: () => {
    set({ playing: false });
    if (!engineTopology) return;
    send({ op: 'call', method: 'stepVisible', args: [] });
    requestFrame();
    publish();
  },
  reset: () => {
    set({ playing: false });
    if (engineTopology) createEngine(engineTopology);
  },
  setSpeed: (speed) => set({ speed: clamp(Number.isFinite(speed) ? speed : 1, SPEED_MIN, SPEED_MAX) }),
  setRps: (rps) => {
    const v = clamp(Number.isFinite(rps) ? Math.round(rps) : 0, RPS_MIN, RPS_MAX);
    set({ rps: v });
    rawRps = null;
    if (engineTopology) send({ op: 'call', method: 'setRps', args: [v] });
  },
  setMix: (mix) => {
    const next = { ...get().mix };
    for (const [k, v] of Object.entries(mix) as [RequestType, number][]) {
      next[k] = clamp(Number.isFinite(v) ? v : 0, 0, 1);
    }
    set({ mix: next });
    if (engineTopology) send({ op: 'call', method: 'setMix', args: [next] });
  },
  setSeed: (seed) => {
    set({ seed: Number.isInteger(seed) && seed >= 0 ? seed : 1 });
    get().reset();
  },
}));

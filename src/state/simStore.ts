/**
 * The simulation runtime. The engine (core/sim) lives here, outside React: one animation-frame
 * loop advances it, the packet layer reads its in-flight list directly each frame through
 * onFrame(), and React gets summaries (metrics, node load, the event log) a few times a
 * second through this zustand store. Running the simulation never touches the document or
 * its undo history.
 */
import { create } from 'zustand';
import type { Simulation } from '../core/sim/engine';
import { DEFAULT_MIX, type LoadPattern, type MetricsSnapshot, type RequestType, type SimEvent } from '../core/sim/types';
import type { Topology } from '../core/topology/types';

/** 1× plays simulated time this much slower than the wall clock, so a hop is long enough to see. */
export const REAL_TO_SIM = 0.1;
export const SPEED_MIN = 0.1;
export const SPEED_MAX = 10;
export const RPS_MIN = 0;
export const RPS_MAX = 2000;
/** How often React gets a new summary, in wall-clock ms. */
export const PUBLISH_MS = 250;
/** Engine events one Step may look through for the next one the log shows. */
const STEP_SEARCH = 1000;
/** Rows kept in the event log. */
export const LOG_CAP = 300;

/** Network delays the on-screen engine uses: long enough for packets to be seen travelling. */
export const SCREEN_NETWORK = { internetMs: 20, lanMs: 8, localMs: 4 } as const;
/** The metrics window, ms of simulated time (20 s on the wall clock at 1×). */
export const WINDOW_MS = 2000;

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
  /** Age of the request when this happened, ms of simulated time. */
  ageMs: number;
}

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

// ——— the engine and its loop, outside React ———

let engine: Simulation | null = null;
let loadPattern: LoadPattern = { kind: 'steady' };
let engineTopology: Topology | null = null;
let unsubscribeEvents: (() => void) | null = null;
// The event log's ring: the engine's own event objects and each one's request age, written in
// place (no allocation per event); rows for React are made only when a summary is published.
const ringEvents: (SimEvent | null)[] = new Array<SimEvent | null>(LOG_CAP).fill(null);
const ringAges = new Float64Array(LOG_CAP);
let ringNext = 0;
let ringCount = 0;
const arrivals = new Map<number, number>();
const frameListeners = new Set<(engine: Simulation) => void>();

function logged(kind: SimEvent['kind']): boolean {
  return (
    kind === 'hop' ||
    kind === 'respond' ||
    kind === 'complete' ||
    kind === 'error' ||
    kind === 'reject' ||
    kind === 'timeout' ||
    kind === 'fail' ||
    kind === 'killed'
  );
}

function collect(e: SimEvent) {
  if (e.kind === 'arrive') arrivals.set(e.reqId, e.t);
  else if (logged(e.kind)) {
    ringEvents[ringNext] = e;
    ringAges[ringNext] = e.t - (arrivals.get(e.reqId) ?? e.t);
    ringNext = (ringNext + 1) % LOG_CAP;
    if (ringCount < LOG_CAP) ringCount++;
    if (e.kind === 'complete' || e.kind === 'error') arrivals.delete(e.reqId);
  }
  if (arrivals.size > 50_000) arrivals.clear();
}

function clearLog() {
  ringEvents.fill(null);
  ringNext = 0;
  ringCount = 0;
  arrivals.clear();
}

/** The ring's rows, oldest first. */
function logRows(): LogRow[] {
  const out: LogRow[] = [];
  for (let i = 0; i < ringCount; i++) {
    const at = (ringNext - ringCount + i + LOG_CAP) % LOG_CAP;
    const e = ringEvents[at];
    if (!e) continue;
    out.push({
      seq: e.seq,
      t: e.t,
      kind: e.kind,
      reqId: e.reqId,
      type: e.type,
      method: e.method,
      path: e.path,
      from: e.from,
      to: e.to,
      node: e.node,
      status: e.status,
      ageMs: ringAges[at] ?? 0,
    });
  }
  return out;
}

// The engine's code is loaded after first paint, so the canvas appears before it arrives.
let SimulationClass: typeof Simulation | null = null;
let loading: Promise<void> | null = null;
function loadEngine(): Promise<void> {
  loading ??= import('../core/sim/engine').then((mod) => {
    SimulationClass = mod.Simulation;
  });
  return loading;
}

function createEngine(topology: Topology) {
  if (!SimulationClass) {
    void loadEngine().then(() => {
      if (engineTopology === topology || !engine) createEngine(engineTopology ?? topology);
    });
    engineTopology = topology;
    return;
  }
  unsubscribeEvents?.();
  const s = useSimStore.getState();
  engine = new SimulationClass(topology, {
    seed: s.seed,
    rps: s.rps,
    mix: s.mix,
    network: SCREEN_NETWORK,
    eventLog: 0,
    windowMs: WINDOW_MS,
    pattern: loadPattern,
  });
  engineTopology = topology;
  clearLog();
  unsubscribeEvents = engine.onEvent(collect);
  useSimStore.setState({ ready: true });
  publish();
}

/** The engine for the topology on screen (created on first use). */
export function getEngine(): Simulation | null {
  return engine;
}

/** Puts a topology on the simulation: a new scene starts a fresh run, an edit keeps it going. */
export function attachTopology(topology: Topology, fresh: boolean) {
  if (!engine || fresh) {
    createEngine(topology);
  } else if (topology !== engineTopology) {
    engine.setTopology(topology);
    engineTopology = topology;
  }
}

/** How the load varies over time (steady, ramp, spike); kept across resets and scene changes. */
export function setLoadPattern(pattern: LoadPattern) {
  loadPattern = pattern;
  engine?.setLoadPattern(pattern);
  publish();
}

export function getLoadPattern(): LoadPattern {
  return loadPattern;
}

/** Called after the engine advanced, every animation frame (the packet layer draws here). */
export function onFrame(listener: (engine: Simulation) => void): () => void {
  frameListeners.add(listener);
  return () => {
    frameListeners.delete(listener);
  };
}

function publish() {
  if (!engine) return;
  const m = engine.metrics();
  const nodeLoad: Record<string, NodeLoad> = {};
  for (const [id, n] of Object.entries(m.nodes)) {
    nodeLoad[id] = { queue: n.queue, busy: n.busy, utilisation: n.utilisation, up: n.up };
  }
  useSimStore.setState({
    simTime: engine.now,
    metrics: m,
    nodeLoad,
    log: logRows(),
  });
}

let rafId = 0;
let lastFrame = 0;
let lastPublish = 0;

function frame(ts: number) {
  rafId = requestAnimationFrame(frame);
  const dt = lastFrame ? Math.min(100, ts - lastFrame) : 0;
  lastFrame = ts;
  if (!engine) return;
  const s = useSimStore.getState();
  if (s.playing && dt > 0) engine.advanceTo(engine.now + dt * s.speed * REAL_TO_SIM);
  for (const l of frameListeners) l(engine);
  if (s.playing && ts - lastPublish >= PUBLISH_MS) {
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
    // Step goes to the next thing the event log shows (a hop, an answer, an error), like
    // Packet Tracer's Capture/Forward: an arrival alone is invisible, so it is not a step.
    for (let i = 0; i < STEP_SEARCH; i++) {
      const ev = engine?.step();
      if (!ev || logged(ev.kind)) break;
    }
    for (const l of frameListeners) if (engine) l(engine);
    publish();
  },
  reset: () => {
    set({ playing: false });
    if (engineTopology) createEngine(engineTopology);
    for (const l of frameListeners) if (engine) l(engine);
    publish();
  },
  setSpeed: (speed) => set({ speed: clamp(Number.isFinite(speed) ? speed : 1, SPEED_MIN, SPEED_MAX) }),
  setRps: (rps) => {
    const v = clamp(Number.isFinite(rps) ? Math.round(rps) : 0, RPS_MIN, RPS_MAX);
    set({ rps: v });
    engine?.setRps(v);
  },
  setMix: (mix) => {
    const next = { ...get().mix };
    for (const [k, v] of Object.entries(mix) as [RequestType, number][]) {
      next[k] = clamp(Number.isFinite(v) ? v : 0, 0, 1);
    }
    set({ mix: next });
    engine?.setMix(next);
  },
  setSeed: (seed) => {
    set({ seed: Number.isInteger(seed) && seed >= 0 ? seed : 1 });
    get().reset();
  },
}));

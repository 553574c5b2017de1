/**
 * "Trace one request": the teacher walks the class through one request, hop by hop.
 *
 * The steps come from core/sim/trace (a fresh, quiet simulation of the current scene's
 * topology with the run's seed, so the same scene and seed always tell the same story).
 * That module pulls in the engine, so it is loaded on demand, like the simulation runtime.
 * While a trace is open it follows the document: switching scenes or editing the
 * architecture retells the trace for what is on screen.
 */
import { create } from 'zustand';
import type { RequestType } from '../core/sim/types';
import type { TraceCache, TraceHighlight, TraceStep } from '../core/sim/trace';
import type { SceneId, Topology } from '../core/topology/types';
import { useDocumentStore } from './documentStore';
import { SCREEN_NETWORK, useSimStore } from './simStore';
import { useUiStore } from './uiStore';

export type { TraceHighlight, TraceStep } from '../core/sim/trace';

export interface TraceState {
  open: boolean;
  type: RequestType;
  /** 'cold': Redis and the CDN miss (the full path); 'warm': they hit. */
  cache: TraceCache;
  steps: TraceStep[];
  index: number;
  /** What the canvas highlights for the current step (a new object only when the step changes). */
  highlight: TraceHighlight;
  /** Which scene the steps were told for (null until they are ready). */
  scene: SceneId | null;
  /** Opens the trace (or retells it) for a request type; starts at the first step. */
  start: (type?: RequestType) => void;
  setCache: (cache: TraceCache) => void;
  next: () => void;
  prev: () => void;
  first: () => void;
  last: () => void;
  goTo: (index: number) => void;
  close: () => void;
  /** Opens the trace when closed, closes it when open. */
  toggle: () => void;
}

export const NO_HIGHLIGHT: TraceHighlight = Object.freeze({ focus: null, nodes: [], edge: null }) as TraceHighlight;

type TraceModule = typeof import('../core/sim/trace');
let traceModule: TraceModule | null = null;
let loading: Promise<TraceModule> | null = null;

/** Loads the trace code (and the engine) ahead of time, e.g. when the button is hovered. */
export function preloadTrace(): Promise<TraceModule> {
  loading ??= import('../core/sim/trace').then((mod) => {
    traceModule = mod;
    return mod;
  });
  return loading;
}

function currentTopology(): { scene: SceneId; topology: Topology } {
  const scene = useUiStore.getState().scene;
  return { scene, topology: useDocumentStore.getState().topologies[scene] };
}

let toldFor: { topology: Topology; seed: number } | null = null;
let generation = 0;

/**
 * Tells the trace for what is on screen. `keep` keeps the current step (an edit of the same
 * scene); otherwise it starts at the first step.
 */
function retell(keep: boolean) {
  const gen = ++generation;
  const run = (mod: TraceModule) => {
    if (gen !== generation) return;
    const s = useTraceStore.getState();
    if (!s.open) return;
    const { scene, topology } = currentTopology();
    const seed = useSimStore.getState().seed;
    toldFor = { topology, seed };
    const steps = mod.traceRequest(topology, { seed, type: s.type, cache: s.cache, network: SCREEN_NETWORK });
    const index = keep && s.scene === scene ? Math.min(s.index, steps.length - 1) : 0;
    useTraceStore.setState({ steps, index, scene, highlight: mod.highlightOf(steps[index]) });
  };
  if (traceModule) run(traceModule);
  else void preloadTrace().then(run);
}

function move(index: number) {
  const s = useTraceStore.getState();
  if (!s.open || s.steps.length === 0) return;
  const i = Math.max(0, Math.min(s.steps.length - 1, index));
  if (i === s.index) return;
  const step = s.steps[i];
  useTraceStore.setState({
    index: i,
    highlight: traceModule && step ? traceModule.highlightOf(step) : NO_HIGHLIGHT,
  });
}

export const useTraceStore = create<TraceState>((set, get) => ({
  open: false,
  type: 'page',
  cache: 'cold',
  steps: [],
  index: 0,
  highlight: NO_HIGHLIGHT,
  scene: null,
  start: (type) => {
    set({ open: true, type: type ?? get().type, steps: [], index: 0, scene: null, highlight: NO_HIGHLIGHT });
    retell(false);
  },
  setCache: (cache) => {
    if (cache === get().cache) return;
    set({ cache });
    if (get().open) retell(false);
  },
  next: () => move(get().index + 1),
  prev: () => move(get().index - 1),
  first: () => move(0),
  last: () => move(get().steps.length - 1),
  goTo: (index) => move(index),
  close: () => {
    generation++;
    toldFor = null;
    set({ open: false, steps: [], index: 0, scene: null, highlight: NO_HIGHLIGHT });
  },
  toggle: () => (get().open ? get().close() : get().start()),
}));

// Follow what is on screen while a trace is open.
function onWorldChange() {
  const s = useTraceStore.getState();
  if (!s.open || s.scene === null) return;
  const { scene, topology } = currentTopology();
  const seed = useSimStore.getState().seed;
  if (scene !== s.scene) retell(false);
  else if (toldFor && (toldFor.topology !== topology || toldFor.seed !== seed)) retell(true);
}
useUiStore.subscribe((s, prev) => {
  if (s.scene !== prev.scene) onWorldChange();
});
useDocumentStore.subscribe((s, prev) => {
  if (s.topologies !== prev.topologies) onWorldChange();
});
useSimStore.subscribe((s, prev) => {
  if (s.seed !== prev.seed) onWorldChange();
});

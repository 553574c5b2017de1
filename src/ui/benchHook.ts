/**
 * A small handle for the frame-pacing benchmark (bench/frames.ts) and automated checks:
 * `window.__prodviz`. It is installed only when a browser is driven by automation
 * (navigator.webdriver) or the URL has `?bench`, so people never see it.
 */
import type { Topology } from '../core/topology/types';
import { useDocumentStore } from '../state/documentStore';
import { useUiStore } from '../state/uiStore';
import { advanceBy, engineCall, engineKind, getEngine, setRawRps, useSimStore } from '../state/simStore';
import { benchWanted, drawStats } from './benchStats';

export interface BenchHook {
  play: () => void;
  pause: () => void;
  reset: () => void;
  setSpeed: (speed: number) => void;
  /**
   * Sets the arrival rate. The store clamps it to the slider's range; the engine takes the
   * raw value, so a benchmark can put thousands of packets in flight.
   */
  setRps: (rps: number) => void;
  /** Packets on the wire right now. */
  inFlight: () => number;
  /** The engine is loaded (it arrives after first paint). */
  ready: () => boolean;
  /** Mean ms the packet layer spent per frame since the last call (and starts a new count). */
  drawMs: () => number;
  /** Turns the packet layer off (to split its cost from the simulation's and the app's). */
  setPackets: (on: boolean) => void;
  /** Scales the scene on screen out to n app servers (the scaling code loads on demand). */
  setAppServers: (n: number) => Promise<number>;
  /** Puts a whole topology on the scene on screen (the benchmark's large diagrams); returns its node count. */
  loadTopology: (topology: Topology) => number;
  /** Where the engine runs: 'worker' or 'main' (absent before the worker existed). */
  engineKind?: () => 'worker' | 'main';
  /** Who drew the last frame's packets: the engine's worker (OffscreenCanvas) or the page. */
  packetsDrawnBy?: () => 'worker' | 'page';
  /** Advances the engine by this much simulated time at once and resolves when it is back. */
  advanceBy: (ms: number) => Promise<void>;
  /** The engine's event-stream hash and count right now (after everything sent before). */
  eventHash: () => Promise<{ hash: number; count: number }>;
  /** Processes one event, like the Step button. */
  step: () => void;
  setSeed: (seed: number) => void;
}

declare global {
  interface Window {
    __prodviz?: BenchHook;
  }
}

export function installBenchHook(): () => void {
  if (!benchWanted()) return () => {};
  const hook: BenchHook = {
    play: () => useSimStore.getState().play(),
    pause: () => useSimStore.getState().pause(),
    reset: () => useSimStore.getState().reset(),
    setSpeed: (speed) => useSimStore.getState().setSpeed(speed),
    setRps: (rps) => {
      useSimStore.getState().setRps(rps);
      setRawRps(rps);
    },
    inFlight: () => getEngine()?.count ?? 0,
    ready: () => getEngine() !== null,
    drawMs: () => {
      const mean = drawStats.frames > 0 ? drawStats.ms / drawStats.frames : 0;
      drawStats.frames = 0;
      drawStats.ms = 0;
      return mean;
    },
    setPackets: (on) => {
      drawStats.enabled = on;
    },
    setAppServers: async (n) => {
      const { setAppServers } = await import('../core/topology/scaling');
      const scene = useUiStore.getState().scene;
      const docs = useDocumentStore.getState();
      docs.replaceTopology(scene, setAppServers(docs.topologies[scene], n));
      return useDocumentStore
        .getState()
        .topologies[scene].nodes.filter((x) => x.kind === 'gunicorn').length;
    },
    loadTopology: (topology) => {
      const scene = useUiStore.getState().scene;
      useDocumentStore.getState().replaceTopology(scene, topology);
      return useDocumentStore.getState().topologies[scene].nodes.length;
    },
    engineKind: () => engineKind() ?? 'main',
    packetsDrawnBy: () => (getEngine()?.drawn ? 'worker' : 'page'),
    advanceBy,
    eventHash: async () => {
      const [hash, count] = await Promise.all([engineCall<number>('eventHash'), engineCall<number>('eventCount')]);
      return { hash, count };
    },
    step: () => useSimStore.getState().step(),
    setSeed: (seed) => useSimStore.getState().setSeed(seed),
  };
  window.__prodviz = hook;
  return () => {
    if (window.__prodviz === hook) delete window.__prodviz;
  };
}

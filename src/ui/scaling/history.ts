/**
 * Time series for the live charts: one sample each time the simulation runtime publishes a
 * summary (a few times a second), kept outside React. Charts subscribe and redraw themselves.
 */
import { busiestNode } from '../../core/sim/compare';
import type { MetricsSnapshot } from '../../core/sim/types';
import { useSimStore } from '../../state/simStore';

/** Samples kept (at 4 per second of wall clock: the last few minutes). */
export const HISTORY_CAP = 600;

export interface History {
  /** Simulated time, s. */
  t: number[];
  throughput: number[];
  p95: number[];
  /** Errors as a share of responses in the window, %. */
  errorRate: number[];
  /** Utilisation of the busiest node, %. */
  busiest: number[];
  /** Id of the busiest node at the last sample. */
  busiestId: string | null;
}

const history: History = { t: [], throughput: [], p95: [], errorRate: [], busiest: [], busiestId: null };
const listeners = new Set<() => void>();
let lastT = -1;
let started = false;

function clear() {
  history.t.length = 0;
  history.throughput.length = 0;
  history.p95.length = 0;
  history.errorRate.length = 0;
  history.busiest.length = 0;
  history.busiestId = null;
}

function sample(m: MetricsSnapshot) {
  if (m.t < lastT) clear(); // a reset or a new scene started a new run
  if (m.t === lastT) return;
  lastT = m.t;
  const responses = m.windowCompleted + m.windowErrored;
  const busiest = busiestNode(m);
  history.t.push(m.t / 1000);
  history.throughput.push(m.throughput);
  history.p95.push(m.latency.p95);
  history.errorRate.push(responses > 0 ? (100 * m.windowErrored) / responses : 0);
  history.busiest.push(busiest ? Math.min(100, 100 * busiest.utilisation) : 0);
  history.busiestId = busiest?.id ?? null;
  if (history.t.length > HISTORY_CAP) {
    for (const k of ['t', 'throughput', 'p95', 'errorRate', 'busiest'] as const) history[k].splice(0, history[k].length - HISTORY_CAP);
  }
  for (const l of listeners) l();
}

/** Starts sampling (once); later calls do nothing. */
export function startHistory() {
  if (started) return;
  started = true;
  const m = useSimStore.getState().metrics;
  if (m) sample(m);
  useSimStore.subscribe((s, prev) => {
    if (s.metrics && s.metrics !== prev.metrics) sample(s.metrics);
  });
}

export function getHistory(): Readonly<History> {
  return history;
}

/** Called after each new sample; returns an unsubscribe function. */
export function onHistory(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Headless runs for "Compare": the same seed, load and mix on two topologies (before and after a
 * change), summarised as the numbers a class compares. Runs advance in chunks so a caller can
 * spread the work over several tasks and keep a page responsive.
 */
import type { Topology } from '../topology/types';
import { Simulation } from './engine';
import type { LoadPattern, MetricsSnapshot, NetworkOptions, RequestType } from './types';

export interface RunSummary {
  /** Successful responses per simulated second over the measured interval (errors are counted apart). */
  throughput: number;
  p50: number;
  p95: number;
  /** Error responses, and their share of all responses (0–1), over the measured interval. */
  errors: number;
  errorRate: number;
  /** The node (server box CPU, or a component's slots) with the highest utilisation. */
  busiest: { id: string; utilisation: number } | null;
}

export interface HeadlessOptions {
  seed: number;
  rps: number;
  mix?: Partial<Record<RequestType, number>>;
  pattern?: LoadPattern;
  network?: NetworkOptions;
  /** Simulated ms run before measuring (queues fill). Default 10 000. */
  warmupMs?: number;
  /** Simulated ms measured. Default 30 000. */
  measureMs?: number;
}

/** The busiest node of a snapshot (highest utilisation; ties: first in order). */
export function busiestNode(m: MetricsSnapshot): { id: string; utilisation: number } | null {
  let best: { id: string; utilisation: number } | null = null;
  for (const n of Object.values(m.nodes)) {
    if (n.utilisation === null || !n.up) continue;
    if (best === null || n.utilisation > best.utilisation) best = { id: n.id, utilisation: n.utilisation };
  }
  return best;
}

export function summarise(m: MetricsSnapshot): RunSummary {
  const responses = m.windowCompleted + m.windowErrored;
  return {
    throughput: m.windowMs > 0 ? (m.windowCompleted * 1000) / m.windowMs : 0,
    p50: m.latency.p50,
    p95: m.latency.p95,
    errors: m.windowErrored,
    errorRate: responses > 0 ? m.windowErrored / responses : 0,
    busiest: busiestNode(m),
  };
}

/** One headless run, advanced chunk by chunk. */
export class HeadlessRun {
  private readonly sim: Simulation;
  readonly endMs: number;

  constructor(topology: Topology, o: HeadlessOptions) {
    const measure = Math.max(1000, o.measureMs ?? 30_000);
    this.endMs = Math.max(0, o.warmupMs ?? 10_000) + measure;
    this.sim = new Simulation(topology, {
      seed: o.seed,
      rps: o.rps,
      mix: o.mix,
      pattern: o.pattern,
      network: o.network,
      eventLog: 0,
      windowMs: measure,
    });
  }

  /** Advances by up to `chunkMs` simulated ms; true when the run is over. */
  step(chunkMs: number): boolean {
    this.sim.advanceTo(Math.min(this.endMs, this.sim.now + Math.max(1, chunkMs)));
    return this.done;
  }

  get done(): boolean {
    return this.sim.now >= this.endMs;
  }

  /** Share of the run done, 0–1. */
  get progress(): number {
    return this.endMs > 0 ? Math.min(1, this.sim.now / this.endMs) : 1;
  }

  result(): RunSummary {
    return summarise(this.sim.metrics());
  }
}

/** Runs both to the end at once (tests, CLI). */
export function compare(before: Topology, after: Topology, o: HeadlessOptions): { before: RunSummary; after: RunSummary } {
  const a = new HeadlessRun(before, o);
  const b = new HeadlessRun(after, o);
  while (!a.step(60_000));
  while (!b.step(60_000));
  return { before: a.result(), after: b.result() };
}

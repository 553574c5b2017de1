/**
 * Simulation throughput benchmark (Node): events per second of the engine on the production
 * scene under load, against a bare push/pop loop on the same binary heap, in one process.
 *
 *   npm run bench:sim [-- --rps 250 --seconds 1200 --scene production]
 */
import { parseArgs } from 'node:util';
import { EventQueue } from '../src/core/sim/heap';
import { Rng } from '../src/core/sim/rng';
import { Simulation } from '../src/core/sim/engine';
import { getScene } from '../src/core/topology/scenes';
import { isSceneId } from '../src/core/topology/types';

function fail(message: string): never {
  process.stderr.write(`bench:sim: ${message}\n`);
  process.exit(2);
}

let values: { rps?: string; seconds?: string; scene?: string; seed?: string };
try {
  ({ values } = parseArgs({
    options: { rps: { type: 'string' }, seconds: { type: 'string' }, scene: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
const rps = Number(values.rps ?? 250);
const seconds = Number(values.seconds ?? 1200);
const seed = Number(values.seed ?? 1);
const sceneId = values.scene ?? 'production';
if (!(rps > 0) || !(seconds > 0) || !Number.isInteger(seed)) fail('--rps and --seconds must be positive, --seed an integer');
if (!isSceneId(sceneId)) fail(`unknown scene "${sceneId}"`);

const topology = getScene(sceneId).topology;

function runEngine(simSeconds: number): { events: number; ms: number; sim: Simulation } {
  const sim = new Simulation(topology, { seed, rps, eventLog: 0 });
  const t0 = performance.now();
  // Advance in animation-frame-sized steps and read metrics a few times a second, as the app does.
  const frame = 1000 / 60;
  let nextMetrics = 250;
  for (let t = frame; t <= simSeconds * 1000; t += frame) {
    sim.advanceTo(t);
    if (t >= nextMetrics) {
      sim.metrics();
      nextMetrics += 250;
    }
  }
  return { events: sim.eventsProcessed, ms: performance.now() - t0, sim };
}

function runHeap(ops: number, pending: number): { events: number; ms: number } {
  const q = new EventQueue<null>(1024);
  const rng = new Rng(seed);
  for (let i = 0; i < pending; i++) q.push(rng.exp(10), 0, null, 0);
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    q.pop();
    q.push(q.time + rng.exp(10), 0, null, 0);
  }
  return { events: ops, ms: performance.now() - t0 };
}

// Warm up both (JIT), then measure.
runEngine(Math.min(60, seconds));
const engine = runEngine(seconds);
const m = engine.sim.metrics();
runHeap(1_000_000, 1000);
const heap = runHeap(Math.max(1_000_000, engine.events), Math.max(16, Math.round(m.inFlight * 4)));

const engineRate = (engine.events / engine.ms) * 1000;
const heapRate = (heap.events / heap.ms) * 1000;
const report = {
  scene: sceneId,
  rps,
  simSeconds: seconds,
  engine: {
    events: engine.events,
    wallMs: Math.round(engine.ms),
    eventsPerSecond: Math.round(engineRate),
    requests: m.arrived,
    throughput: Math.round(m.totals.throughput * 10) / 10,
    p95Ms: Math.round(m.totals.latency.p95 * 10) / 10,
    errors: m.errored,
  },
  bareHeap: { events: heap.events, wallMs: Math.round(heap.ms), eventsPerSecond: Math.round(heapRate) },
  engineToHeapRatio: Math.round((engineRate / heapRate) * 1000) / 1000,
  goalEventsPerSecond: 1_000_000,
  meetsGoal: engineRate >= 1_000_000,
};
console.log(JSON.stringify(report, null, 2));

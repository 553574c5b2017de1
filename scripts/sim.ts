/**
 * Run the simulation headless and print a JSON summary.
 *
 *   npm run sim -- --scene production --rps 200 --seconds 60 --seed 1
 *   npm run sim -- --doc my-topology.json --set app1-gunicorn.workers=9 --set postgres.up=false
 *
 * --scene ID        a preset scene (local, development, staging, production, realworld)
 * --doc FILE        a JSON file holding a Topology, or an object with a `topology` field
 * --rps N           requests per second (default 100)
 * --seconds N       simulated seconds (default 60)
 * --seed N          integer seed (default 1)
 * --mix a=x,b=y     request mix shares (static, page, api, upload)
 * --set ID.P=V      override a node parameter (repeatable): any parameter the engine reads
 *                   (src/core/sim/cli.ts SIM_PARAMS); V is a number, true/false or a word
 * --internet-ms N   network delay of a hop over the internet (default 20)
 * --lan-ms N        network delay of a hop between two machines (default 1)
 *
 * Bad arguments: one line on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { isComponentKind } from '../src/core/catalog/catalog';
import { UsageError, applySet, parseSimArgs } from '../src/core/sim/cli';
import { Simulation } from '../src/core/sim/engine';
import { getScene } from '../src/core/topology/scenes';
import { isSceneId, type Topology } from '../src/core/topology/types';

function asTopology(value: unknown, file: string): Topology {
  const obj = value as { topology?: unknown } | null;
  const t = (obj !== null && typeof obj === 'object' && 'topology' in obj ? obj.topology : value) as Topology | null;
  if (t === null || typeof t !== 'object' || !Array.isArray(t.nodes) || !Array.isArray(t.edges)) {
    throw new UsageError(`${file}: expected a topology ({ nodes: [...], edges: [...] }) or { topology }`);
  }
  for (const n of t.nodes as unknown[]) {
    const node = n as { id?: unknown; kind?: unknown } | null;
    if (node === null || typeof node !== 'object' || typeof node.id !== 'string' || !isComponentKind(node.kind)) {
      throw new UsageError(`${file}: every node needs a string id and a known kind`);
    }
  }
  for (const e of t.edges as unknown[]) {
    const edge = e as { id?: unknown; source?: unknown; target?: unknown } | null;
    if (edge === null || typeof edge !== 'object' || typeof edge.id !== 'string' || typeof edge.source !== 'string' || typeof edge.target !== 'string') {
      throw new UsageError(`${file}: every edge needs string id, source and target`);
    }
  }
  return t;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

function main(argv: string[]): void {
  const values = parseSimArgs(argv);
  const { rps, seconds, seed, mix } = values;

  let topology: Topology;
  let source: string;
  if (values.doc !== undefined) {
    let text: string;
    try {
      text = readFileSync(values.doc, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${values.doc}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`${values.doc} is not valid JSON`);
    }
    topology = structuredClone(asTopology(json, values.doc));
    source = values.doc;
  } else {
    const id = values.scene ?? 'production';
    if (!isSceneId(id)) throw new UsageError(`unknown scene "${id}" (local, development, staging, production, realworld)`);
    topology = getScene(id).topology;
    source = id;
  }
  for (const spec of values.set) applySet(topology, spec);

  const sim = new Simulation(topology, {
    seed,
    rps,
    eventLog: 0,
    ...(mix ? { mix } : {}),
    ...(values.internetMs !== undefined ? { internetMs: values.internetMs } : {}),
    ...(values.lanMs !== undefined ? { lanMs: values.lanMs } : {}),
  });
  const t0 = performance.now();
  sim.advanceTo(seconds * 1000);
  const wallMs = performance.now() - t0;
  const m = sim.metrics();
  const nodes: Record<string, unknown> = {};
  for (const n of Object.values(m.nodes)) {
    if (n.kind === 'user') continue;
    nodes[n.id] = {
      kind: n.kind,
      up: n.up,
      utilisation: n.utilisation === null ? null : round(n.utilisation, 3),
      busyAvg: round(n.busyAvg, 3),
      queueAvg: round(n.queueAvg, 3),
      served: n.served,
      rejected: n.rejected,
      dropped: n.dropped,
      timedOut: n.timedOut,
      recycled: n.recycled,
      meanWaitMs: round(n.meanWaitMs, 3),
    };
  }
  const summary = {
    source,
    seed,
    rps,
    seconds,
    arrived: m.arrived,
    completed: m.completed,
    errored: m.errored,
    inFlight: m.inFlight,
    throughput: round(m.totals.throughput),
    latencyMs: {
      mean: round(m.totals.latency.mean),
      p50: round(m.totals.latency.p50),
      p95: round(m.totals.latency.p95),
      p99: round(m.totals.latency.p99),
      max: round(m.totals.latency.max),
    },
    errorsByStatus: m.totals.errorsByStatus,
    tracebacks: m.tracebacks,
    lastWindow: {
      windowMs: round(m.windowMs),
      throughput: round(m.throughput),
      p95: round(m.latency.p95),
      errorsByStatus: m.errorsByStatus,
    },
    nodes,
    eventsProcessed: sim.eventsProcessed,
    eventHash: sim.eventHash.toString(16).padStart(8, '0'),
    wallMs: Math.round(wallMs),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`sim: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

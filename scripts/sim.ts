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
 * --set ID.P=V      override a node parameter (repeatable); V is a number, true/false or a word
 *
 * Bad arguments: one line on stderr and exit code 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isComponentKind } from '../src/core/catalog/catalog';
import { Simulation } from '../src/core/sim/engine';
import { REQUEST_TYPES, type RequestType, type SimNodeParams } from '../src/core/sim/types';
import { getScene } from '../src/core/topology/scenes';
import { isSceneId, type Topology } from '../src/core/topology/types';

class UsageError extends Error {}

const PARAMS: Record<string, 'number' | 'boolean' | readonly string[]> = {
  workers: 'number',
  workerClass: ['sync', 'gthread', 'async'],
  cores: 'number',
  memoryMb: 'number',
  hitRatio: 'number',
  serviceMs: 'number',
  up: 'boolean',
  weight: 'number',
  concurrency: 'number',
  backlog: 'number',
  timeoutMs: 'number',
  queriesPerRequest: 'number',
  lbMethod: ['round_robin', 'least_conn', 'ip_hash'],
};

function num(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !check(v)) throw new UsageError(`invalid --${name} "${raw}"`);
  return v;
}

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

function applySet(t: Topology, spec: string): void {
  const m = /^([^=]+)\.([A-Za-z]+)=(.*)$/.exec(spec);
  if (!m) throw new UsageError(`invalid --set "${spec}" (expected nodeId.param=value)`);
  const [, id, param, raw] = m as unknown as [string, string, string, string];
  const node = t.nodes.find((n) => n.id === id);
  if (!node) throw new UsageError(`--set: no node "${id}"`);
  const type = PARAMS[param];
  if (type === undefined) throw new UsageError(`--set: unknown parameter "${param}" (known: ${Object.keys(PARAMS).join(', ')})`);
  let value: number | boolean | string;
  if (type === 'number') {
    value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--set ${id}.${param}: "${raw}" is not a number ≥ 0`);
  } else if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`--set ${id}.${param}: expected true or false`);
    value = raw === 'true';
  } else {
    if (!type.includes(raw)) throw new UsageError(`--set ${id}.${param}: expected one of ${type.join(', ')}`);
    value = raw;
  }
  node.params = { ...(node.params ?? {}), [param]: value } as SimNodeParams;
}

function parseMix(raw: string): Partial<Record<RequestType, number>> {
  const mix: Partial<Record<RequestType, number>> = {};
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=');
    const share = Number(v);
    if (!REQUEST_TYPES.includes(k as RequestType) || v === undefined || !Number.isFinite(share) || share < 0) {
      throw new UsageError(`invalid --mix "${raw}" (expected e.g. static=0.4,page=0.4,api=0.15,upload=0.05)`);
    }
    mix[k as RequestType] = share;
  }
  return mix;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

function main(argv: string[]): void {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scene: { type: 'string' },
        doc: { type: 'string' },
        rps: { type: 'string' },
        seconds: { type: 'string' },
        seed: { type: 'string' },
        mix: { type: 'string' },
        set: { type: 'string', multiple: true },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
  if (values.scene !== undefined && values.doc !== undefined) throw new UsageError('give --scene or --doc, not both');
  const rps = num('rps', values.rps, 100, (v) => v >= 0);
  const seconds = num('seconds', values.seconds, 60, (v) => v > 0);
  const seed = num('seed', values.seed, 1, (v) => Number.isInteger(v));
  const mix = values.mix !== undefined ? parseMix(values.mix) : undefined;

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
  for (const spec of values.set ?? []) applySet(topology, spec);

  const sim = new Simulation(topology, { seed, rps, eventLog: 0, ...(mix ? { mix } : {}) });
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

/**
 * The headless runner's arguments (scripts/sim.ts), parsed without Node APIs so they can be
 * unit-tested: every parameter the engine reads can be set per node (`--set node.param=value`),
 * and the network delays (`--internet-ms`, `--lan-ms`) can match a loopback setup.
 * Bad input throws a UsageError with one line saying what is wrong.
 */
import type { Topology } from '../topology/types';
import { REQUEST_TYPES, type RequestType, type SimNodeParams } from './types';

export class UsageError extends Error {}

type ParamType = 'number' | 'integer' | 'ratio' | 'boolean' | readonly string[];

/** Every node parameter the engine reads, with the values it accepts. */
export const SIM_PARAMS: Readonly<Record<string, ParamType>> = {
  // any node
  up: 'boolean',
  serviceMs: 'number',
  serviceCv: 'number',
  concurrency: 'integer',
  backlog: 'integer',
  weight: 'number',
  draining: 'boolean',
  hitRatio: 'ratio',
  // server box
  cores: 'integer',
  memoryMb: 'number',
  // gunicorn
  workers: 'integer',
  workerClass: ['sync', 'gthread', 'async'],
  threads: 'integer',
  workerConnections: 'integer',
  workerMemoryMb: 'number',
  timeoutS: 'number',
  gracefulTimeoutS: 'number',
  maxRequests: 'integer',
  maxRequestsJitter: 'integer',
  bootMs: 'number',
  restartMs: 'number',
  timeoutMs: 'number',
  // nginx
  lbMethod: ['round_robin', 'least_conn', 'ip_hash'],
  connectTimeoutS: 'number',
  readTimeoutS: 'number',
  maxFails: 'integer',
  failTimeoutS: 'number',
  nextUpstreamTries: 'integer',
  clientMaxBodyMb: 'number',
  // django
  cpuMs: 'number',
  ioMs: 'number',
  queryMs: 'number',
  queriesPerRequest: 'integer',
  staticCollected: 'boolean',
  debug: 'boolean',
  hostAllowed: 'boolean',
  // redis
  ignoreExceptions: 'boolean',
  sessions: 'boolean',
};

export interface SimCliArgs {
  scene?: string;
  doc?: string;
  rps: number;
  seconds: number;
  seed: number;
  mix?: Partial<Record<RequestType, number>>;
  set: string[];
  internetMs?: number;
  lanMs?: number;
}

const OPTIONS = ['scene', 'doc', 'rps', 'seconds', 'seed', 'mix', 'set', 'internet-ms', 'lan-ms'] as const;

function num(name: string, raw: string, check: (n: number) => boolean, what: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !check(v)) throw new UsageError(`invalid --${name} "${raw}" (${what})`);
  return v;
}

export function parseMix(raw: string): Partial<Record<RequestType, number>> {
  const mix: Partial<Record<RequestType, number>> = {};
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=');
    const share = Number(v);
    if (!REQUEST_TYPES.includes(k as RequestType) || v === undefined || v.trim() === '' || !Number.isFinite(share) || share < 0) {
      throw new UsageError(`invalid --mix "${raw}" (expected e.g. static=0.4,page=0.4,api=0.15,upload=0.05)`);
    }
    mix[k as RequestType] = share;
  }
  return mix;
}

/** Parses the runner's argv (without node and the script). */
export function parseSimArgs(argv: readonly string[]): SimCliArgs {
  const raw = new Map<string, string>();
  const sets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (!(OPTIONS as readonly string[]).includes(name)) throw new UsageError(`unknown option --${name} (known: ${OPTIONS.map((o) => `--${o}`).join(', ')})`);
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (name === 'set') sets.push(value);
    else if (raw.has(name)) throw new UsageError(`--${name} given twice`);
    else raw.set(name, value);
  }
  if (raw.has('scene') && raw.has('doc')) throw new UsageError('give --scene or --doc, not both');
  const out: SimCliArgs = {
    rps: raw.has('rps') ? num('rps', raw.get('rps')!, (v) => v >= 0, 'a number ≥ 0') : 100,
    seconds: raw.has('seconds') ? num('seconds', raw.get('seconds')!, (v) => v > 0, 'a number > 0') : 60,
    seed: raw.has('seed') ? num('seed', raw.get('seed')!, (v) => Number.isInteger(v), 'an integer') : 1,
    set: sets,
  };
  if (raw.has('scene')) out.scene = raw.get('scene')!;
  if (raw.has('doc')) out.doc = raw.get('doc')!;
  if (raw.has('mix')) out.mix = parseMix(raw.get('mix')!);
  if (raw.has('internet-ms')) out.internetMs = num('internet-ms', raw.get('internet-ms')!, (v) => v >= 0, 'ms ≥ 0');
  if (raw.has('lan-ms')) out.lanMs = num('lan-ms', raw.get('lan-ms')!, (v) => v >= 0, 'ms ≥ 0');
  return out;
}

/** Applies one `nodeId.param=value` to the topology (in place). */
export function applySet(t: Topology, spec: string): void {
  const m = /^(.+)\.([A-Za-z]+)=(.*)$/.exec(spec);
  if (!m) throw new UsageError(`invalid --set "${spec}" (expected nodeId.param=value)`);
  const [, id, param, rawValue] = m as unknown as [string, string, string, string];
  const node = t.nodes.find((x) => x.id === id);
  if (!node) throw new UsageError(`--set: no node "${id}" (nodes: ${t.nodes.map((x) => x.id).join(', ')})`);
  const type = SIM_PARAMS[param];
  if (type === undefined) throw new UsageError(`--set: unknown parameter "${param}" (known: ${Object.keys(SIM_PARAMS).join(', ')})`);
  const raw = rawValue.trim();
  let value: number | boolean | string;
  if (type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new UsageError(`--set ${id}.${param}: expected true or false, got "${rawValue}"`);
    value = raw === 'true';
  } else if (Array.isArray(type)) {
    if (!type.includes(raw)) throw new UsageError(`--set ${id}.${param}: expected one of ${type.join(', ')}, got "${rawValue}"`);
    value = raw;
  } else {
    const v = Number(raw);
    const ok = raw !== '' && Number.isFinite(v) && v >= 0 && (type !== 'integer' || Number.isInteger(v)) && (type !== 'ratio' || v <= 1);
    if (!ok) {
      const what = type === 'integer' ? 'an integer ≥ 0' : type === 'ratio' ? 'a number from 0 to 1' : 'a number ≥ 0';
      throw new UsageError(`--set ${id}.${param}: "${rawValue}" is not ${what}`);
    }
    value = v;
  }
  node.params = { ...(node.params ?? {}), [param]: value } as SimNodeParams;
}

/**
 * Calibration against the real stack: the generated files running a real Gunicorn (W sync
 * workers) behind NGINX (test/realstack/stack.ts starts them), a view whose service time you
 * set, open-loop Poisson load from this process on 127.0.0.1 (bounded count and time). The
 * view's real service mean and CV are read from Gunicorn's access log (%(D)s) and fed to the
 * engine; the table prints real, engine and M/D/c mean/p50/p95 side by side, with ratios.
 *
 * Paired comparison: the engine and M/D/c get the very arrival times the client sent the
 * real requests at (SimOptions.arrivalTimes), and the same first tenth is dropped. A p95 at
 * ρ = 0.8 read from a few hundred requests swings by −35 % … +50 % from one arrival sample
 * to the next (even for an exact M/D/c system), so comparing one real sample with a long
 * engine run says more about the sample than about the engine; on the same arrivals what
 * is left is the service times and the machine. The engine's long-run p95 is printed too.
 *
 *   npm run bench:calibrate [-- --ms 20 --cpu 0 --workers 1,2,4 --rho 0.5,0.8 --requests 1000 --seconds 25]
 *
 * --ms N        the view sleeps N ms (I/O wait: uses no core)          default 20
 * --cpu N       then spins N ms on a core                              default 0
 * --workers L   Gunicorn sync workers to try                           default 1,2,4
 * --rho L       target utilisation ρ = λ·E[S]/W                        default 0.5,0.8
 * --requests N  at most N requests per cell                            default 1000
 * --seconds N   and at most N seconds of load per cell                 default 25
 * --seed N      arrival times' seed                                    default 1
 * Bad arguments: one line on stderr, exit 2. Needs what `npm run test:realstack` needs.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateConfigs } from '../src/core/export/configs';
import { Simulation } from '../src/core/sim/engine';
import type { SimEvent, SimOptions } from '../src/core/sim/types';
import type { TopoNode, Topology } from '../src/core/topology/types';
import { missing, request, startStack, type Stack } from '../test/realstack/stack';

function fail(message: string): never {
  process.stderr.write(`bench:calibrate: ${message}\n`);
  process.exit(2);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      ms: { type: 'string' },
      cpu: { type: 'string' },
      workers: { type: 'string' },
      rho: { type: 'string' },
      requests: { type: 'string' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  }));
} catch (err) {
  fail((err as Error).message);
}
const num = (name: string, fallback: number, ok: (n: number) => boolean): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) fail(`invalid --${name} "${raw}"`);
  return n;
};
const list = (name: string, fallback: number[], ok: (n: number) => boolean): number[] => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const xs = raw.split(',').map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || !ok(x))) fail(`invalid --${name} "${raw}"`);
  return xs;
};
const SLEEP_MS = num('ms', 20, (n) => n >= 0 && n <= 2000);
const CPU_MS = num('cpu', 0, (n) => n >= 0 && n <= 2000);
const WORKERS = list('workers', [1, 2, 4], (n) => Number.isInteger(n) && n >= 1 && n <= 16);
const RHOS = list('rho', [0.5, 0.8], (n) => n > 0 && n < 1);
const MAX_REQUESTS = num('requests', 1000, (n) => Number.isInteger(n) && n >= 50 && n <= 5000);
const MAX_SECONDS = num('seconds', 25, (n) => n >= 5 && n <= 120);
const SEED = num('seed', 1, Number.isInteger);
if (SLEEP_MS + CPU_MS <= 0) fail('the view needs some service time (--ms or --cpu)');
const need = missing();
if (need.length) fail(`install ${need.join(' ')} first (apt-get install -y --no-install-recommends ${need.join(' ')})`);

const PATH = `/work/?ms=${SLEEP_MS}&cpu=${CPU_MS}`;

interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
}

function summary(xs: number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p50: q(0.5), p95: q(0.95) };
}

/** mulberry32, for reproducible arrival times. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The planned send times (ms from the start) of an open-loop Poisson run at rate λ. */
export function poissonPlan(seed: number, lambda: number, count: number): number[] {
  const r = rng(seed);
  const plan: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += (-Math.log(1 - r()) / lambda) * 1000;
    plan.push(at);
  }
  return plan;
}

/**
 * Gunicorn's own time is in the view's measured time; no recycling: the real workers serve
 * fewer than max_requests (1000) in a calibration run, so none is recycled (with it, the
 * engine would take a worker out for its boot time every ~1000 requests: +10 … +25 % on the
 * p95 at ρ = 0.8 that the real run never sees).
 */
const ENGINE_GUNICORN = { serviceMs: 0, serviceCv: 0, maxRequests: 0 };

/** The calibration topology: user → NGINX → one Gunicorn (W workers) → Django; the view uses no store. */
function topology(workers: number, service?: { meanMs: number; cv: number }): Topology {
  const origin = { x: 0, y: 0 };
  const django: TopoNode = { id: 'app1-django', kind: 'django', position: origin, parentId: 'app1' };
  if (service) {
    // CPU share of the measured mean; the rest is I/O. Never mean − io: rounding can make
    // that −4e-15, an invalid cpuMs the engine replaces by Django's default 15 ms of CPU
    // (that turned ρ = 0.8 into ρ = 1.2 and a 75 s mean in some runs).
    const cpu = (service.meanMs * CPU_MS) / (SLEEP_MS + CPU_MS);
    django.params = {
      serviceMs: service.meanMs,
      serviceCv: service.cv,
      cpuMs: cpu,
      ioMs: Math.max(0, service.meanMs - cpu),
      queriesPerRequest: 0,
    } as TopoNode['params'];
  }
  return {
    nodes: [
      { id: 'user', kind: 'user', position: origin },
      { id: 'web', kind: 'server', position: origin, params: { cores: 2, memoryMb: 4096 } },
      { id: 'nginx', kind: 'nginx', position: origin, parentId: 'web', params: service ? ({ serviceMs: 0, serviceCv: 0 } as TopoNode['params']) : {} },
      { id: 'app1', kind: 'server', position: origin, params: { cores: 2, memoryMb: 8192 } },
      { id: 'app1-gunicorn', kind: 'gunicorn', position: origin, parentId: 'app1', params: { workers, workerClass: 'sync', ...(service ? ENGINE_GUNICORN : {}) } as TopoNode['params'] },
      django,
    ],
    edges: [
      { id: 'user->nginx', source: 'user', target: 'nginx' },
      { id: 'nginx->app1-gunicorn', source: 'nginx', target: 'app1-gunicorn' },
      { id: 'app1-gunicorn->app1-django', source: 'app1-gunicorn', target: 'app1-django' },
    ],
  };
}

/** Service times (ms) of /work/ requests logged since `offset` (Gunicorn's %(D)s, µs, ends each line). */
function servedSince(stack: Stack, offset: number): number[] {
  const text = readFileSync(stack.apps[0]?.logFile ?? '', 'utf8').slice(offset);
  const out: number[] = [];
  for (const line of text.split('\n')) {
    const m = /"GET \/work\/\S* HTTP\/1\.[01]" 200 .* (\d+)$/.exec(line);
    if (m) out.push(Number(m[1]) / 1000);
  }
  return out;
}
const logSize = (stack: Stack) => readFileSync(stack.apps[0]?.logFile ?? '', 'utf8').length;

async function restartWith(stack: Stack, workers: number): Promise<void> {
  // The unit the Configs panel generates for W workers, with the stack's paths.
  const unit = generateConfigs(topology(workers), stack.settings, { paths: stack.paths }).find((f) => f.id === 'systemd')?.content ?? '';
  await stack.stopApp(0);
  stack.useUnit(0, unit);
  await stack.startApp(0);
  // Every worker has booted (imported Django) before the load starts.
  for (let i = 0; i < workers * 3; i++) await request(stack.httpPort, PATH);
}

interface RealRun {
  /** When each request was sent, ms after the first (the engine and M/D/c replay these). */
  sentAt: number[];
  /** Its latency, ms (NaN: an error). */
  latencies: number[];
  errors: number;
}

/** Open-loop Poisson load: arrivals at rate λ whatever the responses do. */
async function poisson(stack: Stack, lambda: number, seed: number): Promise<RealRun> {
  const count = Math.min(MAX_REQUESTS, Math.ceil(lambda * MAX_SECONDS));
  const plan = poissonPlan(seed, lambda, count);
  const latencies = new Array<number>(count).fill(NaN);
  const sentAt = new Array<number>(count).fill(0);
  let errors = 0;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = t0 + plan[i]! - performance.now();
    if (wait > 1) await new Promise((res) => setTimeout(res, wait));
    // The time it really left (a late timer shifts it; the replay uses this, not the plan).
    sentAt[i] = performance.now() - t0;
    pending.push(
      request(stack.httpPort, PATH, { timeoutMs: 30_000 }).then(
        (res) => {
          if (res.status === 200) latencies[i] = res.ms;
          else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  return { sentAt, latencies, errors };
}

/** The requests measured: all but the first tenth (it warms the queue up), errors left out. */
function measured(latencies: readonly number[]): number[] {
  return latencies.slice(Math.floor(latencies.length / 10)).filter((x) => Number.isFinite(x));
}

/**
 * The engine on the calibration topology. With `arrivals` (ms) it replays them and returns
 * the latencies of the same requests as the real run measured; without, a long Poisson run
 * at λ (≥ 150,000 requests).
 */
export function engineRun(
  workers: number,
  lambda: number,
  service: { meanMs: number; cv: number },
  overheadMs: number,
  arrivals?: readonly number[],
): Summary {
  const options = {
    seed: 7,
    rps: lambda,
    mix: { static: 0, page: 1, api: 0, upload: 0 },
    // The loopback's overhead (client ↔ NGINX ↔ Gunicorn, measured) on the user's hops; none between boxes.
    network: { internetMs: overheadMs / 2, lanMs: 0, localMs: 0 },
    internetMs: overheadMs / 2,
    lanMs: 0,
    eventLog: 0,
    ...(arrivals ? { arrivalTimes: arrivals } : {}),
  } as SimOptions;
  const sim = new Simulation(topology(workers, service), options);
  const lat: number[] = arrivals ? new Array<number>(arrivals.length).fill(NaN) : [];
  sim.onEvent((e: SimEvent) => {
    if (e.kind !== 'complete' || e.type !== 'page') return;
    if (arrivals) lat[e.reqId - 1] = e.durationMs ?? NaN;
    else lat.push(e.durationMs ?? 0);
  });
  if (arrivals) sim.advanceTo((arrivals[arrivals.length - 1] ?? 0) + 120_000);
  else sim.advanceTo(Math.max(200_000, (150_000 / lambda) * 1000));
  return summary(measured(lat));
}

/** M/D/c on the given arrival times (FIFO, c servers, constant service), plus the same overhead. */
function mdc(workers: number, arrivals: readonly number[], meanMs: number, overheadMs: number): Summary {
  const free = new Array<number>(workers).fill(0);
  const out = arrivals.map((t) => {
    let k = 0;
    for (let j = 1; j < workers; j++) if ((free[j] ?? 0) < (free[k] ?? 0)) k = j;
    const start = Math.max(t, free[k] ?? 0);
    free[k] = start + meanMs;
    return start + meanMs - t + overheadMs;
  });
  return summary(measured(out));
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');

async function main() {
  const started = performance.now();
  process.stdout.write(`bench:calibrate: view sleeps ${SLEEP_MS} ms + CPU ${CPU_MS} ms; ≤ ${MAX_REQUESTS} requests or ${MAX_SECONDS} s per cell\n`);
  const stack = await startStack({ topology: topology(WORKERS[0] ?? 1), settings: { https: false, appAddresses: ['127.0.0.1'] } });
  const rows: string[] = [];
  let exitCode = 0;
  try {
    for (const w of WORKERS) {
      await restartWith(stack, w);
      // Service time: sequential requests, no queue; Gunicorn's own %(D)s per request.
      const off = logSize(stack);
      const client: number[] = [];
      for (let i = 0; i < 60; i++) client.push((await request(stack.httpPort, PATH)).ms);
      const served = servedSince(stack, off);
      const s = summary(served);
      const sd = Math.sqrt(served.reduce((a, x) => a + (x - s.mean) ** 2, 0) / Math.max(1, served.length - 1));
      const service = { meanMs: s.mean, cv: sd / s.mean };
      const overhead = Math.max(0, summary(client).p50 - s.p50);
      for (const rho of RHOS) {
        const lambda = (rho * w) / (service.meanMs / 1000);
        const realRun = await poisson(stack, lambda, SEED + w * 100 + Math.round(rho * 10));
        const real = summary(measured(realRun.latencies));
        const eng = engineRun(w, lambda, service, overhead, realRun.sentAt);
        const long = engineRun(w, lambda, service, overhead);
        const md = mdc(w, realRun.sentAt, service.meanMs, overhead);
        if (realRun.errors > 0) exitCode = 1;
        rows.push(
          `| ${w} | ${rho} | ${f1(lambda)} | ${f1(service.meanMs)} | ${f2(service.cv)} | ${real.n} | ${f1(real.mean)} | ${f1(real.p50)} | ${f1(real.p95)} | ${f1(eng.mean)} | ${f1(eng.p50)} | ${f1(eng.p95)} | ${f1(long.p95)} | ${f1(md.mean)} | ${f1(md.p95)} | ${f2(real.p95 / eng.p95)} | ${f2(real.p95 / md.p95)} |${realRun.errors ? ` ${realRun.errors} errors` : ''}`,
        );
        // The engine's exact inputs, so a row can be re-run: engineRun(w, λ, service, overhead).
        process.stdout.write(`  W=${w} ρ=${rho}: ${real.n} measured; engine inputs λ=${lambda} S=${service.meanMs} CV=${service.cv} overhead=${overhead} ms\n`);
      }
    }
  } finally {
    await stack.stop();
  }
  process.stdout.write(
    [
      '',
      '| W | ρ | λ req/s | S mean ms | S CV | n | real mean | real p50 | real p95 | engine mean | engine p50 | engine p95 | engine p95 (long run) | M/D/c mean | M/D/c p95 | real/engine p95 | real/M/D/c p95 |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `latencies in ms; real = client on 127.0.0.1 through NGINX; engine and M/D/c on the real run's arrival times (long run: Poisson, ≥ 150,000 requests); ${((performance.now() - started) / 1000).toFixed(0)} s in all; every process stopped.`,
      '',
    ].join('\n'),
  );
  process.exitCode = exitCode;
}

if (process.env.CALIBRATE_NO_MAIN !== '1')
  main().catch((e: unknown) => {
    process.stderr.write(`bench:calibrate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });

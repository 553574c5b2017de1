/**
 * The generated configs serving a real Django app (see stack.ts for how it is started and
 * what is rewritten): checked over HTTP the way a user and an operator would see them.
 * Short timeouts come from node params (the same names the engine reads), so a slow view
 * ends within seconds. Needs Debian's nginx, gunicorn, postgresql, redis-server and the
 * python3 Django packages; .ci/run installs them. Run: npm run test:realstack
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/sim/engine';
import type { SimEvent } from '../../src/core/sim/types';
import { getScene } from '../../src/core/topology/scenes';
import type { Topology } from '../../src/core/topology/types';
import { headerCount, missing, request, startStack, type Stack } from './stack';

/** Seconds: Gunicorn kills a silent worker at GUNICORN_TIMEOUT_S; NGINX would give up at READ_TIMEOUT_S. */
// Long enough for a worker to import Django on a busy 2-core CI box (Gunicorn's timeout also
// applies while a worker boots), short enough for a fast test.
const GUNICORN_TIMEOUT_S = 8;
const READ_TIMEOUT_S = 16;
const BODY_LIMIT_MB = 1;

/** The production scene with the short timeouts and a small body limit, as node params. */
function topology(): Topology {
  const t = getScene('production').topology;
  const params: Record<string, Record<string, unknown>> = {
    nginx: { readTimeoutS: READ_TIMEOUT_S, timeoutMs: READ_TIMEOUT_S * 1000, connectTimeoutS: 1, nextUpstreamTimeoutS: 1, maxFails: 3, failTimeoutS: 2, clientMaxBodyMb: BODY_LIMIT_MB },
    'app1-gunicorn': { workers: 2, timeoutS: GUNICORN_TIMEOUT_S, timeoutMs: GUNICORN_TIMEOUT_S * 1000 },
    'app2-gunicorn': { workers: 2, timeoutS: GUNICORN_TIMEOUT_S, timeoutMs: GUNICORN_TIMEOUT_S * 1000 },
  };
  return { ...t, nodes: t.nodes.map((n) => (params[n.id] ? { ...n, params: { ...n.params, ...params[n.id] } } : n)) };
}

/**
 * What the engine says a GET to a view slower than every timeout ends with: the most common
 * (status, time) over a few such requests. (Until the engine reads `serviceCv`, its service
 * times are exponential: a 10-minute mean makes a sample under the timeouts rare.)
 */
function enginePrediction(): { status: number; ms: number } {
  const t = topology();
  const slow = { ...t, nodes: t.nodes.map((n) => (n.kind === 'django' ? { ...n, params: { ...n.params, serviceMs: 600_000, serviceCv: 0 } } : n)) };
  const sim = new Simulation(slow, { seed: 1, rps: 0.1, mix: { page: 1 }, network: { internetMs: 0, lanMs: 0 } });
  const ends: SimEvent[] = [];
  sim.onEvent((e) => {
    if ((e.kind === 'error' || e.kind === 'complete') && e.type === 'page') ends.push(e);
  });
  sim.advanceTo(120_000);
  const counts = new Map<number, SimEvent[]>();
  for (const e of ends) {
    const status = e.status ?? (e.kind === 'complete' ? 200 : 0);
    counts.set(status, [...(counts.get(status) ?? []), e]);
  }
  const [status, evs] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [0, []];
  if (evs.length === 0) throw new Error('the engine finished no request');
  const ms = evs.map((e) => e.durationMs ?? 0).sort((a, b) => a - b)[Math.floor(evs.length / 2)] ?? 0;
  return { status, ms };
}

const need = missing();
const SKIP = need.length > 0 ? `SKIPPED: install ${need.join(' ')} (apt-get install -y --no-install-recommends ${need.join(' ')}); .ci/run does` : '';
if (SKIP) console.warn(`[realstack] ${SKIP}`);

let stack: Stack;
const started = performance.now();

describe.skipIf(Boolean(SKIP))('the generated configs serve a real Django app', () => {
  beforeAll(async () => {
    stack = await startStack({ topology: topology() });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    console.info(`[realstack] whole run ${((performance.now() - started) / 1000).toFixed(1)} s, nothing left running`);
  }, 60_000);

  it("deploy.yml's check --deploy --fail-level WARNING passes against the generated settings.py", () => {
    const wf = stack.files.get('workflow')?.content ?? '';
    const step = /- run: (python manage\.py check --deploy[^\n]*)/.exec(wf)?.[1];
    expect(step).toBe('python manage.py check --deploy --fail-level WARNING');
    // The test job's env, as GitHub Actions would set it.
    writeFileSync(join(stack.root, 'env.py'), 'import json,sys,yaml\nprint(json.dumps(yaml.safe_load(open(sys.argv[1]))["jobs"]["test"]["env"]))\n');
    const r = spawnSync('/usr/bin/python3', [join(stack.root, 'env.py'), join(stack.root, 'deploy.yml')], { encoding: 'utf8' });
    const ciEnv = JSON.parse(r.stdout) as Record<string, string>;
    const out = stack.python(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'], ciEnv);
    expect(out).toContain('System check identified no issues');
  });

  it('a dynamic page uses PostgreSQL and Redis, over HTTPS, with Host and X-Forwarded-* reaching Django', async () => {
    const a = await request(stack.httpsPort, '/dyn/', { tls: true, headers: { 'X-Forwarded-For': '6.6.6.6' } });
    expect(a.status).toBe(200);
    const b = JSON.parse((await request(stack.httpsPort, '/dyn/', { tls: true })).body) as Record<string, unknown>;
    const first = JSON.parse(a.body) as Record<string, unknown>;
    expect(first.postgres).toMatch(/^\d+/);
    expect(first.redis).toMatch(/^\d+\./);
    expect(b.hits).toBe((first.hits as number) + 1);
    expect(b.visits).toBe((first.visits as number) + 1);
    expect(first.host).toBe('shop.example.com');
    expect(first.secure).toBe(true);
    expect(first.proto).toBe('https');
    // NGINX is the edge: the forged entry is gone, the client's address is what Django sees.
    expect(first.xff).toBe('127.0.0.1');
    expect(first.xrealip).toBe('127.0.0.1');
  });

  it('each security header exactly once, on Django pages, static files and NGINX errors', async () => {
    const page = await request(stack.httpsPort, '/dyn/', { tls: true });
    const stat = await request(stack.httpsPort, '/static/admin/css/base.css', { tls: true });
    const missingPage = await request(stack.httpsPort, '/static/nope.css', { tls: true });
    for (const r of [page, stat, missingPage])
      for (const h of ['Strict-Transport-Security', 'Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy'])
        expect(`${h}: ${headerCount(r, h)}`).toBe(`${h}: 1`);
    expect(page.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it("HTTP redirects to HTTPS; certbot's challenge is served on plain HTTP", async () => {
    const r = await request(stack.httpPort, '/dyn/?x=1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`https://shop.example.com:${stack.httpsPort}/dyn/?x=1`);
    writeFileSync(join(stack.acmeDir, '.well-known-probe'), '');
    spawnSync('mkdir', ['-p', join(stack.acmeDir, '.well-known', 'acme-challenge')]);
    writeFileSync(join(stack.acmeDir, '.well-known', 'acme-challenge', 'token123'), 'token123.key');
    const c = await request(stack.httpPort, '/.well-known/acme-challenge/token123');
    expect(c.status).toBe(200);
    expect(c.body).toBe('token123.key');
  });

  it('uploads up to the limit reach /media/ through NGINX; bigger ones get 413 from NGINX', async () => {
    const ok = await request(stack.httpsPort, '/upload/', { tls: true, method: 'POST', body: Buffer.alloc(300_000, 7) });
    expect(ok.status).toBe(200);
    const name = (JSON.parse(ok.body) as { name: string }).name;
    const media = await request(stack.httpsPort, `/media/${name}`, { tls: true });
    expect(media.status).toBe(200);
    expect(media.body.length).toBe(300_000);
    const big = await request(stack.httpsPort, '/upload/', { tls: true, method: 'POST', body: Buffer.alloc(BODY_LIMIT_MB * 1024 * 1024 + 100_000, 7) });
    expect(big.status).toBe(413);
  });

  it('a slow view ends once, within one timeout, with the status the engine predicts, and is not replayed on the other server', async () => {
    const predicted = enginePrediction();
    const before = stack.apps.map((a) => readFileSync(a.logFile, 'utf8'));
    const r = await request(stack.httpsPort, '/slow/?s=40', { tls: true, timeoutMs: 60_000 });
    console.info(`[realstack] slow view: real ${r.status} after ${(r.ms / 1000).toFixed(2)} s; engine ${predicted.status} after ${(predicted.ms / 1000).toFixed(2)} s`);
    expect(r.status).toBe(predicted.status);
    expect(r.status).toBe(502);
    // …and at about the time the engine says (Gunicorn's timeout; its check runs about once a second).
    expect(Math.abs(r.ms - predicted.ms) / 1000).toBeLessThan(4);
    // Gunicorn checks its workers about once a second: the kill comes soon after its timeout,
    // well before NGINX's read timeout would have answered 504.
    expect(r.ms / 1000).toBeLessThan(Math.min(GUNICORN_TIMEOUT_S + 4, READ_TIMEOUT_S));
    expect(r.ms / 1000).toBeGreaterThanOrEqual(GUNICORN_TIMEOUT_S - 0.1);
    const logs = stack.apps.map((a, i) => readFileSync(a.logFile, 'utf8').slice(before[i]?.length ?? 0));
    const killed = logs.map((l) => (l.match(/WORKER TIMEOUT/g) ?? []).length);
    // Exactly one worker, on one server, was killed: NGINX did not retry the GET elsewhere.
    expect(killed.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('failover: one app server down, every page still 200 from the other; both down: 502, static still 200', async () => {
    await stack.stopApp(0);
    const ports = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const r = await request(stack.httpsPort, '/dyn/', { tls: true });
      expect(r.status).toBe(200);
      ports.add((JSON.parse(r.body) as { port: number }).port);
    }
    expect([...ports]).toEqual([stack.apps[1]?.port]);
    await stack.stopApp(1);
    const down = await request(stack.httpsPort, '/dyn/', { tls: true });
    expect(down.status).toBe(502);
    const css = await request(stack.httpsPort, '/static/admin/css/base.css', { tls: true });
    expect(css.status).toBe(200);
    expect(css.body).toContain('{');
    const media = await request(stack.httpsPort, '/media/uploads/probe.bin', { tls: true });
    expect(media.status).toBe(200);
    // Back up: once fail_timeout has passed NGINX tries them again.
    await stack.startApp(0);
    await stack.startApp(1);
    await expect.poll(async () => (await request(stack.httpsPort, '/dyn/', { tls: true })).status, { timeout: 30_000, interval: 250 }).toBe(200);
  });

  it('the access logs carry the timing fields the log import reads', () => {
    const log = readFileSync(stack.apps[1]?.logFile ?? '', 'utf8');
    // Gunicorn: combined format + %(D)s microseconds.
    expect(log).toMatch(/"GET \/dyn\/ HTTP\/1\.0" 200 \d+ "-" "-" \d+$/m);
    const nginxLog = join(stack.root, 'logs', 'nginx', 'access.log');
    expect(existsSync(nginxLog)).toBe(true);
    // NGINX: $request_time and $upstream_response_time at the end of the line.
    expect(readFileSync(nginxLog, 'utf8')).toMatch(/"GET \/dyn\/ HTTP\/1\.1" 200 \d+ "-" "-" \d+\.\d{3} \d+\.\d{3}$/m);
  });
});

/**
 * The engine does what the real software does, with the settings the generated configs use
 * (src/core/catalog/runtime.ts): the kernel's listen backlog, NGINX's retries, passive health
 * and timeouts, Gunicorn's worker timeout, boot and recycling, Django's CPU / I/O split and
 * its settings (issue 10's "first deploy mistakes").
 */
import { describe, expect, it } from 'vitest';
import { GUNICORN_RUNTIME, NGINX_RUNTIME } from '../catalog/runtime';
import type { Topology } from '../topology/types';
import { Simulation } from './engine';
import { e, n, topo } from './testing';
import type { RequestType, SimEvent, SimNodeParams, SimOptions } from './types';

const ZERO_NET = { internetMs: 0, lanMs: 0, localMs: 0 };
const only = (t: RequestType): Record<RequestType, number> => ({
  static: t === 'static' ? 1 : 0,
  page: t === 'page' ? 1 : 0,
  api: t === 'api' ? 1 : 0,
  upload: t === 'upload' ? 1 : 0,
});

function record(sim: Simulation): SimEvent[] {
  const out: SimEvent[] = [];
  sim.onEvent((ev) => out.push(ev));
  return out;
}

function runFor(t: Topology, ms: number, opts: Partial<SimOptions>): { sim: Simulation; events: SimEvent[] } {
  const sim = new Simulation(t, { seed: 1, rps: 10, eventLog: 0, ...opts });
  const events = record(sim);
  sim.advanceTo(ms);
  sim.setRps(0);
  sim.advanceTo(ms + 400_000);
  return { sim, events };
}

/** user → nginx → g1/g2 (→ django) with per-node params. */
function twoApps(ng: SimNodeParams, g1: SimNodeParams, g2: SimNodeParams, d: SimNodeParams = { queriesPerRequest: 0 }): Topology {
  return topo(
    [
      n('u', 'user'),
      n('ng', 'nginx', ng),
      n('g1', 'gunicorn', { workers: 2, maxRequests: 0, ...g1 }),
      n('g2', 'gunicorn', { workers: 2, maxRequests: 0, ...g2 }),
      n('d1', 'django', d),
      n('d2', 'django', d),
    ],
    [e('u', 'ng'), e('ng', 'g1'), e('ng', 'g2'), e('g1', 'd1'), e('g2', 'd2')],
  );
}

describe('Django: CPU and I/O wait; CPU shared by the busy processes', () => {
  const box = (django: SimNodeParams) =>
    topo(
      [
        n('u', 'user'),
        n('b', 'server', { cores: 2 }),
        n('g', 'gunicorn', { workers: 5, serviceMs: 0, maxRequests: 0 }, 'b'),
        n('d', 'django', { queriesPerRequest: 0, ...django }, 'b'),
      ],
      [e('u', 'g'), e('g', 'd')],
    );

  it('a 20 ms I/O-bound view on a 2-core box serves fine at ρ = 0.5; the same view as CPU collapses', () => {
    // ρ = 0.5 for 5 workers × 20 ms: 125 requests/s.
    const io = runFor(box({ cpuMs: 1, ioMs: 19 }), 30_000, { rps: 125, mix: only('page'), network: ZERO_NET }).sim.metrics();
    expect(io.errored).toBe(0);
    expect(io.totals.latency.p95).toBeLessThan(60);
    const cpu = new Simulation(box({ cpuMs: 20, ioMs: 0 }), { seed: 1, rps: 125, mix: only('page'), network: ZERO_NET, eventLog: 0 });
    cpu.advanceTo(30_000);
    expect(cpu.metrics().totals.latency.mean).toBeGreaterThan(10 * io.totals.latency.mean);
  });

  it('processor sharing: many processes on one core give M/G/1-PS, mean = S / (1 − ρ)', { timeout: 60_000 }, () => {
    const t = topo(
      [
        n('u', 'user'),
        n('b', 'server', { cores: 1, memoryMb: 65_536 }),
        n('g', 'gunicorn', { workers: 64, serviceMs: 0, maxRequests: 0 }, 'b'),
        n('d', 'django', { cpuMs: 10, ioMs: 0, serviceCv: 0, queriesPerRequest: 0 }, 'b'),
      ],
      [e('u', 'g'), e('g', 'd')],
    );
    const sim = new Simulation(t, { seed: 2, rps: 50, mix: only('page'), network: ZERO_NET, eventLog: 0 });
    sim.advanceTo(2_000_000);
    const m = sim.metrics();
    expect(m.errored).toBe(0);
    expect(Math.abs(m.totals.latency.mean / (10 / (1 - 0.5)) - 1)).toBeLessThan(0.05);
  });

  it('queryMs sets the time of each query the view makes', () => {
    const t = (queryMs?: number) =>
      topo(
        [n('u', 'user'), n('g', 'gunicorn', { maxRequests: 0 }), n('d', 'django', { cpuMs: 1, ioMs: 0, serviceCv: 0, queriesPerRequest: 3, ...(queryMs !== undefined ? { queryMs } : {}) }), n('pg', 'postgres', { serviceMs: 2, serviceCv: 0 })],
        [e('u', 'g'), e('g', 'd'), e('d', 'pg')],
      );
    const slow = runFor(t(50), 10_000, { rps: 2, mix: only('api'), network: ZERO_NET }).sim.metrics();
    const dflt = runFor(t(), 10_000, { rps: 2, mix: only('api'), network: ZERO_NET }).sim.metrics();
    expect(slow.totals.latency.p50).toBeGreaterThan(140);
    expect(dflt.totals.latency.p50).toBeLessThan(10);
  });
});

describe('the kernel: a full listen backlog drops the connection attempt', () => {
  const slowApp = (withNginx: boolean) =>
    topo(
      [
        n('u', 'user'),
        ...(withNginx ? [n('ng', 'nginx')] : []),
        n('g', 'gunicorn', { workers: 1, backlog: 2, maxRequests: 0 }),
        n('d', 'django', { cpuMs: 0, ioMs: 800, serviceCv: 0, queriesPerRequest: 0 }),
      ],
      [...(withNginx ? [e('u', 'ng'), e('ng', 'g')] : [e('u', 'g')]), e('g', 'd')],
    );

  it('Gunicorn never answers 503: behind NGINX the connect times out (proxy_connect_timeout) → 504', () => {
    const { sim, events } = runFor(slowApp(true), 20_000, { rps: 5, mix: only('page') });
    const m = sim.metrics();
    expect(m.totals.errorsByStatus['503']).toBeUndefined();
    expect(m.nodes['g']!.dropped).toBeGreaterThan(10);
    expect(m.totals.errorsByStatus['504']).toBeGreaterThan(10);
    expect(events.some((ev) => ev.kind === 'synDrop' && ev.to === 'g')).toBe(true);
    // A connect timeout ends after proxy_connect_timeout, not the read timeout.
    const timeouts = events.filter((ev) => ev.kind === 'timeout' && ev.node === 'ng');
    expect(timeouts.length).toBeGreaterThan(0);
    for (const ev of timeouts) expect(ev.durationMs).toBeCloseTo(NGINX_RUNTIME.connectTimeoutS * 1000, -1);
  });

  it('without NGINX the browser’s kernel retries the SYN after 1, 3, 7 … s', () => {
    const { sim } = runFor(slowApp(false), 20_000, { rps: 3, mix: only('page'), network: ZERO_NET });
    const m = sim.metrics();
    expect(m.totals.errorsByStatus['503']).toBeUndefined();
    expect(m.nodes['g']!.dropped).toBeGreaterThan(0);
    expect(m.totals.latency.max).toBeGreaterThan(1000);
  });
});

describe('NGINX: proxy_next_upstream, passive health, timeouts', () => {
  it('a stopped app server: GETs and POSTs (refused: never sent) go to the other; it is marked down for fail_timeout', () => {
    for (const type of ['page', 'api'] as const) {
      const { sim, events } = runFor(twoApps({}, { up: false }, {}), 30_000, { rps: 20, mix: only(type) });
      const m = sim.metrics();
      expect(m.errored).toBe(0);
      expect(events.some((ev) => ev.kind === 'retry' && ev.from === 'g1' && ev.to === 'g2')).toBe(true);
      const downs = events.filter((ev) => ev.kind === 'markDown' && ev.to === 'g1');
      // max_fails = 1, fail_timeout = 10 s: marked down about once per 10 s, not per request.
      expect(downs.length).toBeGreaterThanOrEqual(2);
      expect(downs.length).toBeLessThanOrEqual(4);
      expect(events.some((ev) => ev.kind === 'markUp' && ev.to === 'g1')).toBe(true);
    }
  });

  it('both app servers failing: marked down, then "no live upstreams" 502 at once', () => {
    const { sim, events } = runFor(twoApps({}, { up: false }, { up: false }), 5_000, { rps: 50, mix: only('page') });
    const m = sim.metrics();
    expect(m.completed).toBe(0);
    expect(m.totals.errorsByStatus['502']).toBe(m.errored);
    const hops = events.filter((ev) => ev.kind === 'hop' && (ev.to === 'g1' || ev.to === 'g2')).length;
    expect(hops).toBeLessThan(0.1 * m.arrived);
  });

  it('a single upstream is never marked down', () => {
    const t = topo(
      [n('u', 'user'), n('ng', 'nginx'), n('g', 'gunicorn', { up: false })],
      [e('u', 'ng'), e('ng', 'g')],
    );
    const { events } = runFor(t, 5_000, { rps: 20, mix: only('page') });
    expect(events.some((ev) => ev.kind === 'markDown')).toBe(false);
    expect(events.filter((ev) => ev.kind === 'hop' && ev.to === 'g').length).toBeGreaterThan(50);
  });

  it('a machine that is off never answers: NGINX waits proxy_connect_timeout, then the next server', () => {
    const t = twoApps({}, {}, {});
    t.nodes.push(n('box1', 'server', { up: false }));
    t.nodes.find((x) => x.id === 'g1')!.parentId = 'box1';
    const { sim, events } = runFor(t, 20_000, { rps: 10, mix: only('page') });
    const m = sim.metrics();
    expect(m.errored).toBe(0);
    expect(m.totals.latency.max).toBeGreaterThan(NGINX_RUNTIME.connectTimeoutS * 1000);
    expect(events.some((ev) => ev.kind === 'retry' && ev.from === 'g1')).toBe(true);
  });

  it('read timeout: a GET is retried on the next server and ends 504; a POST is not retried', () => {
    const slow = { cpuMs: 0, ioMs: 5_000, serviceCv: 0, queriesPerRequest: 0 };
    // max_fails 0: no passive health here, only the retry rule.
    const ng = { readTimeoutS: 1, maxFails: 0 };
    const get = runFor(twoApps(ng, {}, {}, slow), 10_000, { rps: 1, mix: only('page') });
    expect(get.sim.metrics().totals.errorsByStatus['504']).toBe(get.sim.metrics().arrived);
    expect(get.events.some((ev) => ev.kind === 'retry')).toBe(true);
    // Two attempts of 1 s each.
    expect(get.sim.metrics().totals.latency.p50).toBeGreaterThan(2000);
    const post = runFor(twoApps(ng, {}, {}, slow), 10_000, { rps: 1, mix: only('api') });
    expect(post.sim.metrics().totals.errorsByStatus['504']).toBe(post.sim.metrics().arrived);
    expect(post.events.some((ev) => ev.kind === 'retry')).toBe(false);
    expect(post.sim.metrics().totals.latency.p50).toBeLessThan(1500);
  });

  it('proxy_next_upstream_tries = 1 turns retries off', () => {
    const { sim, events } = runFor(twoApps({ nextUpstreamTries: 1 }, { up: false }, {}), 10_000, { rps: 20, mix: only('page') });
    expect(events.some((ev) => ev.kind === 'retry')).toBe(false);
    expect(sim.metrics().totals.errorsByStatus['502']).toBeGreaterThan(0);
  });
});

describe('Gunicorn: worker timeout, boot, max_requests', () => {
  /** Runs request 1 alone on the slow view; its events and how it ended. */
  function slowGet(ng: SimNodeParams) {
    const slow = { cpuMs: 0, ioMs: 90_000, serviceCv: 0, queriesPerRequest: 0 };
    const sim = new Simulation(twoApps(ng, {}, {}, slow), { seed: 1, rps: 0.001, mix: only('page'), eventLog: 0 });
    const events = record(sim);
    let end: SimEvent | undefined;
    for (let i = 0; i < 10_000 && end === undefined; i++) {
      const ev = sim.step();
      if (ev === null) break;
      end = events.find((x) => x.reqId === 1 && (x.kind === 'error' || x.kind === 'complete'));
    }
    sim.advanceTo(sim.now + 1_000);
    return { end, events, mine: events.filter((x) => x.reqId === 1) };
  }

  it('a slow view with the generated settings: Gunicorn kills the worker at 30 s (502); proxy_next_upstream_timeout (10 s) keeps NGINX from replaying it', () => {
    const { end, events, mine } = slowGet({});
    expect(end?.kind).toBe('error');
    expect(end?.status).toBe(502);
    const timeout = GUNICORN_RUNTIME.timeoutS * 1000;
    expect(end!.durationMs!).toBeGreaterThan(timeout);
    expect(end!.durationMs!).toBeLessThan(timeout + 1_000);
    expect(mine.filter((x) => x.kind === 'timeout' && (x.node === 'g1' || x.node === 'g2')).length).toBe(1);
    expect(mine.some((x) => x.kind === 'retry')).toBe(false);
    // One failure is below max_fails (3): the server stays in the rotation.
    expect(mine.filter((x) => x.kind === 'markDown').length).toBe(0);
    const boots = events.filter((x) => x.kind === 'workerBoot');
    expect(boots.length).toBe(1);
    expect(boots[0]!.durationMs).toBe(GUNICORN_RUNTIME.bootMs);
  });

  it("with NGINX's own defaults (no proxy_next_upstream_timeout, max_fails=1) the GET is replayed: a worker killed on each server, 502 after 60 s, both marked down", () => {
    const { end, events, mine } = slowGet({ nextUpstreamTimeoutS: 0, maxFails: 1 } as SimNodeParams);
    expect(end?.status).toBe(502);
    const timeout = GUNICORN_RUNTIME.timeoutS * 1000;
    expect(end!.durationMs!).toBeGreaterThan(2 * timeout);
    expect(end!.durationMs!).toBeLessThan(2 * timeout + 1_000);
    expect(mine.filter((x) => x.kind === 'timeout' && (x.node === 'g1' || x.node === 'g2')).length).toBe(2);
    expect(mine.some((x) => x.kind === 'retry')).toBe(true);
    expect(mine.filter((x) => x.kind === 'markDown').length).toBe(2);
    expect(events.filter((x) => x.kind === 'workerBoot').length).toBe(2);
  });

  it('a POST on the slow view: 502 after one worker timeout, not retried', () => {
    const slow = { cpuMs: 0, ioMs: 90_000, serviceCv: 0, queriesPerRequest: 0 };
    const post = runFor(twoApps({}, {}, {}, slow), 3_000, { rps: 0.5, mix: only('api') });
    const m = post.sim.metrics();
    expect(m.totals.errorsByStatus['502']).toBe(m.arrived);
    expect(m.totals.latency.max).toBeLessThan(GUNICORN_RUNTIME.timeoutS * 1000 + 1_000);
  });

  it('a killed worker is unavailable while the new one boots', () => {
    const t = topo(
      [n('u', 'user'), n('g', 'gunicorn', { workers: 1, timeoutS: 1, bootMs: 3_000, maxRequests: 0 }), n('d', 'django', { cpuMs: 0, ioMs: 5_000, serviceCv: 0, queriesPerRequest: 0 })],
      [e('u', 'g'), e('g', 'd')],
    );
    const sim = new Simulation(t, { seed: 1, rps: 0, eventLog: 0, network: ZERO_NET });
    const events = record(sim);
    sim.setRps(1000);
    sim.advanceTo(1.5); // about two requests
    sim.setRps(0);
    sim.advanceTo(20_000);
    const starts = events.filter((ev) => ev.kind === 'start' && ev.node === 'g');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    // The second waited for the timeout (1 s) plus the boot (3 s).
    expect(starts[1]!.t - starts[0]!.t).toBeGreaterThanOrEqual(4_000);
  });

  it('max_requests + jitter recycles each sync worker after its share of requests', () => {
    const t = topo(
      [n('u', 'user'), n('g', 'gunicorn', { workers: 2, serviceMs: 1, maxRequests: 100, maxRequestsJitter: 20 })],
      [e('u', 'g')],
    );
    const { sim, events } = runFor(t, 20_000, { rps: 100, network: ZERO_NET });
    const m = sim.metrics();
    expect(m.errored).toBe(0);
    const served = m.nodes['g']!.served;
    // Each worker lives 100…120 requests.
    expect(m.nodes['g']!.recycled).toBeGreaterThanOrEqual(Math.floor(served / 120) - 2);
    expect(m.nodes['g']!.recycled).toBeLessThanOrEqual(Math.ceil(served / 100));
    expect(events.filter((ev) => ev.kind === 'workerBoot').length).toBe(m.nodes['g']!.recycled);
    // maxRequests 0: never.
    const never = runFor(topo([n('u', 'user'), n('g', 'gunicorn', { workers: 2, serviceMs: 1, maxRequests: 0 })], [e('u', 'g')]), 20_000, { rps: 100 });
    expect(never.sim.metrics().nodes['g']!.recycled).toBe(0);
  });
});

describe('first deploy mistakes (issue 10): what the engine produces', () => {
  const stack = (django: SimNodeParams, redis: SimNodeParams = {}, pg: SimNodeParams = {}): Topology =>
    topo(
      [
        n('u', 'user'),
        n('ng', 'nginx'),
        n('st', 'static'),
        n('g', 'gunicorn', { maxRequests: 0 }),
        n('d', 'django', django),
        n('pg', 'postgres', pg),
        n('r', 'redis', redis),
      ],
      [e('u', 'ng'), e('ng', 'st'), e('ng', 'g'), e('g', 'd'), e('d', 'pg'), e('d', 'r')],
    );

  it('collectstatic never ran: NGINX answers /static/ with 404; pages still work', () => {
    const st = runFor(stack({ staticCollected: false }), 5_000, { rps: 20, mix: only('static') }).sim.metrics();
    expect(st.totals.errorsByStatus['404']).toBe(st.arrived);
    const ok = runFor(stack({}), 5_000, { rps: 20, mix: only('static') }).sim.metrics();
    expect(ok.errored).toBe(0);
    const pages = runFor(stack({ staticCollected: false }), 5_000, { rps: 20, mix: only('page') }).sim.metrics();
    expect(pages.errored).toBe(0);
  });

  it('DEBUG = True: error pages carry the traceback; DEBUG = False: they do not', () => {
    const leak = runFor(stack({ debug: true }, {}, { up: false }), 5_000, { rps: 20, mix: only('api') });
    const m = leak.sim.metrics();
    expect(m.totals.errorsByStatus['500']).toBe(m.arrived);
    expect(m.tracebacks).toBe(m.errored);
    expect(leak.events.filter((ev) => ev.kind === 'error').every((ev) => ev.traceback === true)).toBe(true);
    const safe = runFor(stack({}, {}, { up: false }), 5_000, { rps: 20, mix: only('api') }).sim.metrics();
    expect(safe.errored).toBeGreaterThan(0);
    expect(safe.tracebacks).toBe(0);
  });

  it('the host is not in ALLOWED_HOSTS: 400 Bad Request from Django (static files from NGINX still work)', () => {
    const m = runFor(stack({ hostAllowed: false }), 5_000, { rps: 20, mix: only('page') }).sim.metrics();
    expect(m.totals.errorsByStatus['400']).toBe(m.arrived);
    const st = runFor(stack({ hostAllowed: false }), 5_000, { rps: 20, mix: only('static') }).sim.metrics();
    expect(st.errored).toBe(0);
  });

  it('sessions in Redis: Redis going down logs everyone out (an event) and, without IGNORE_EXCEPTIONS, every dynamic request is a 500', () => {
    const sim = new Simulation(stack({}, { sessions: true }), { seed: 1, rps: 20, mix: only('api'), eventLog: 0 });
    const events = record(sim);
    sim.advanceTo(5_000);
    expect(sim.metrics().errored).toBe(0);
    sim.setTopology(stack({}, { sessions: true, up: false }));
    sim.advanceTo(10_000);
    expect(events.filter((ev) => ev.kind === 'sessionsLost' && ev.node === 'r').length).toBe(1);
    const before = sim.metrics();
    sim.advanceTo(20_000);
    const after = sim.metrics();
    expect(after.errored - before.errored).toBeGreaterThan(100);
    expect(after.completed - before.completed).toBe(0);
    // With IGNORE_EXCEPTIONS the requests go on (with an empty session).
    const ignore = runFor(stack({}, { sessions: true, up: false, ignoreExceptions: true }), 5_000, { rps: 20, mix: only('api') });
    expect(ignore.sim.metrics().errored).toBe(0);
    expect(ignore.events.some((ev) => ev.kind === 'cacheError' && ev.status === undefined)).toBe(true);
  });

  it('Gunicorn stopped: 502 from NGINX', () => {
    const t = stack({});
    t.nodes.find((x) => x.id === 'g')!.params = { up: false };
    const m = runFor(t, 5_000, { rps: 20, mix: only('page') }).sim.metrics();
    expect(m.totals.errorsByStatus['502']).toBe(m.arrived);
  });
});

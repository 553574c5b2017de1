/**
 * What NGINX does with a request, as the generated nginx.conf sets it up
 * (src/core/catalog/runtime.ts: proxy_connect_timeout, proxy_read_timeout, max_fails,
 * fail_timeout, proxy_next_upstream_tries):
 *
 * - `/static/` (and any static file): served from disk by NGINX itself (through its 'static'
 *   node when there is one). When the app's `collectstatic` never ran (django
 *   `staticCollected: false`) the files are not there: 404.
 * - everything else is proxied to an upstream server picked by the load-balancing method
 *   (smooth weighted round robin, least_conn, ip_hash) among the servers not marked down.
 *   NGINX does not know an app server is stopped: it finds out by trying.
 * - `proxy_next_upstream error timeout` (NGINX's default): a refused or reset connection
 *   (error) or a connect/read timeout passes the request to the next server not tried yet —
 *   except a non-idempotent request (POST) once it has been sent (connection accepted).
 *   `proxy_next_upstream_tries` (0 = as many as there are servers) limits the attempts, and
 *   `proxy_next_upstream_timeout` the time: no retry once the request has been with the
 *   upstreams that long (the generated 10 s: a Gunicorn-killed slow view is not replayed).
 *   When they run out: error → 502, timeout → 504.
 * - passive health: `max_fails` failed attempts within `fail_timeout` mark a server down
 *   for `fail_timeout` (never with a single server: NGINX ignores max_fails then). All down:
 *   "no live upstreams", 502 at once.
 * - the connect timeout only runs while the connection is not accepted (a full backlog
 *   or a dead machine drops the SYN); once accepted, the read timeout (no answer within
 *   proxy_read_timeout → timeout).
 */
import { CATALOG } from '../../catalog/catalog';
import { nginxRuntime } from '../../catalog/runtime';
import type { TopoNode } from '../../topology/types';
import type { Behaviour, Call, Core, Req, SimEdge, SimNode } from '../model';
import * as M from '../model';
import type { SimNodeParams } from '../types';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
const { EV_MARKUP, L_MARKDOWN, L_MARKUP, L_RETRY, L_TIMEOUT, PH_PROXY, PH_STATIC, S_WAIT, TM_READ, T_STATIC, idempotent } = M;


const NCAP = CATALOG.nginx.capacity;

/**
 * What NGINX reads from its node (and the generated nginx.conf, runtime.ts): connections,
 * listen backlog (511), proxy_connect_timeout, proxy_read_timeout, max_fails,
 * fail_timeout, proxy_next_upstream_tries and proxy_next_upstream_timeout.
 */
export function nginxSetup(n: SimNode, tn: TopoNode | undefined, p: SimNodeParams): void {
  const rt = nginxRuntime(tn);
  n.slotted = true;
  n.conc = Math.max(1, Math.floor(p.concurrency ?? NCAP.concurrency ?? 1));
  n.backlog = Math.max(0, p.backlog ?? 511);
  n.connectMs = rt.connectTimeoutS * 1000;
  n.readMs = rt.readTimeoutS > 0 ? rt.readTimeoutS * 1000 : Infinity;
  n.maxFails = Math.floor(rt.maxFails);
  n.failMs = rt.failTimeoutS * 1000;
  n.tries = Math.floor(rt.nextUpstreamTries);
  n.nextUpstreamMs = rt.nextUpstreamTimeoutS > 0 ? rt.nextUpstreamTimeoutS * 1000 : Infinity;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const fnv = (h: number, word: number): number => Math.imul(h ^ (word | 0), FNV_PRIME);

const bit = (e: SimEdge): number => 1 << (e.up & 31);

/** Whether NGINX may send this upstream a new request now (not taken out, not marked down, not tried). */
function usable(e: SimEdge, now: number, tried: number): boolean {
  const to = e.to;
  return !to.removed && !to.draining && to.weight > 0 && e.downUntil <= now && (tried & bit(e)) === 0;
}

/** NGINX's choice of upstream for a request (null: no live upstream left). */
export function pickUpstream(n: SimNode, req: Req, now: number, tried: number): SimEdge | null {
  const ups = n.upstreams;
  const len = ups.length;
  if (len === 0) return null;
  if (len === 1) {
    // A single server is never considered unavailable (max_fails is ignored).
    const e = ups[0]!;
    return !e.to.removed && !e.to.draining && e.to.weight > 0 && (tried & 1) === 0 ? e : null;
  }
  if (n.lb === 1) {
    // least_conn: fewest open connections per weight; ties broken round robin.
    let best: SimEdge | null = null;
    let bestScore = Infinity;
    const startAt = n.rr++ % len;
    for (let i = 0; i < len; i++) {
      const e = ups[(startAt + i) % len]!;
      if (!usable(e, now, tried)) continue;
      const score = e.conns / e.to.weight;
      if (score < bestScore) {
        bestScore = score;
        best = e;
      }
    }
    return best;
  }
  if (n.lb === 2) {
    // ip_hash: the client's address picks a weighted position among the usable upstreams.
    let total = 0;
    for (let i = 0; i < len; i++) {
      const e = ups[i]!;
      if (usable(e, now, tried)) total += e.to.weight;
    }
    if (total <= 0) return null;
    let h = fnv(fnv(FNV_OFFSET, req.client), req.user.idx) >>> 0;
    h = (h % 1_000_003) / 1_000_003;
    let pos = h * total;
    for (let i = 0; i < len; i++) {
      const e = ups[i]!;
      if (!usable(e, now, tried)) continue;
      pos -= e.to.weight;
      if (pos < 0) return e;
    }
    return null;
  }
  // Smooth weighted round robin (the algorithm NGINX uses).
  let best: SimEdge | null = null;
  let total = 0;
  for (let i = 0; i < len; i++) {
    const e = ups[i]!;
    if (!usable(e, now, tried)) continue;
    const w = e.to.weight;
    e.cw += w;
    total += w;
    if (best === null || e.cw > best.cw) best = e;
  }
  if (best !== null) best.cw -= total;
  return best;
}

/** Passive health: one failed attempt at upstream e. */
function markFailure(core: Core, n: SimNode, e: SimEdge, req: Req): void {
  if (n.upstreams.length <= 1 || n.maxFails <= 0) return;
  const now = core.now;
  if (now - e.failStart > n.failMs) {
    e.fails = 0;
    e.failStart = now;
  }
  e.fails++;
  if (e.fails >= n.maxFails) {
    e.fails = 0;
    e.downUntil = now + n.failMs;
    core.emit(L_MARKDOWN, req, n, null, e.to, -1, n.failMs);
    core.schedule(e.downUntil, EV_MARKUP, e, ++e.downTok);
  }
}

/** fail_timeout is over: NGINX will try the server again. */
export function nginxMarkUp(core: Core, e: SimEdge, tok: number): void {
  if (tok !== e.downTok || e.removed || e.from.removed) return;
  core.emit(L_MARKUP, core.sysReq(e.from), e.from, null, e.to, -1, -1);
}

/** Sends p to upstream e (one attempt). */
function send(core: Core, p: Call, e: SimEdge): void {
  p.tried |= bit(e);
  p.attempts++;
  p.timer = TM_READ;
  p.sentAt = core.now;
  core.callChild(p, e, PH_PROXY, p.node.readMs);
}

/** An attempt at upstream e failed: the next server (proxy_next_upstream) or the error. */
function failed(core: Core, p: Call, e: SimEdge, status: 502 | 504, sent: boolean): void {
  const n = p.node;
  const req = p.req;
  markFailure(core, n, e, req);
  // proxy_next_upstream_timeout: a request that has been with the upstreams that long is not
  // passed on (a slow view killed by Gunicorn would only be slow, and killed, on the next one).
  if ((!sent || idempotent(req.t)) && (n.tries <= 0 || p.attempts < n.tries) && core.now - p.proxyStart < n.nextUpstreamMs) {
    const next = pickUpstream(n, req, core.now, p.tried);
    if (next !== null) {
      core.emit(L_RETRY, req, n, e.to, next.to, status, -1);
      send(core, p, next);
      return;
    }
  }
  core.respond(p, status);
}

/** The connect or read timer of p ran out before the upstream answered. */
export function nginxTimeout(core: Core, p: Call): void {
  const child = p.child!;
  child.edge!.conns--;
  p.child = null;
  const sent = p.timer === TM_READ;
  core.emit(L_TIMEOUT, p.req, p.node, null, child.node, 504, core.now - p.sentAt);
  failed(core, p, child.edge!, 504, sent);
}

export const nginx: Behaviour = {
  finish(core, c) {
    const n = c.node;
    if (c.req.t === T_STATIC) {
      if (n.staticMissing) core.respond(c, 404);
      else if (n.staticE) core.callChild(c, n.staticE, PH_STATIC, Infinity);
      else core.respond(c, 200);
      return;
    }
    c.tried = 0;
    c.attempts = 0;
    c.proxyStart = core.now;
    const e = pickUpstream(n, c.req, core.now, 0);
    if (e) send(core, c, e);
    else core.respond(c, 502); // no upstream at all, or "no live upstreams"
  },
  answer(core, p, status, _hit, child) {
    if (p.phase === PH_STATIC) {
      core.respond(p, status === 200 ? 200 : 404);
      return;
    }
    const e = child?.edge ?? null;
    if (status === 0 && e !== null && p.state === S_WAIT) {
      failed(core, p, e, 502, child!.accepted);
      return;
    }
    if (e !== null) e.fails = 0;
    core.respond(p, status === 0 ? 502 : status);
  },
};

/**
 * What Gunicorn does, as the generated gunicorn.conf.py / systemd unit set it up
 * (src/core/catalog/runtime.ts: timeout, backlog, max_requests, max_requests_jitter, and
 * the boot time of a new worker measured on the real stack):
 *
 * - N worker processes accept connections themselves from one listening socket (the master
 *   only watches them). The kernel holds up to `backlog` accepted-but-not-yet-taken
 *   connections; past that it drops the connection attempt (the engine's admission does
 *   that for every listener). Gunicorn itself never answers 503.
 * - a sync worker runs one request at a time, Django inside it (the request holds the
 *   worker while Django waits on the database). gthread/async workers hold several.
 * - `timeout`: a sync worker silent that long is killed by the master (SIGKILL); the
 *   connection closes without an answer (NGINX: 502, "upstream prematurely closed") and the
 *   master boots a new worker, ready after bootMs. gthread/async workers keep notifying the
 *   master from their main loop, so a slow request does not get them killed.
 * - `max_requests` + a per-worker random 0…`max_requests_jitter`: a sync worker that served
 *   that many requests exits after its answer and a new one boots (bootMs without it).
 * - OOM: see engine.ts (a worker that grows past the box's memory is killed).
 */
import { CATALOG } from '../../catalog/catalog';
import { gunicornRuntime } from '../../catalog/runtime';
import type { TopoNode } from '../../topology/types';
import type { Behaviour, Call, Core, Req, SimNode } from '../model';
import * as M from '../model';
import { REQUEST_MEMORY_SHARE, type SimNodeParams } from '../types';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
const { EV_RESTART, L_BOOT, L_RECYCLE, L_TIMEOUT, PH_PROXY, PH_STATIC, okStatus } = M;


const CAP = CATALOG.gunicorn.capacity;

/**
 * What Gunicorn reads from its node (and the generated gunicorn.conf.py, runtime.ts):
 * workers (default 2 × cores + 1), worker class (sync 1 request per process, gthread
 * `threads`, async `workerConnections`), backlog, timeout, boot time, max_requests + jitter,
 * and each worker's memory (idle, and its growth while it holds a request) on its box.
 */
export function gunicornSetup(core: Core, n: SimNode, tn: TopoNode | undefined, p: SimNodeParams): void {
  const rt = gunicornRuntime(tn);
  // Gunicorn's rule of thumb (2 × cores + 1) unless the workers were set.
  const dflt = n.box ? 2 * n.box.cores + 1 : (CAP.concurrency ?? 1);
  const workers = Math.max(1, Math.floor(p.workers ?? p.concurrency ?? dflt));
  const perProc =
    p.workerClass === 'gthread'
      ? Math.max(1, Math.floor(p.threads ?? 4))
      : p.workerClass === 'async'
        ? Math.max(1, Math.floor(p.workerConnections ?? 1000))
        : 1;
  n.workers = workers;
  n.perProc = perProc;
  n.slotted = true;
  n.conc = workers * perProc;
  n.backlog = rt.backlog;
  n.timeout = rt.timeoutS > 0 ? rt.timeoutS * 1000 : Infinity;
  n.bootMs = rt.bootMs;
  n.maxRequests = Math.floor(rt.maxRequests);
  n.maxJitter = Math.floor(rt.maxRequestsJitter);
  resizePool(core, n);
  n.idleMem = Math.max(0, p.workerMemoryMb ?? CAP.memoryPerProcessMb ?? 0);
  n.reqMem = n.idleMem * REQUEST_MEMORY_SHARE;
  const mb = n.box;
  n.memBox = mb;
  if (mb !== null) {
    n.procBusy = Math.max(0, Math.ceil((n.active - n.restarting) / perProc));
    mb.memIdle += workers * n.idleMem;
    mb.memDead += n.restarting * n.idleMem;
    mb.memBusy += n.procBusy * n.reqMem;
  }
}

export const W_FREE = 0;
export const W_BUSY = 1;
export const W_BOOTING = 2;

/** Whether this node tracks its sync workers one by one. */
export function hasPool(n: SimNode): boolean {
  return n.perProc === 1 && n.wState.length > 0;
}

/** Requests a fresh worker serves before it is recycled (Infinity: never). */
export function lifetime(core: Core, n: SimNode): number {
  return n.maxRequests > 0 ? n.maxRequests + (n.maxJitter > 0 ? core.rng.int(Math.floor(n.maxJitter) + 1) : 0) : Infinity;
}

/** (Re)size the worker table to n.workers, keeping what the existing workers are doing. */
export function resizePool(core: Core, n: SimNode): void {
  const size = n.perProc === 1 ? n.workers : 0;
  if (size === n.wState.length) return;
  const st = new Uint8Array(size);
  const left = new Float64Array(size);
  const keep = Math.min(size, n.wState.length);
  st.set(n.wState.subarray(0, keep));
  left.set(n.wLeft.subarray(0, keep));
  for (let i = keep; i < size; i++) left[i] = lifetime(core, n);
  n.wState = st;
  n.wLeft = left;
  if (n.wNext >= size) n.wNext = 0;
}

/** A free sync worker takes c (the engine checked a slot is free). */
export function acquireWorker(n: SimNode, c: Call): void {
  if (!hasPool(n)) return;
  const st = n.wState;
  const size = st.length;
  for (let k = 0; k < size; k++) {
    const i = (n.wNext + k) % size;
    if (st[i] === W_FREE) {
      st[i] = W_BUSY;
      c.worker = i;
      n.wNext = (i + 1) % size;
      return;
    }
  }
}

/** Worker i is gone (killed or exiting); the master boots a new one, ready after bootMs. */
export function workerGone(core: Core, n: SimNode, i: number): void {
  core.touch(n);
  n.restarting++;
  n.active++;
  if (n.memBox !== null) n.memBox.memDead += n.idleMem;
  if (i >= 0 && i < n.wState.length) n.wState[i] = W_BOOTING;
  core.schedule(core.now + n.bootMs, EV_RESTART, n, i);
}

/** The new worker booted. */
export function workerBooted(core: Core, n: SimNode, i: number): void {
  if (n.restarting <= 0) return;
  core.touch(n);
  n.restarting--;
  n.active--;
  if (n.memBox !== null) n.memBox.memDead -= n.idleMem;
  if (i >= 0 && i < n.wState.length && n.wState[i] === W_BOOTING) {
    n.wState[i] = W_FREE;
    n.wLeft[i] = lifetime(core, n);
  }
  if (!n.removed) {
    core.emit(L_BOOT, core.sysReq(n), n, null, null, -1, n.bootMs);
    if (n.qLen > 0 && n.up) core.startQueued(n);
  }
}

/** c's worker answered: count the request; past max_requests the worker exits and is replaced. */
export function releaseWorker(core: Core, n: SimNode, c: Call): void {
  const i = c.worker;
  c.worker = -1;
  if (i < 0 || i >= n.wState.length || n.wState[i] !== W_BUSY) return;
  if (--n.wLeft[i]! <= 0) {
    n.recycled++;
    core.emit(L_RECYCLE, c.req, n, null, null, -1, -1);
    workerGone(core, n, i);
  } else n.wState[i] = W_FREE;
}

/** Gunicorn's timeout: the master kills the silent sync worker; the connection just closes. */
export function gunicornTimeout(core: Core, c: Call): void {
  const n = c.node;
  const child = c.child;
  if (child !== null) {
    child.edge!.conns--;
    c.child = null;
    core.abandon(child);
  }
  n.timedOut++;
  core.emit(L_TIMEOUT, c.req, n, null, null, 0, core.now - c.svcStart);
  const i = c.worker;
  c.worker = -1;
  workerGone(core, n, i);
  core.respond(c, 0);
}

export const gunicorn: Behaviour = {
  finish(core, c) {
    const n = c.node;
    if (n.appE) core.callChild(c, n.appE, PH_PROXY, hasPool(n) ? n.timeout : Infinity);
    else core.respond(c, okStatus(c.req.t));
  },
  answer(core, p, status) {
    if (p.phase === PH_STATIC) core.respond(p, status === 200 ? 200 : 404);
    else core.respond(p, status === 0 ? 500 : status);
  },
};

export type { Req };

/**
 * The discrete-event simulation of a Django deployment: the event loop, the generic life of
 * a call (travel, admission, waiting for a slot, service on the box's shared CPU, answer),
 * metrics and the event stream. What each component kind does lives in kinds/*.ts (NGINX in
 * kinds/nginx.ts, Gunicorn in kinds/gunicorn.ts, Django in kinds/django.ts, …); the CPU
 * sharing in ps.ts; the state in model.ts.
 *
 * Time is simulated milliseconds. The caller moves the clock (advanceTo / step); nothing
 * here reads the wall clock or Math.random. Same seed + topology + calls ⇒ same run.
 *
 * Model. Each user request walks the graph as a chain of *calls*: one call per node it
 * visits. A call travels its edge (network delay) and is admitted:
 * - the node (or its machine) is down: a stopped process refuses the connection at once
 *   (status 0); a machine that is off never answers the SYN (the kernel of the caller
 *   retries after 1, 3, 7 … s; NGINX's connect timeout ends it first).
 * - a free slot (worker, connection): it starts. Otherwise it waits in the node's queue up
 *   to `backlog`. Past the backlog a listener (NGINX, Gunicorn, runserver) has its
 *   connection attempt dropped by the kernel (no answer at all: the caller retries the SYN
 *   or times out); a database answers 503 (Django turns it into 500).
 * Its own work has a mean (serviceMs, or cpuMs + ioMs for Django) and a spread (serviceCv:
 * gamma, 0 = always the mean, 1 = exponential). CPU work is processor-shared among the busy
 * processes of its server box; I/O wait uses no core. Then the kind decides: answer, or call
 * a successor (proxy, query, cache lookup …) and wait for its answer while holding its slot
 * (a sync Gunicorn worker is held while Django waits on the database). An answer travels back
 * along the same edge.
 *
 * Final statuses: 200 (GET), 201 (POST), errors 0 / 400 / 404 / 500 / 502 / 503 / 504.
 */
import { CATALOG } from '../catalog/catalog';
import type { Topology } from '../topology/types';
import { EventQueue } from './heap';
import { EventRing, FNV_OFFSET, FNV_PRIME } from './eventRing';
import { answerKind, finishKind } from './kinds';
import { acquireWorker, gunicornSetup, gunicornTimeout, releaseWorker, workerBooted, workerGone } from './kinds/gunicorn';
import { nginxMarkUp, nginxSetup, nginxTimeout } from './kinds/nginx';
import type { Core } from './model';
import { Metrics, touchNode } from './metrics';
import * as M from './model';
import { psAdd, psDue, psFreeze, psRemove, psThaw } from './ps';
import { Rng } from './rng';
import {
  DEFAULT_MIX,
  OS_RESERVED_MB,
  REQUEST_TYPES,
  type LbMethod,
  type LoadPattern,
  type MetricsSnapshot,
  type NetworkOptions,
  type RequestType,
  type SimEvent,
  type SimNodeParams,
  type SimOptions,
  type Transit,
  type WaitStats,
} from './types';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
type Call = M.Call;
type Req = M.Req;
type SimEdge = M.SimEdge;
type SimNode = M.SimNode;
type TransitImpl = M.TransitImpl;
const { Call, EV_ARRIVAL, EV_BACK, EV_CPU, EV_HOP, EV_MARKUP, EV_RESTART, EV_SVC, EV_SYN, EV_TIMEOUT, KIND_CODE, K_CDN, K_DJANGO, K_GUNICORN, K_MEDIA, K_NGINX, K_POSTGRES, K_REDIS, K_RUNSERVER, K_SERVER, K_SQLITE, K_STATIC, K_USER, L_ARRIVE, L_COMPLETE, L_DONE, L_DROP, L_ERROR, L_FAIL, L_HOP, L_KILLED, L_QUEUE, L_REJECT, L_RESPOND, L_SESSIONS, L_START, L_SYNDROP, L_TIMEOUT, PH_PROXY, Req, S_BACK, S_DEAD, S_QUEUED, S_SERVICE, S_SYN, S_WAIT, SimEdge, SimNode, TM_CONNECT, TM_READ, TransitImpl, T_PAGE, T_STATIC, T_UPLOAD, isError } = M;


const LB_CODE: Record<LbMethod, number> = { round_robin: 0, least_conn: 1, ip_hash: 2 };

/** Linux tcp_syn_retries: a dropped connection attempt is retried 6 times (1, 2, 4 … 32 s apart). */
const SYN_RETRIES = 6;
const SYN_RTO_MS = 1000;

/** FNV-1a step over one 32-bit word. */
function fnv(h: number, word: number): number {
  return Math.imul(h ^ (word | 0), FNV_PRIME);
}

export class Simulation implements Core {
  private topology: Topology;
  private readonly seedValue: number;
  private rps: number;
  private pattern: LoadPattern = { kind: 'steady' };
  private patternT0 = 0;
  private rMax = 0;
  /** Replayed arrival times (SimOptions.arrivalTimes), null: Poisson. */
  private readonly trace: Float64Array | null;
  private traceNext = 0;
  private mixCum = new Float64Array(4);
  private readonly net: Required<NetworkOptions>;

  /** @internal */
  readonly rng: Rng;
  private q = new EventQueue<Call | SimNode | SimEdge>(4096);
  private nodes: SimNode[] = [];
  private byId = new Map<string, SimNode>();
  private edges = new Map<string, SimEdge>();
  private users: SimNode[] = [];
  private nextNodeIdx = 0;

  private _now = 0;
  private arrTok = 0;
  private arrPending = false;
  private nextReqId = 1;
  private events = 0;

  /** Counts, latency histograms, the sliding window (metrics.ts). */
  private readonly stats: Metrics;
  /** The event stream: hash, ring, listeners (eventRing.ts). */
  private readonly stream: EventRing;

  // Transits.
  private readonly trActive: TransitImpl[] = [];
  private readonly trPool: TransitImpl[] = [];

  constructor(topology: Topology, options: SimOptions) {
    this.topology = topology;
    this.seedValue = options.seed;
    this.rps = Math.max(0, options.rps);
    this.net = {
      internetMs: options.internetMs ?? options.network?.internetMs ?? 20,
      lanMs: options.lanMs ?? options.network?.lanMs ?? 1,
      localMs: options.network?.localMs ?? 0.2,
    };
    this.stream = new EventRing(Math.max(0, Math.floor(options.eventLog ?? 200)));
    this.stats = new Metrics(options.windowMs ?? 5000);
    this.setMixInternal(options.mix);
    if (options.pattern) this.pattern = normalisePattern(options.pattern);
    this.trace = options.arrivalTimes ? Float64Array.from(options.arrivalTimes) : null;
    this.rng = new Rng(options.seed);
    this.init();
  }

  // ───────────────────────────── public API ─────────────────────────────

  /** Current simulated time, ms. */
  get now(): number {
    return this._now;
  }

  /** Heap events processed since t = 0. */
  get eventsProcessed(): number {
    return this.events;
  }

  /** FNV-1a hash (uint32) of every SimEvent emitted since t = 0. */
  get eventHash(): number {
    return this.stream.hash >>> 0;
  }

  /** Number of SimEvents emitted since t = 0. */
  get eventCount(): number {
    return this.stream.emitted;
  }

  /** Process every event up to and including simulated time tMs; the clock ends at tMs. */
  advanceTo(tMs: number): void {
    const q = this.q;
    while (q.size > 0 && q.peekTime() <= tMs) {
      q.pop();
      this.dispatch();
    }
    if (tMs > this._now) {
      if (tMs >= this.stats.nextBucketT) this.stats.rollTo(tMs, this.nodes);
      this._now = tMs;
    }
  }

  /**
   * Process exactly one event (skipping stale timers that change nothing) and return the
   * main thing that happened (the first SimEvent it emitted); null when nothing is scheduled.
   */
  step(): SimEvent | null {
    const q = this.q;
    const stream = this.stream;
    stream.captured = null;
    while (q.size > 0) {
      stream.capture = true;
      q.pop();
      this.dispatch();
      if (stream.captured !== null) break;
    }
    stream.capture = false;
    const ev = stream.captured;
    stream.captured = null;
    return ev;
  }

  setRps(rps: number): void {
    this.rps = Math.max(0, Number.isFinite(rps) ? rps : 0);
    if (this.trace !== null) return;
    this.arrTok++;
    this.arrPending = false;
    this.scheduleArrival();
  }

  /** Changes how the load varies over time; the pattern's clock starts now. */
  setLoadPattern(pattern: LoadPattern): void {
    this.pattern = normalisePattern(pattern);
    this.patternT0 = this._now;
    if (this.trace !== null) return;
    this.arrTok++;
    this.arrPending = false;
    this.scheduleArrival();
  }

  get loadPattern(): LoadPattern {
    return this.pattern;
  }

  /** The arrival rate the load pattern asks for at simulated time t (default now), requests/s. */
  offeredRps(t: number = this._now): number {
    const p = this.pattern;
    const r = this.rps;
    const dt = t - this.patternT0;
    switch (p.kind) {
      case 'ramp':
        return dt >= p.durationMs ? r : r * (p.from + (1 - p.from) * Math.max(0, dt / p.durationMs));
      case 'spike':
        return dt >= p.everyMs && (dt - p.everyMs) % p.everyMs < p.lengthMs ? r * p.factor : r;
      default:
        return r;
    }
  }

  /**
   * Whether nothing is left at a node (for a server box: at any process on it): no request in
   * service, queued, on its way there or on its way back. A draining app server can be removed
   * from the topology without losing a request once this is true.
   */
  isDrained(nodeId: string): boolean {
    const n = this.byId.get(nodeId);
    if (!n) return true;
    const members = n.k === K_SERVER ? this.nodes.filter((x) => x === n || x.box === n) : [n];
    for (const x of members) {
      if (x.active - x.restarting > 0 || x.qLen > 0) return false;
    }
    for (const e of this.edges.values()) {
      if (e.conns > 0 && members.includes(e.to)) return false;
    }
    return true;
  }

  setMix(mix: Partial<Record<RequestType, number>>): void {
    this.setMixInternal(mix);
  }

  /** Back to t = 0 with the same seed, topology, rps and mix. */
  reset(): void {
    this.init();
  }

  /**
   * The graph changed. Nodes and edges are matched by id: kept ones keep their state (queues,
   * busy slots) and take the new parameters; requests on removed nodes or edges end with an
   * error (the nearest caller still in the graph gets a refused connection, status 0).
   */
  setTopology(topology: Topology): void {
    this.topology = topology;
    this.build(false);
  }

  /** In-flight hops, for drawing. The array and its objects are reused: read them, don't keep them. */
  transits(): readonly Transit[] {
    return this.trActive;
  }

  /** Listen to every SimEvent; returns an unsubscribe function. */
  onEvent(listener: (e: SimEvent) => void): () => void {
    return this.stream.listen(listener);
  }

  /** The last SimEvents (up to options.eventLog), oldest first. */
  recentEvents(): SimEvent[] {
    return this.stream.recent();
  }

  /** Queue waiting time at a node since t = 0 (total over requests that started there). */
  waitStats(nodeId: string): WaitStats {
    const n = this.byId.get(nodeId);
    if (!n) return { started: 0, totalWaitMs: 0, meanWaitMs: 0 };
    return { started: n.started, totalWaitMs: n.waitSum, meanWaitMs: n.started > 0 ? n.waitSum / n.started : 0 };
  }

  /** A snapshot of the metrics. A `now` later than the clock advances the simulation to it first. */
  metrics(now: number = this._now): MetricsSnapshot {
    if (now > this._now) this.advanceTo(now);
    const t = this._now;
    const stats = this.stats;
    if (t >= stats.nextBucketT) stats.rollTo(t, this.nodes);
    return stats.snapshot(t, this.nodes, this.offeredRps(t));
  }

  // ───────────────────────────── setup ─────────────────────────────

  private setMixInternal(mix: Partial<Record<RequestType, number>> | undefined): void {
    const m = { ...DEFAULT_MIX, ...(mix ?? {}) };
    let total = 0;
    for (const t of REQUEST_TYPES) total += Math.max(0, Number.isFinite(m[t]) ? m[t] : 0);
    let acc = 0;
    REQUEST_TYPES.forEach((t, i) => {
      const share = total > 0 ? Math.max(0, Number.isFinite(m[t]) ? m[t] : 0) / total : i === 1 ? 1 : 0;
      acc += share;
      this.mixCum[i] = acc;
    });
    this.mixCum[3] = 1;
  }

  private init(): void {
    this.rng.seed(this.seedValue);
    this.q.clear();
    this.nodes = [];
    this.byId.clear();
    this.edges.clear();
    this.nextNodeIdx = 0;
    this._now = 0;
    this.patternT0 = 0;
    this.arrTok = 0;
    this.arrPending = false;
    this.traceNext = 0;
    this.nextReqId = 1;
    this.events = 0;
    this.sysReqs.clear();
    this.dueBuf.fill(null);
    this.stats.reset();
    for (const tr of this.trActive) this.trPool.push(tr);
    this.trActive.length = 0;
    this.stream.reset();
    this.build(true);
  }

  /** (Re)build node and edge tables from this.topology. */
  private build(fresh: boolean): void {
    const topo = this.topology;
    const now = this._now;
    if (!fresh) psFreeze(this.nodes, now);
    const seen = new Set<string>();
    const nodes: SimNode[] = [];
    for (const tn of topo.nodes) {
      if (seen.has(tn.id)) continue;
      seen.add(tn.id);
      let n = this.byId.get(tn.id);
      if (n && n.kind !== tn.kind) {
        this.removeNode(n);
        n = undefined;
      }
      if (!n) {
        n = new SimNode(tn.id, this.nextNodeIdx++, tn.kind, KIND_CODE[tn.kind], now);
        this.byId.set(tn.id, n);
      }
      nodes.push(n);
    }
    if (!fresh) {
      for (const old of this.nodes) if (!seen.has(old.id) && !old.removed) this.removeNode(old);
    }
    this.nodes = nodes;

    // Parameters (boxes first, since processes read their box).
    const topoOf = new Map(topo.nodes.map((tn) => [tn.id, tn] as const));
    const paramsOf = (id: string): SimNodeParams => (topoOf.get(id)?.params ?? {}) as SimNodeParams;
    for (const n of nodes) {
      const p = paramsOf(n.id);
      if (n.k === K_SERVER) {
        this.touch(n);
        n.cores = Math.max(1, p.cores ?? CATALOG.server.capacity.cores ?? 1);
        n.up = p.up !== false;
        n.draining = p.draining === true;
        n.memMb = Math.max(0, p.memoryMb ?? CATALOG.server.capacity.memoryMb ?? 4096);
        n.memCap = n.memMb - OS_RESERVED_MB;
        n.memIdle = 0;
        n.memDead = 0;
        n.memBusy = 0;
        n.members = [];
      }
    }
    for (const n of nodes) {
      if (n.k === K_SERVER) continue;
      const tn = topoOf.get(n.id);
      const p = paramsOf(n.id);
      const cap = CATALOG[n.kind].capacity;
      const parentId = tn?.parentId;
      const box = parentId !== undefined ? this.byId.get(parentId) : undefined;
      n.box = box && box.k === K_SERVER && seen.has(box.id) ? box : null;
      const boxParams: SimNodeParams = n.box ? paramsOf(n.box.id) : {};
      const wasUp = n.up;
      n.up = p.up !== false && (n.box ? n.box.up : true);
      n.draining = p.draining === true || (n.box !== null && n.box.draining);
      n.avail = n.up && !n.draining;
      n.cv = nonNeg(p.serviceCv, cap.serviceCv ?? 1);
      n.io = 0;
      if (n.k === K_DJANGO) {
        // cpuMs + ioMs; a bare serviceMs is the whole view: its CPU part at most the default CPU time.
        const dCpu = cap.cpuMs ?? 0;
        const dIo = cap.ioMs ?? 0;
        const total = p.serviceMs;
        n.svc = nonNeg(p.cpuMs, total !== undefined && total >= 0 ? Math.min(total, dCpu) : dCpu);
        n.io = nonNeg(p.ioMs, total !== undefined && total >= 0 ? Math.max(0, total - Math.min(total, dCpu)) : dIo);
      } else n.svc = nonNeg(p.serviceMs, cap.serviceMs ?? 0);
      n.hit = clamp01(p.hitRatio ?? cap.hitRatio ?? 0);
      n.queries = Math.max(0, Math.floor(p.queriesPerRequest ?? cap.queriesPerRequest ?? 0));
      n.queryMs = typeof p.queryMs === 'number' && p.queryMs >= 0 ? p.queryMs : -1;
      n.weight = Math.max(0, p.weight ?? boxParams.weight ?? 1);
      n.lb = LB_CODE[p.lbMethod ?? 'round_robin'] ?? 0;
      n.cpu = n.k !== K_USER && n.k !== K_STATIC && n.k !== K_MEDIA;
      n.debug = p.debug === true;
      n.hostAllowed = p.hostAllowed !== false;
      n.staticCollected = p.staticCollected !== false;
      n.ignoreExceptions = p.ignoreExceptions === true;
      n.sessions = p.sessions === true;
      n.listener = n.k === K_NGINX || n.k === K_GUNICORN || n.k === K_RUNSERVER;
      n.timeout = Infinity;
      const oldConc = n.conc;
      switch (n.k) {
        case K_GUNICORN:
          gunicornSetup(this, n, tn, p);
          break;
        case K_NGINX:
          nginxSetup(n, tn, p);
          break;
        case K_RUNSERVER:
          // Threaded: a thread per connection (no worker limit), one process (the GIL, below).
          n.slotted = true;
          n.conc = Math.max(1, Math.floor(p.concurrency ?? cap.concurrency ?? Infinity));
          n.backlog = Math.max(0, p.backlog ?? cap.backlog ?? 5);
          break;
        case K_CDN:
        case K_POSTGRES:
        case K_SQLITE:
        case K_REDIS:
          n.slotted = true;
          n.conc = Math.max(1, Math.floor(p.concurrency ?? cap.concurrency ?? 1));
          n.backlog = Math.max(0, p.backlog ?? cap.backlog ?? Infinity);
          break;
        default:
          n.slotted = false;
          n.conc = Infinity;
          n.backlog = Infinity;
      }
      if (n.box !== null && n.cpu) n.box.members.push(n);
      if (!fresh) {
        if (wasUp && !n.up) {
          this.drainQueue(n, 0);
          if (n.k === K_REDIS && n.sessions) this.emit(L_SESSIONS, this.sysReq(n), n, null, null, -1, -1);
        } else if (n.up && n.conc > oldConc) this.startQueued(n);
      }
    }

    // Edges.
    const edgeSeen = new Set<string>();
    for (const n of nodes) {
      n.out = [];
      n.upstreams = [];
      n.cdnOut = [];
      n.originOut = [];
      n.staticE = null;
      n.mediaE = null;
      n.appE = null;
      n.dbE = null;
      n.redisE = null;
      n.par = Infinity;
    }
    for (const te of topo.edges) {
      const from = this.byId.get(te.source);
      const to = this.byId.get(te.target);
      if (!from || !to || !seen.has(te.source) || !seen.has(te.target) || edgeSeen.has(te.id)) continue;
      edgeSeen.add(te.id);
      let e = this.edges.get(te.id);
      if (e && (e.from !== from || e.to !== to)) {
        e.removed = true;
        e = undefined;
      }
      if (!e) {
        e = new SimEdge(te.id, from, to);
        this.edges.set(te.id, e);
      }
      e.delay =
        from.k === K_USER || from.k === K_CDN || to.k === K_USER
          ? this.net.internetMs
          : from.box !== null && from.box === to.box
            ? this.net.localMs
            : this.net.lanMs;
      from.out.push(e);
      const tk = to.k;
      if (tk === K_CDN) from.cdnOut.push(e);
      else from.originOut.push(e);
      e.up = -1;
      if (tk === K_GUNICORN || tk === K_RUNSERVER || tk === K_NGINX || tk === K_DJANGO) {
        e.up = from.upstreams.length;
        from.upstreams.push(e);
      }
      if (tk === K_STATIC && !from.staticE) from.staticE = e;
      if (tk === K_MEDIA && !from.mediaE) from.mediaE = e;
      if (tk === K_DJANGO && !from.appE) {
        from.appE = e;
        // gthread / async: all of a worker's requests share one Python interpreter (the GIL);
        // runserver: one process, a thread per request.
        if (from.k === K_GUNICORN && from.perProc > 1) to.par = Math.min(to.par, from.workers);
        if (from.k === K_RUNSERVER) to.par = 1;
      }
      if ((tk === K_POSTGRES || tk === K_SQLITE) && !from.dbE) from.dbE = e;
      if (tk === K_REDIS && !from.redisE) from.redisE = e;
    }
    for (const [id, e] of this.edges) {
      if (!edgeSeen.has(id)) {
        e.removed = true;
        this.edges.delete(id);
      }
    }
    // NGINX serves /static/ from STATIC_ROOT: missing when its app never ran collectstatic.
    for (const n of nodes) {
      if (n.k !== K_NGINX) continue;
      let missing = false;
      for (const e of n.upstreams) {
        const app = e.to.k === K_DJANGO ? e.to : e.to.appE?.to;
        if (app !== undefined && app.k === K_DJANGO && !app.staticCollected) missing = true;
      }
      n.staticMissing = missing;
    }

    this.users = nodes.filter((n) => n.k === K_USER && n.up);
    if (!fresh) psThaw(this, nodes);
    this.scheduleArrival();
  }

  private removeNode(n: SimNode): void {
    n.removed = true;
    this.byId.delete(n.id);
    // Queued calls have no pending event: fail them now.
    while (n.qLen > 0) {
      const c = this.dequeue(n);
      this.failUp(c);
    }
  }

  // ───────────────────────────── event loop ─────────────────────────────

  private dispatch(): void {
    const q = this.q;
    const t = q.time;
    this.events++;
    if (t >= this.stats.nextBucketT) this.stats.rollTo(t, this.nodes);
    this._now = t;
    const o = q.obj;
    switch (q.kind) {
      case EV_ARRIVAL:
        if (q.tok === this.arrTok) this.onArrival();
        break;
      case EV_HOP:
        this.onHop(o as Call);
        break;
      case EV_SVC:
        this.onSvc(o as Call);
        break;
      case EV_BACK:
        this.onBack(o as Call);
        break;
      case EV_CPU:
        if (q.tok === (o as SimNode).psTok) {
          (o as SimNode).psEv = -1;
          this.onCpu(o as SimNode);
        }
        break;
      case EV_TIMEOUT:
        if (q.tok === (o as Call).tok) {
          (o as Call).ev = -1;
          this.onTimeout(o as Call);
        }
        break;
      case EV_SYN:
        if (q.tok === (o as Call).tok) {
          (o as Call).ev = -1;
          this.onSyn(o as Call);
        }
        break;
      case EV_RESTART:
        workerBooted(this, o as SimNode, q.tok);
        break;
      case EV_MARKUP:
        nginxMarkUp(this, o as SimEdge, q.tok);
        break;
    }
  }

  private scheduleArrival(): void {
    const trace = this.trace;
    if (trace !== null) {
      if (this.arrPending || this.users.length === 0 || this.traceNext >= trace.length) return;
      this.arrPending = true;
      this.q.push(Math.max(this._now, trace[this.traceNext++]!), EV_ARRIVAL, null, this.arrTok);
      return;
    }
    const p = this.pattern;
    // A varying rate is drawn by thinning: candidates at the peak rate, each kept with
    // probability rate(t) / peak (an exact non-homogeneous Poisson process).
    this.rMax = p.kind === 'spike' ? this.rps * p.factor : this.rps;
    if (this.arrPending || this.rMax <= 0 || this.users.length === 0) return;
    this.arrPending = true;
    this.q.push(this._now + this.rng.exp(1000 / this.rMax), EV_ARRIVAL, null, this.arrTok);
  }

  private onArrival(): void {
    this.arrPending = false;
    this.scheduleArrival();
    const users = this.users;
    if (users.length === 0) return;
    const rng = this.rng;
    if (this.trace === null && this.pattern.kind !== 'steady' && rng.next() * this.rMax >= this.offeredRps(this._now)) return;
    const user = users.length === 1 ? users[0]! : users[rng.int(users.length)]!;
    const u = rng.next();
    const cum = this.mixCum;
    const tc = u < cum[0]! ? T_STATIC : u < cum[1]! ? T_PAGE : u < cum[2]! ? 2 : T_UPLOAD;
    const client = rng.nextU32() & 0xffff;
    const now = this._now;
    const req = new Req(this.nextReqId++, tc, REQUEST_TYPES[tc]!, user, client, now);
    this.stats.arrive(now);
    this.emit(L_ARRIVE, req, user, null, null, -1, -1);
    const root = new Call(req, user, null, null);
    root.state = S_WAIT;
    let e: SimEdge | undefined;
    if (tc === T_STATIC && user.cdnOut.length > 0) e = user.cdnOut[user.rr++ % user.cdnOut.length];
    else if (user.originOut.length > 0) e = user.originOut[user.rr++ % user.originOut.length];
    else if (user.cdnOut.length > 0) e = user.cdnOut[user.rr++ % user.cdnOut.length];
    if (!e) this.finish(req, 0);
    else this.callChild(root, e, PH_PROXY, Infinity);
  }

  /** A call reached its node. */
  private onHop(c: Call): void {
    this.endTransit(c);
    if (c.state === S_DEAD) return;
    const n = c.node;
    const e = c.edge!;
    if (n.removed || e.removed) {
      this.failUp(c);
      return;
    }
    this.emit(L_HOP, c.req, n, e.from, n, -1, -1);
    c.tArrive = this._now;
    this.admit(c);
  }

  /** The node takes the connection (or not): start, wait in its queue, or be dropped / refused. */
  private admit(c: Call): void {
    const n = c.node;
    if (!n.up) {
      // A machine that is off never answers; a stopped process's port refuses at once.
      if (n.listener && n.box !== null && !n.box.up) this.synDropped(c);
      else this.answer(c, 0, false);
      return;
    }
    if (!n.slotted || n.active < n.conc) {
      this.accepted(c);
      this.start(c);
    } else if (n.qLen < n.backlog) {
      this.accepted(c);
      this.touch(n);
      this.enqueue(n, c);
      c.state = S_QUEUED;
      this.emit(L_QUEUE, c.req, n, null, null, -1, -1);
    } else if (n.listener) {
      // The listen backlog is full: the kernel drops the SYN; nobody answers.
      n.dropped++;
      this.synDropped(c);
    } else {
      n.rejected++;
      this.emit(L_REJECT, c.req, n, null, null, 503, -1);
      this.respond(c, 503);
    }
  }

  /** The connection is established: a proxy waiting to connect now waits to read. */
  private accepted(c: Call): void {
    c.accepted = true;
    const p = c.parent;
    if (p !== null && p.timer === TM_CONNECT && p.child === c) {
      p.timer = TM_READ;
      const read = p.node.readMs;
      this.newTok(p);
      if (read < Infinity) p.ev = this.q.push(this._now + read, EV_TIMEOUT, p, p.tok);
    }
  }

  /** The connection attempt got no answer: the caller's kernel retransmits the SYN later. */
  private synDropped(c: Call): void {
    const n = c.node;
    this.emit(L_SYNDROP, c.req, n, c.edge!.from, n, -1, -1);
    c.syn++;
    c.state = S_SYN;
    const p = c.parent;
    if (p !== null && p.timer === TM_READ && p.child === c && c.syn === 1) {
      // NGINX is still connecting: proxy_connect_timeout runs, not the read timeout.
      p.timer = TM_CONNECT;
      this.newTok(p);
      p.ev = this.q.push(Math.max(this._now, p.sentAt + p.node.connectMs), EV_TIMEOUT, p, p.tok);
    }
    if (c.syn > SYN_RETRIES) {
      this.answer(c, 0, false); // connect() gives up: ETIMEDOUT
      return;
    }
    c.ev = this.q.push(this._now + SYN_RTO_MS * 2 ** (c.syn - 1), EV_SYN, c, c.tok);
  }

  private onSyn(c: Call): void {
    if (c.state !== S_SYN) return;
    const p = c.parent;
    if (p !== null && (p.child !== c || p.state !== S_WAIT)) return; // the caller gave up
    if (c.node.removed || c.edge!.removed) {
      this.failUp(c);
      return;
    }
    c.tArrive = this._now;
    this.admit(c);
  }

  private start(c: Call): void {
    const n = c.node;
    const now = this._now;
    const mb = n.memBox;
    if (mb !== null) {
      // A worker process that takes a request grows; when the box's memory is full the
      // kernel's OOM killer kills it (the connection closes: NGINX answers 502).
      const procs = Math.ceil((n.active - n.restarting + 1) / n.perProc);
      if (procs > n.procBusy) {
        if (mb.memIdle - mb.memDead + mb.memBusy + n.reqMem > mb.memCap) {
          this.kill(c);
          return;
        }
        mb.memBusy += (procs - n.procBusy) * n.reqMem;
        n.procBusy = procs;
      }
    }
    this.touch(n);
    n.active++;
    if (n.k === K_GUNICORN) acquireWorker(n, c);
    c.holdsSlot = true;
    c.state = S_SERVICE;
    const wait = now - c.tArrive;
    n.started++;
    n.waitSum += wait;
    const rng = this.rng;
    let cpu = 0;
    let io = 0;
    if (n.k === K_DJANGO) {
      const t = c.req.t;
      const scale = t === T_STATIC ? 0.25 : t === T_UPLOAD ? 2 : 1;
      if (n.svc > 0) cpu = rng.service(n.svc * scale, n.cv);
      if (n.io > 0) io = rng.service(n.io * scale, n.cv);
    } else {
      const p = c.parent;
      const mean = (n.k === K_POSTGRES || n.k === K_SQLITE) && p !== null && p.node.queryMs >= 0 ? p.node.queryMs : n.svc;
      const d = mean > 0 ? rng.service(mean, n.cv) : 0;
      if (n.cpu) cpu = d;
      else io = d;
    }
    c.svcStart = now;
    this.emit(L_START, c.req, n, null, null, -1, wait);
    if (cpu > 0 && n.cpu && (n.box !== null || n.par < Infinity)) {
      c.ioLeft = io;
      psAdd(this, c, cpu);
    } else {
      c.ioLeft = 0;
      this.q.push(now + cpu + io, EV_SVC, c, 0);
    }
  }

  private readonly dueBuf: (Call | null)[] = [];

  private onCpu(n: SimNode): void {
    const due = this.dueBuf;
    // Only the event loop calls this (never re-entered), so the buffer starts empty.
    const to = psDue(this, n, due);
    for (let i = 0; i < to; i++) {
      const c = due[i]!;
      due[i] = null;
      if (c.state === S_DEAD) continue;
      if (c.ioLeft > 0) {
        this.q.push(this._now + c.ioLeft, EV_SVC, c, 0);
        c.ioLeft = 0;
      } else this.onSvc(c);
    }
  }

  private onSvc(c: Call): void {
    if (c.state === S_DEAD) return;
    const n = c.node;
    if (n.removed) {
      this.failUp(c);
      return;
    }
    this.emit(L_DONE, c.req, n, null, null, -1, this._now - c.svcStart);
    if (!n.up) {
      this.respond(c, 0);
      return;
    }
    finishKind(this, c);
  }

  /** A response reached the caller's node. */
  private onBack(c: Call): void {
    this.endTransit(c);
    const p = c.parent!;
    if (p.child !== c || p.state !== S_WAIT) {
      this.emit(L_DROP, c.req, p.node, c.node, p.node, c.status, -1);
      return;
    }
    if (c.edge!.removed || p.node.removed) {
      this.failUp(c);
      return;
    }
    this.emit(L_RESPOND, c.req, p.node, c.node, p.node, c.status, -1);
    p.child = null;
    c.edge!.conns--;
    this.deliver(p, c.status, c.cacheHit, c);
  }

  /** Caller p got `status` from its child. */
  private deliver(p: Call, status: number, cacheHit: boolean, child: Call | null): void {
    const n = p.node;
    if (n.k === K_USER && p.parent === null) {
      this.finish(p.req, status);
      return;
    }
    if (!n.up) {
      this.respond(p, 0);
      return;
    }
    answerKind(this, p, status, cacheHit, child);
  }

  private onTimeout(c: Call): void {
    if (c.state !== S_WAIT) return;
    const n = c.node;
    if (n.removed) {
      const child = c.child;
      if (child !== null) {
        child.edge!.conns--;
        c.child = null;
      }
      this.failUp(c);
      return;
    }
    if (n.k === K_NGINX && c.child !== null) nginxTimeout(this, c);
    else if (n.k === K_GUNICORN) gunicornTimeout(this, c);
    else {
      const child = c.child;
      if (child !== null) {
        child.edge!.conns--;
        c.child = null;
      }
      this.emit(L_TIMEOUT, c.req, n, null, null, 0, this._now - c.svcStart);
      this.respond(c, 0);
    }
  }

  /** The OOM killer killed the worker that took c: c ends with 0; the slot is back once the master booted a new worker. */
  private kill(c: Call): void {
    const n = c.node;
    n.killed++;
    this.emit(L_KILLED, c.req, n, null, null, 0, -1);
    let i = -1;
    if (n.perProc === 1) {
      const st = n.wState;
      for (let k = 0; k < st.length; k++) {
        if (st[k] === 0) {
          i = k;
          break;
        }
      }
    }
    workerGone(this, n, i);
    this.answer(c, 0, true);
  }

  private releaseMemory(n: SimNode): void {
    const procs = Math.max(0, Math.ceil((n.active - n.restarting) / n.perProc));
    if (procs < n.procBusy) {
      n.memBox!.memBusy -= (n.procBusy - procs) * n.reqMem;
      n.procBusy = procs;
    }
  }

  // ───────────────────────────── Core (what kinds/*.ts use) ─────────────────────────────

  /** @internal */
  callChild(c: Call, e: SimEdge, phase: number, timeout: number): void {
    const to = e.to;
    const child = new Call(c.req, to, c, e);
    c.child = child;
    c.phase = phase;
    c.state = S_WAIT;
    e.conns++;
    const t1 = this._now + e.delay;
    this.beginTransit(child, e, e.from, to, t1, false, -1, false);
    this.q.push(t1, EV_HOP, child, 0);
    if (timeout < Infinity) {
      c.svcStart = this._now;
      this.newTok(c);
      c.ev = this.q.push(this._now + timeout, EV_TIMEOUT, c, c.tok);
    }
  }

  /** @internal c answers `status`: frees its slot, then the answer travels back to the caller. */
  respond(c: Call, status: number): void {
    this.answer(c, status, true);
  }

  /** @internal */
  schedule(t: number, ev: number, obj: Call | SimNode | SimEdge, tok: number): void {
    this.q.push(t, ev, obj, tok);
  }

  /** @internal */
  scheduleCpu(n: SimNode, t: number): void {
    const q = this.q;
    if (n.psEv >= 0) q.cancel(n.psEv);
    n.psEv = q.push(t, EV_CPU, n, ++n.psTok);
  }

  /** Makes c's pending timer or SYN retransmit stale, and takes it out of the queue. */
  private newTok(c: Call): void {
    c.tok++;
    if (c.ev >= 0) {
      this.q.cancel(c.ev);
      c.ev = -1;
    }
  }

  /** @internal Cancels c (its worker was killed): its CPU job, its I/O wait, its child's answer. */
  abandon(c: Call): void {
    if (c.state === S_DEAD) return;
    if (c.psIdx >= 0) psRemove(this, c);
    this.newTok(c);
    const ch = c.child;
    if (ch !== null) {
      ch.edge!.conns--;
      c.child = null;
    }
    if (c.holdsSlot) {
      c.holdsSlot = false;
      const n = c.node;
      this.touch(n);
      n.active--;
      if (n.qLen > 0 && n.up) this.startQueued(n);
    }
    c.state = S_DEAD;
  }

  private readonly sysReqs = new Map<SimNode, Req>();

  /** @internal */
  sysReq(n: SimNode): Req {
    let r = this.sysReqs.get(n);
    if (r === undefined) {
      r = new Req(0, T_PAGE, 'page', n, 0, 0);
      this.sysReqs.set(n, r);
    }
    return r;
  }

  /** Answers `status` (count: it is a response this node sent, not a refused connection). */
  private answer(c: Call, status: number, count: boolean): void {
    const n = c.node;
    c.status = status;
    this.newTok(c);
    c.state = S_BACK;
    if (count) n.served++;
    if (status >= 400 && n.debug && n.k === K_DJANGO) c.req.leak = true;
    if (c.psIdx >= 0) psRemove(this, c);
    if (c.holdsSlot) {
      c.holdsSlot = false;
      this.touch(n);
      n.active--;
      if (c.worker >= 0) releaseWorker(this, n, c);
      if (n.memBox !== null) this.releaseMemory(n);
      if (n.qLen > 0 && n.up) this.startQueued(n);
    }
    const e = c.edge;
    if (e === null) {
      // The root call (at the user) never answers anyone.
      return;
    }
    const t1 = this._now + e.delay;
    const err = isError(status) && !(status === 404 && n.k === K_REDIS);
    this.beginTransit(c, e, n, e.from, t1, true, err ? status : -1, c.cacheHit || c.req.cdnHit);
    this.q.push(t1, EV_BACK, c, 0);
  }

  /** c cannot go on (its node or edge left the graph): the nearest caller still there gets 0. */
  private failUp(c: Call): void {
    this.emit(L_FAIL, c.req, c.node, null, null, 0, -1);
    if (c.psIdx >= 0) psRemove(this, c);
    c.state = S_DEAD;
    let a = c;
    for (;;) {
      const p = a.parent;
      if (p === null) {
        this.finish(a.req, 0);
        return;
      }
      if (p.child !== a || p.state !== S_WAIT) return; // its caller gave up already
      p.child = null;
      if (a.edge !== null) a.edge.conns--;
      if (!p.node.removed) {
        this.deliver(p, 0, false, a);
        return;
      }
      a = p;
    }
  }

  private finish(req: Req, status: number): void {
    if (req.done) return;
    req.done = true;
    const now = this._now;
    const lat = now - req.t0;
    const error = isError(status);
    this.stats.finish(now, lat, status, error, req.leak);
    this.emit(error ? L_ERROR : L_COMPLETE, req, req.user, null, null, status, lat);
  }

  // ───────────────────────────── queues ─────────────────────────────

  private enqueue(n: SimNode, c: Call): void {
    let q = n.q;
    if (n.qLen === q.length) {
      const bigger = new Array<Call | undefined>(q.length * 2);
      for (let i = 0; i < n.qLen; i++) bigger[i] = q[(n.qHead + i) % q.length];
      n.q = q = bigger;
      n.qHead = 0;
    }
    q[(n.qHead + n.qLen) % q.length] = c;
    n.qLen++;
  }

  private dequeue(n: SimNode): Call {
    this.touch(n);
    const q = n.q;
    const c = q[n.qHead]!;
    q[n.qHead] = undefined;
    n.qHead = (n.qHead + 1) % q.length;
    n.qLen--;
    return c;
  }

  /** @internal */
  startQueued(n: SimNode): void {
    while (n.qLen > 0 && n.active < n.conc) this.start(this.dequeue(n));
  }

  private drainQueue(n: SimNode, status: number): void {
    while (n.qLen > 0) this.respond(this.dequeue(n), status);
  }

  // ───────────────────────────── metrics ─────────────────────────────

  /** @internal Bring a node's time integrals up to now (call before changing active / qLen / cpuBusy). */
  touch(n: SimNode): void {
    touchNode(n, this._now);
  }

  // ───────────────────────────── transits and events ─────────────────────────────

  private beginTransit(
    c: Call,
    e: SimEdge,
    from: SimNode,
    to: SimNode,
    t1: number,
    back: boolean,
    status: number,
    cacheHit: boolean,
  ): void {
    const tr = this.trPool.pop() ?? new TransitImpl();
    const req = c.req;
    tr.reqId = req.id;
    tr.type = req.type;
    tr.edgeId = e.id;
    tr.from = from.id;
    tr.to = to.id;
    tr.t0 = this._now;
    tr.t1 = t1;
    tr.back = back;
    tr.status = status >= 0 ? status : undefined;
    tr.cacheHit = cacheHit ? true : undefined;
    tr.slot = this.trActive.length;
    this.trActive.push(tr);
    c.transit = tr;
  }

  private endTransit(c: Call): void {
    const tr = c.transit;
    if (tr === null) return;
    c.transit = null;
    const list = this.trActive;
    const last = list.pop()!;
    if (last !== tr) {
      list[tr.slot] = last;
      last.slot = tr.slot;
    }
    this.trPool.push(tr);
  }

  /** @internal */
  emit(
    kind: number,
    req: Req,
    node: SimNode | null,
    from: SimNode | null,
    to: SimNode | null,
    status: number,
    dur: number,
  ): void {
    this.stream.emit(this._now, kind, req, node, from, to, status, dur);
  }
}

/** Clamps a load pattern's numbers to sane ranges. */
export function normalisePattern(p: LoadPattern): LoadPattern {
  const pos = (v: number, d: number) => (Number.isFinite(v) && v > 0 ? v : d);
  switch (p.kind) {
    case 'ramp':
      return { kind: 'ramp', from: clamp01(Number.isFinite(p.from) ? p.from : 0), durationMs: pos(p.durationMs, 1000) };
    case 'spike':
      return {
        kind: 'spike',
        factor: Math.max(1, Number.isFinite(p.factor) ? p.factor : 1),
        everyMs: pos(p.everyMs, 1000),
        lengthMs: Math.max(0, Number.isFinite(p.lengthMs) ? p.lengthMs : 0),
      };
    default:
      return { kind: 'steady' };
  }
}

/** A finite number ≥ 0, else the default. */
function nonNeg(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : dflt;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** FNV-1a (32-bit) of a string; handy for hashing exported event logs. */
export function fnv1aString(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) h = fnv(h, s.charCodeAt(i));
  return h >>> 0;
}

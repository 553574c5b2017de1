/**
 * The simulation's runtime state: nodes, edges, requests and calls (one call per node a
 * request visits), the codes the hot loop switches on, and the small interface (`Core`)
 * through which each component kind's module (kinds/*.ts) acts on the engine.
 *
 * State is flat on purpose: plain classes with numeric fields, no per-event allocation
 * beyond the call objects, so the event loop stays fast (bench/sim.ts).
 */
import type { ComponentKind } from '../catalog/catalog';
import type { Rng } from './rng';
import type { RequestType, SimEventKind, Transit } from './types';

// ───────────── kind codes ─────────────
export const K_USER = 0;
export const K_CDN = 1;
export const K_NGINX = 2;
export const K_RUNSERVER = 3;
export const K_GUNICORN = 4;
export const K_DJANGO = 5;
export const K_POSTGRES = 6;
export const K_SQLITE = 7;
export const K_REDIS = 8;
export const K_STATIC = 9;
export const K_MEDIA = 10;
export const K_SERVER = 11;
export const KIND_CODE: Record<ComponentKind, number> = {
  user: K_USER,
  cdn: K_CDN,
  nginx: K_NGINX,
  runserver: K_RUNSERVER,
  gunicorn: K_GUNICORN,
  django: K_DJANGO,
  postgres: K_POSTGRES,
  sqlite: K_SQLITE,
  redis: K_REDIS,
  static: K_STATIC,
  media: K_MEDIA,
  server: K_SERVER,
};

// ───────────── request type codes ─────────────
export const T_STATIC = 0;
export const T_PAGE = 1;
export const T_API = 2;
export const T_UPLOAD = 3;

// ───────────── heap event kinds ─────────────
export const EV_ARRIVAL = 0;
export const EV_HOP = 1;
/** A call's own work (or its I/O wait) is over. */
export const EV_SVC = 2;
export const EV_BACK = 3;
/** A caller's timer: NGINX connect / read timeout, Gunicorn's worker timeout. */
export const EV_TIMEOUT = 4;
/** A new Gunicorn worker finished booting (tok = worker index, −1 = pooled). */
export const EV_RESTART = 5;
/** Processor sharing: the next CPU job of a node may be done (tok = node.psTok). */
export const EV_CPU = 6;
/** The kernel retransmits a dropped connection attempt (SYN). */
export const EV_SYN = 7;
/** NGINX's fail_timeout for an upstream is over (tok = edge.downTok). */
export const EV_MARKUP = 8;

// ───────────── call states ─────────────
export const S_TRAVEL = 0;
export const S_QUEUED = 1;
export const S_SERVICE = 2;
export const S_WAIT = 3;
export const S_BACK = 4;
/** Its connection attempt was dropped (full backlog or dead machine): the kernel retries. */
export const S_SYN = 5;
/** Abandoned (its worker was killed): whatever it still has pending is ignored. */
export const S_DEAD = 6;

// ───────────── phases of a call waiting on a child ─────────────
export const PH_NONE = 0;
export const PH_PROXY = 1;
export const PH_STATIC = 2;
export const PH_CACHE = 3;
export const PH_DB = 4;
export const PH_MEDIA = 5;
export const PH_SESSION = 6;

// ───────────── NGINX timers ─────────────
export const TM_NONE = 0;
export const TM_CONNECT = 1;
export const TM_READ = 2;

// ───────────── log event kinds (index into LOG_KINDS) ─────────────
export const LOG_KINDS: readonly SimEventKind[] = [
  'arrive',
  'hop',
  'queue',
  'start',
  'done',
  'respond',
  'reject',
  'timeout',
  'drop',
  'fail',
  'complete',
  'error',
  'killed',
  'retry',
  'markDown',
  'markUp',
  'workerBoot',
  'recycle',
  'synDrop',
  'cacheError',
  'sessionsLost',
];
export const L_ARRIVE = 0;
export const L_HOP = 1;
export const L_QUEUE = 2;
export const L_START = 3;
export const L_DONE = 4;
export const L_RESPOND = 5;
export const L_REJECT = 6;
export const L_TIMEOUT = 7;
export const L_DROP = 8;
export const L_FAIL = 9;
export const L_COMPLETE = 10;
export const L_ERROR = 11;
export const L_KILLED = 12;
export const L_RETRY = 13;
export const L_MARKDOWN = 14;
export const L_MARKUP = 15;
export const L_BOOT = 16;
export const L_RECYCLE = 17;
export const L_SYNDROP = 18;
export const L_CACHEERR = 19;
export const L_SESSIONS = 20;

export const N_BUCKETS = 20;

export class SimEdge {
  removed = false;
  delay = 0;
  /** Smooth weighted round robin state. */
  cw = 0;
  /** Open child calls along this edge (least_conn). */
  conns = 0;
  /** Position in its source's upstream list (NGINX's "tried" bitmask), −1 when not an upstream. */
  up = -1;
  // NGINX passive health of this upstream server (max_fails / fail_timeout).
  fails = 0;
  failStart = -Infinity;
  downUntil = -Infinity;
  downTok = 0;
  constructor(
    readonly id: string,
    public from: SimNode,
    public to: SimNode,
  ) {}
}

export class SimNode {
  removed = false;
  up = true;
  draining = false;
  /** up and not draining. */
  avail = true;
  box: SimNode | null = null;
  // Resolved parameters.
  slotted = false;
  /** Accepts TCP connections through a kernel listen backlog (NGINX, Gunicorn, runserver). */
  listener = false;
  conc = Infinity;
  backlog = Infinity;
  /** Mean of its own CPU work per request, ms. */
  svc = 0;
  /** Mean of its own I/O wait per request (uses no core), ms. */
  io = 0;
  /** Coefficient of variation of its service times (0 deterministic, 1 exponential). */
  cv = 1;
  hit = 0;
  timeout = Infinity;
  queries = 0;
  /** Django: mean time of one database query it issues (−1: the database's own service time). */
  queryMs = -1;
  weight = 1;
  lb = 0;
  cores = 0;
  cpu = false;
  // Django's settings (issue 10's "first deploy mistakes").
  debug = false;
  hostAllowed = true;
  staticCollected = true;
  // Redis's settings as Django's cache uses it.
  ignoreExceptions = false;
  sessions = false;
  // NGINX: /static/ files missing (collectstatic never ran for its app).
  staticMissing = false;
  // NGINX runtime (ms).
  connectMs = 5000;
  readMs = 60_000;
  maxFails = 1;
  failMs = 10_000;
  tries = 0;
  /** proxy_next_upstream_timeout: no retry once the request has been with the upstreams this long. */
  nextUpstreamMs = 10_000;
  // Gunicorn: processes and memory (memBox null ⇒ no memory model).
  workers = 0;
  /** Requests one worker process holds at once (sync 1, gthread threads, async connections). */
  perProc = 1;
  idleMem = 0;
  reqMem = 0;
  memBox: SimNode | null = null;
  procBusy = 0;
  restarting = 0;
  bootMs = 250;
  killed = 0;
  maxRequests = 0;
  maxJitter = 0;
  /** Sync workers one by one: 0 free, 1 busy, 2 booting; requests left before recycling. */
  wState: Uint8Array = new Uint8Array(0);
  wLeft: Float64Array = new Float64Array(0);
  wNext = 0;
  recycled = 0;
  timedOut = 0;
  // Server box memory, MB.
  memMb = 0;
  memCap = Infinity;
  memIdle = 0;
  memDead = 0;
  memBusy = 0;
  /** Processes that may run Python at once (the GIL: threads or greenlets of one process share one core). */
  par = Infinity;
  // Processor sharing (ps.ts): jobs on this node's CPU, virtual time and rate.
  psHeap: Call[] = [];
  psV = 0;
  psRate = 1;
  psLastT = 0;
  psTok = 0;
  psNextT = Infinity;
  /** Slot of its pending EV_CPU in the event queue (−1: none), cancelled when rescheduled. */
  psEv = -1;
  /** Server box: its CPU-using processes. */
  members: SimNode[] = [];
  // Routing, rebuilt with the topology.
  out: SimEdge[] = [];
  upstreams: SimEdge[] = [];
  cdnOut: SimEdge[] = [];
  originOut: SimEdge[] = [];
  staticE: SimEdge | null = null;
  mediaE: SimEdge | null = null;
  appE: SimEdge | null = null;
  dbE: SimEdge | null = null;
  redisE: SimEdge | null = null;
  rr = 0;
  // Runtime state.
  active = 0;
  cpuBusy = 0;
  q: (Call | undefined)[] = new Array<Call | undefined>(8);
  qHead = 0;
  qLen = 0;
  // Metrics.
  lastT = 0;
  busyArea = 0;
  qArea = 0;
  cpuArea = 0;
  snapBusy = new Float64Array(N_BUCKETS);
  snapQ = new Float64Array(N_BUCKETS);
  snapCpu = new Float64Array(N_BUCKETS);
  served = 0;
  started = 0;
  rejected = 0;
  dropped = 0;
  waitSum = 0;

  constructor(
    readonly id: string,
    readonly idx: number,
    public kind: ComponentKind,
    public k: number,
    readonly createdAt: number,
  ) {
    this.lastT = createdAt;
    this.psLastT = createdAt;
  }
}

export class Req {
  done = false;
  cdnHit = false;
  /** Django's debug error page went out with it (DEBUG = True): the traceback leaked. */
  leak = false;
  constructor(
    readonly id: number,
    readonly t: number,
    readonly type: RequestType,
    readonly user: SimNode,
    readonly client: number,
    readonly t0: number,
  ) {}
}

export class TransitImpl implements Transit {
  reqId = 0;
  type: RequestType = 'page';
  edgeId = '';
  from = '';
  to = '';
  t0 = 0;
  t1 = 0;
  back = false;
  status: number | undefined = undefined;
  cacheHit: boolean | undefined = undefined;
  /** Index in the active list. */
  slot = 0;
}

export class Call {
  state = S_TRAVEL;
  phase = PH_NONE;
  step = 0;
  /** Token of its timer / SYN retransmit: bumping it makes the pending one stale (see `ev`). */
  tok = 0;
  /** Slot of its pending token-checked event (timer or SYN) in the event queue, −1: none. */
  ev = -1;
  status = 0;
  tArrive = 0;
  holdsSlot = false;
  cacheHit = false;
  cpuBox: SimNode | null = null;
  svcStart = 0;
  /** I/O wait still to do after the CPU part, ms. */
  ioLeft = 0;
  /** Processor sharing: virtual finish time and heap position (−1: not on a CPU). */
  vEnd = 0;
  psIdx = -1;
  /** Gunicorn sync worker holding it (−1: none). */
  worker = -1;
  /** Its connection was accepted (NGINX: the request has been sent to the upstream). */
  accepted = false;
  /** Connection attempts dropped so far (SYN retransmits). */
  syn = 0;
  // NGINX: upstreams tried (bitmask of SimEdge.up), attempts, which timer runs, when it connected.
  tried = 0;
  attempts = 0;
  timer = TM_NONE;
  sentAt = 0;
  /** NGINX: when it first passed the request to an upstream (for proxy_next_upstream_timeout). */
  proxyStart = 0;
  child: Call | null = null;
  transit: TransitImpl | null = null;
  constructor(
    readonly req: Req,
    readonly node: SimNode,
    readonly parent: Call | null,
    readonly edge: SimEdge | null,
  ) {}
}

export function okStatus(t: number): number {
  return t === T_API || t === T_UPLOAD ? 201 : 200;
}

export function isError(status: number): boolean {
  return status === 0 || status >= 400;
}

/** GET and HEAD may be sent again to another server; a POST that was sent may not. */
export function idempotent(t: number): boolean {
  return t === T_STATIC || t === T_PAGE;
}

/**
 * What a component kind's module may do to the engine. The engine (engine.ts) implements it;
 * the kind modules (kinds/*.ts) hold what each kind does with a request.
 */
export interface Core {
  readonly now: number;
  readonly rng: Rng;
  /** c answers `status`: frees its slot, the answer travels back to its caller. */
  respond(c: Call, status: number): void;
  /** c calls its successor over e and waits for the answer (timeout: caller's timer, ms). */
  callChild(c: Call, e: SimEdge, phase: number, timeout: number): void;
  emit(kind: number, req: Req, node: SimNode | null, from: SimNode | null, to: SimNode | null, status: number, dur: number): void;
  schedule(t: number, ev: number, obj: Call | SimNode | SimEdge, tok: number): void;
  /** Schedules n's next processor-sharing event (EV_CPU), cancelling the pending one. */
  scheduleCpu(n: SimNode, t: number): void;
  /** Cancels c and everything below it (its worker was killed): no answer will come. */
  abandon(c: Call): void;
  /** Bring a node's time integrals up to now (before changing active / qLen / cpuBusy). */
  touch(n: SimNode): void;
  startQueued(n: SimNode): void;
  /** A request id-less event (a server marked down, a worker booted): the node's own pseudo request. */
  sysReq(n: SimNode): Req;
}

/**
 * One component kind's behaviour, in the spirit of SimPy's processes: the engine does the
 * generic part (travel, admission through a backlog, waiting for a slot, the service time
 * on the box's shared CPU); a kind says what happens when its own work is done (`finish`:
 * answer, or call a successor) and when a successor answers (`answer`).
 */
export interface Behaviour {
  finish(core: Core, c: Call): void;
  /** child: the call that answered (null when it failed on the way). */
  answer(core: Core, p: Call, status: number, cacheHit: boolean, child: Call | null): void;
}

import type { ComponentKind } from '../catalog/catalog';
import type { NodeParams } from '../topology/types';

/** The kinds of request a user sends. */
export type RequestType = 'static' | 'page' | 'api' | 'upload';

export const REQUEST_TYPES: readonly RequestType[] = ['static', 'page', 'api', 'upload'];

/** What each request type is on the wire. */
export const REQUEST_META: Readonly<Record<RequestType, { method: 'GET' | 'POST'; path: string }>> = {
  static: { method: 'GET', path: '/static/app.css' },
  page: { method: 'GET', path: '/products/' },
  api: { method: 'POST', path: '/api/orders/' },
  upload: { method: 'POST', path: '/media/uploads/' },
};

/** Default share of each request type (normalised by the engine). */
export const DEFAULT_MIX: Readonly<Record<RequestType, number>> = { static: 0.4, page: 0.4, api: 0.15, upload: 0.05 };

export type LbMethod = 'round_robin' | 'least_conn' | 'ip_hash';

/**
 * Parameters the simulation reads from a node, beyond the shared NodeParams. Every field
 * overrides the catalog default for that node's kind.
 */
export interface SimNodeParams extends NodeParams {
  /** Slots (sync workers, connections) for kinds that have them; Gunicorn uses `workers` first. */
  concurrency?: number;
  /**
   * How many requests may wait for a slot. Past it a listener (NGINX, Gunicorn, runserver)
   * has new connection attempts dropped by the kernel; a database answers 503.
   */
  backlog?: number;
  /**
   * Older name of the timeouts, in ms: Gunicorn's `timeout`, NGINX's `proxy_read_timeout`
   * (runtime.ts reads it when timeoutS / readTimeoutS is not set).
   */
  timeoutMs?: number;
  /** NGINX: load-balancing method (default round_robin). */
  lbMethod?: LbMethod;
  /** Gunicorn gthread: threads per worker (default 4). */
  threads?: number;
  /** Gunicorn async (gevent): connections per worker (default 1000, Gunicorn's worker_connections). */
  workerConnections?: number;
  /** Gunicorn: memory one idle worker process holds, MB (default: the catalog's memoryPerProcessMb). */
  workerMemoryMb?: number;
  /** Gunicorn: older name of bootMs (runtime.ts). */
  restartMs?: number;
  // runtime.ts names (Gunicorn and NGINX settings shared with the generated configs).
  timeoutS?: number;
  gracefulTimeoutS?: number;
  maxRequests?: number;
  maxRequestsJitter?: number;
  bootMs?: number;
  connectTimeoutS?: number;
  readTimeoutS?: number;
  maxFails?: number;
  failTimeoutS?: number;
  nextUpstreamTries?: number;
  nextUpstreamTimeoutS?: number;
  clientMaxBodyMb?: number;
  /**
   * An upstream (or its server box) being taken out: NGINX sends it no new requests, the ones
   * it already has finish. Remove it from the topology once `Simulation.isDrained` says so.
   */
  draining?: boolean;
}

/** Memory the operating system and the other daemons keep on every server box, MB. */
export const OS_RESERVED_MB = 256;
/** Extra memory a worker process needs while it handles a request, as a share of its idle size. */
export const REQUEST_MEMORY_SHARE = 1 / 3;

/**
 * How the arrival rate changes over simulated time. Rates are multiples of the rps setting, so
 * the Requests per second control keeps its meaning ("the normal load").
 * - steady: rps all the time.
 * - ramp: from `from` × rps up to rps, linearly over `durationMs`, then rps.
 * - spike: rps, then `factor` × rps for `lengthMs` every `everyMs` (first one `everyMs` after it is set):
 *   "the class link goes viral".
 */
export type LoadPattern =
  | { kind: 'steady' }
  | { kind: 'ramp'; from: number; durationMs: number }
  | { kind: 'spike'; factor: number; everyMs: number; lengthMs: number };

export type LoadPatternKind = LoadPattern['kind'];

/** Network delays of one hop, in simulated ms. */
export interface NetworkOptions {
  /** A hop from a user or a CDN (over the internet). Default 20. */
  internetMs?: number;
  /** A hop between two machines. Default 1. */
  lanMs?: number;
  /** A hop between two processes on the same server box. Default 0.2. */
  localMs?: number;
}

export interface SimOptions {
  seed: number;
  /** Total arrival rate (requests per simulated second), split evenly across user nodes. */
  rps: number;
  mix?: Partial<Record<RequestType, number>>;
  network?: NetworkOptions;
  /** Shorthand for network.internetMs (wins over it). */
  internetMs?: number;
  /** Shorthand for network.lanMs (wins over it). */
  lanMs?: number;
  /** How many recent SimEvents recentEvents() keeps. Default 200; 0 turns it off. */
  eventLog?: number;
  /** Width of the metrics sliding window in simulated ms. Default 5000. */
  windowMs?: number;
  /** How the load changes over time (default steady). */
  pattern?: LoadPattern;
  /**
   * Replay these arrival times (simulated ms, ascending) instead of drawing a Poisson
   * process: one request each, then none. rps, the load pattern and setRps /
   * setLoadPattern do not change them. For comparing with a measured run on the same
   * arrivals (bench/calibrate.ts) or replaying a log's timestamps.
   */
  arrivalTimes?: readonly number[];
}

/** One hop a request (or its response) is travelling along right now; for drawing. */
export interface Transit {
  reqId: number;
  type: RequestType;
  edgeId: string;
  /** Node the packet left (for a response: the server side of the edge). */
  from: string;
  /** Node the packet is heading to. */
  to: string;
  /** Simulated ms when it left and when it arrives; position = (now − t0)/(t1 − t0). */
  t0: number;
  t1: number;
  /** A response travelling back toward the user. */
  back: boolean;
  /** Error status when this is an error response (0 = connection refused/reset). */
  status?: number;
  /** The response was served from a cache (CDN edge or Redis). */
  cacheHit?: boolean;
}

export type SimEventKind =
  /** A user sent a new request (node = the user). */
  | 'arrive'
  /** The request reached `to` over the edge from `from`. */
  | 'hop'
  /** All slots of `node` busy: the request waits in its queue. */
  | 'queue'
  /** `node` starts working on it (durationMs = time it waited). */
  | 'start'
  /** `node` finished its own work (durationMs = service time). */
  | 'done'
  /** A response reached `to` from `from` (status). */
  | 'respond'
  /** `node`'s queue was full: answered 503 without doing the work. */
  | 'reject'
  /** `node` (a proxy) gave up waiting for its upstream: 504. */
  | 'timeout'
  /** A late response reached a proxy that had already answered 504; it is discarded. */
  | 'drop'
  /** The node or edge it was on was removed from the graph. */
  | 'fail'
  /** The operating system's OOM killer killed the Gunicorn worker that took it (memory full): status 0. */
  | 'killed'
  /** NGINX passes the request to the next upstream (`from` failed, `to` is next; status = what it would have answered). */
  | 'retry'
  /** NGINX marks upstream `to` down for fail_timeout (durationMs) after max_fails failures. */
  | 'markDown'
  /** NGINX's fail_timeout for upstream `to` is over: it will try it again. */
  | 'markUp'
  /** A new Gunicorn worker finished booting (durationMs = boot time). */
  | 'workerBoot'
  /** A Gunicorn worker reached max_requests: it exits after this answer and a new one boots. */
  | 'recycle'
  /** The connection attempt to `to` got no answer (full listen backlog, or the machine is off): the kernel retries the SYN. */
  | 'synDrop'
  /** Django's cache call to Redis (`to`) failed: status 500 = it raised, none = ignored (fell back to the database). */
  | 'cacheError'
  /** Redis (node) went down holding the sessions: every user is logged out. */
  | 'sessionsLost'
  /** The response reached the user: success (durationMs = latency). */
  | 'complete'
  /** The response reached the user: an error status (durationMs = latency). */
  | 'error';

export interface SimEvent {
  /** Position in the run's event stream (0, 1, 2, …). */
  seq: number;
  t: number;
  kind: SimEventKind;
  reqId: number;
  type: RequestType;
  method: 'GET' | 'POST';
  path: string;
  node?: string;
  from?: string;
  to?: string;
  status?: number;
  durationMs?: number;
  /** An error response that carried Django's debug page (DEBUG = True): the traceback leaked. */
  traceback?: boolean;
}

export interface LatencySummary {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface NodeMetrics {
  id: string;
  kind: ComponentKind;
  /** Requests waiting for a slot right now. */
  queue: number;
  /** Requests it holds right now (in service or waiting on its downstream). */
  busy: number;
  /** Slots (workers, connections); for a server box, its CPU cores; null = unlimited. */
  capacity: number | null;
  /** Time-averaged busy / capacity over the window (server box: CPU use); null when unlimited. */
  utilisation: number | null;
  /** Time-averaged busy over the window. */
  busyAvg: number;
  /** Time-averaged queue length over the window. */
  queueAvg: number;
  /** Responses it sent (all time). */
  served: number;
  /** Requests it started working on (all time). */
  started: number;
  /** Requests it answered 503 because its queue was full (all time; databases). */
  rejected: number;
  /** Connection attempts the kernel dropped because its listen backlog was full (all time). */
  dropped: number;
  /** Gunicorn: workers killed by its timeout (all time). */
  timedOut: number;
  /** Gunicorn: workers recycled after max_requests (all time). */
  recycled: number;
  /** Mean time a request waited in its queue before starting (all time). */
  meanWaitMs: number;
  up: boolean;
  /** Gunicorn: workers the OOM killer killed (all time); 0 for other kinds. */
  killed: number;
  /** Server box: memory, MB, and what its Gunicorn workers use right now (null for other kinds). */
  memoryMb: number | null;
  memoryUsedMb: number | null;
  /** It is draining (sent no new requests). */
  draining: boolean;
}

export interface MetricsSnapshot {
  /** Simulated time of the snapshot, ms. */
  t: number;
  /** Width of the window the windowed figures cover, ms. */
  windowMs: number;
  /** The arrival rate the load pattern asks for right now, requests per simulated second. */
  offeredRps: number;
  /** All-time counts. Invariant: arrived = completed + errored + inFlight. */
  arrived: number;
  completed: number;
  errored: number;
  /** Error responses that carried Django's debug traceback (all time). */
  tracebacks: number;
  inFlight: number;
  /** Responses (success + error) per simulated second, over the window. */
  throughput: number;
  /** Latency of responses over the window, ms. */
  latency: LatencySummary;
  /** Error responses over the window, by status ("0" = connection refused). */
  errorsByStatus: Record<string, number>;
  /** Completed and errored in the window. */
  windowCompleted: number;
  windowErrored: number;
  totals: {
    throughput: number;
    latency: LatencySummary;
    errorsByStatus: Record<string, number>;
    /** Time-averaged number of requests in the system (for Little's law). */
    meanInFlight: number;
  };
  nodes: Record<string, NodeMetrics>;
}

export interface WaitStats {
  started: number;
  totalWaitMs: number;
  meanWaitMs: number;
}

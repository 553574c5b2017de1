/**
 * The runtime settings of the real software that both the simulation and the generated
 * configs read: one source, so what the engine shows for a slow view, a dead server or a
 * recycled worker is what the downloaded nginx.conf and gunicorn.conf.py do.
 *
 * A node may override any of these in its `params` (same names); `runtimeOf` merges them.
 * Times are in the unit their name says (S seconds, Ms milliseconds).
 */
import type { TopoNode } from '../topology/types';

export interface GunicornRuntime {
  /** `timeout`: a worker silent this long is killed by the master (the request gets 502 via NGINX). */
  timeoutS: number;
  /** `graceful_timeout`: how long a worker may finish its request on reload/stop. */
  gracefulTimeoutS: number;
  /** `backlog`: pending connections the kernel queues for the listening socket. */
  backlog: number;
  /** `max_requests`: a worker is recycled after this many requests (0 = never). */
  maxRequests: number;
  /** `max_requests_jitter`: a random 0..jitter added per worker so they don't recycle together. */
  maxRequestsJitter: number;
  /** Time a new worker takes to boot (fork + import Django), measured on the real stack. */
  bootMs: number;
}

export interface NginxRuntime {
  /** `proxy_connect_timeout`. */
  connectTimeoutS: number;
  /** `proxy_read_timeout`: no byte from the upstream this long → 504. */
  readTimeoutS: number;
  /** `max_fails` on each upstream server: this many failed attempts within fail_timeout mark it down. */
  maxFails: number;
  /** `fail_timeout` on each upstream server: the window for max_fails, and how long it then stays down. */
  failTimeoutS: number;
  /** `proxy_next_upstream_tries` (0 = no limit, NGINX's default). */
  nextUpstreamTries: number;
  /** `client_max_body_size`, MB. */
  clientMaxBodyMb: number;
  /**
   * `proxy_next_upstream_timeout`: a failed attempt is retried on the next server only if the
   * request has been with the upstreams less than this long (0 = no limit). Longer than a
   * connect timeout (a dead server is skipped), shorter than Gunicorn's `timeout` (a slow view
   * killed by Gunicorn is not replayed on the next server).
   */
  nextUpstreamTimeoutS: number;
}

export const GUNICORN_RUNTIME: Readonly<GunicornRuntime> = {
  timeoutS: 30,
  gracefulTimeoutS: 30,
  backlog: 2048,
  maxRequests: 1000,
  maxRequestsJitter: 500,
  bootMs: 250,
};

export const NGINX_RUNTIME: Readonly<NginxRuntime> = {
  connectTimeoutS: 5,
  readTimeoutS: 60,
  // NGINX's own default is max_fails=1: one failed request (a worker killed by its timeout)
  // took a healthy server out for 10 s. Three failures within 10 s is a server in trouble.
  maxFails: 3,
  failTimeoutS: 10,
  nextUpstreamTries: 0,
  clientMaxBodyMb: 10,
  nextUpstreamTimeoutS: 10,
};

function merged<T extends object>(defaults: Readonly<T>, node: TopoNode | undefined): T {
  const out = { ...defaults } as T;
  const params = (node?.params ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    if (!Object.prototype.hasOwnProperty.call(params, key)) continue;
    const value = params[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** A param by an older name, in ms, when the new one (in s or ms) is not set. */
function legacyMs(node: TopoNode | undefined, oldName: string, newName: string): number | undefined {
  const params = (node?.params ?? {}) as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(params, newName)) return undefined;
  const v = params[oldName];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * Gunicorn's settings for one gunicorn node (defaults merged with its params). The older
 * `timeoutMs` (ms; the ops "timeout" control) and `restartMs` are honoured when `timeoutS` /
 * `bootMs` are not set.
 */
export function gunicornRuntime(node: TopoNode | undefined): GunicornRuntime {
  const rt = merged(GUNICORN_RUNTIME, node);
  const t = legacyMs(node, 'timeoutMs', 'timeoutS');
  if (t !== undefined) rt.timeoutS = t / 1000;
  const b = legacyMs(node, 'restartMs', 'bootMs');
  if (b !== undefined) rt.bootMs = b;
  return rt;
}

/**
 * NGINX's settings for one nginx node (defaults merged with its params). The older
 * `timeoutMs` (ms) is its proxy_read_timeout when `readTimeoutS` is not set.
 */
export function nginxRuntime(node: TopoNode | undefined): NginxRuntime {
  const rt = merged(NGINX_RUNTIME, node);
  const t = legacyMs(node, 'timeoutMs', 'readTimeoutS');
  if (t !== undefined) rt.readTimeoutS = t / 1000;
  return rt;
}

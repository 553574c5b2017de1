/**
 * What the config generators need to know about a canvas: the app servers behind NGINX
 * (address, weight, workers), the load-balancing method, and which stores exist.
 */
import { CATALOG, recommendedWorkers } from '../../catalog/catalog';
import { gunicornRuntime, nginxRuntime, type GunicornRuntime, type NginxRuntime } from '../../catalog/runtime';
import { successors } from '../../topology/graph';
import type { TopoNode, Topology } from '../../topology/types';
import type { ConfigSettings, LbMethodName, WorkerClass } from './types';

export const GUNICORN_PORT = 8000;
/**
 * App server i (1-based) lives at 10.0.0.(10 + i) on the private network. These addresses are
 * the ones docker-compose.yml gives its containers; on real servers the user types the
 * servers' own private addresses in the Configs panel (ConfigSettings.appAddresses).
 */
export const PRIVATE_SUBNET = '10.0.0.0/24';
export const NGINX_ADDRESS = '10.0.0.10';

/** The compose network's address of app server i (0-based). */
export function composeAddress(i: number): string {
  return `10.0.0.${11 + i}`;
}

/**
 * An address safe to put in a config file: an IPv4 address, a bracket-less IPv6 address or a
 * host name (letters, digits, dots, hyphens). Anything else (spaces, `;`, quotes) is refused.
 */
export function safeAddress(raw: string | undefined): string | undefined {
  const a = (raw ?? '').trim();
  if (a === '' || a.length > 253) return undefined;
  const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  if (ipv4.test(a)) return a;
  if (/^[0-9a-fA-F:]+$/.test(a) && a.includes(':') && a.split(':').length <= 8) return a.toLowerCase();
  const label = /^(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/;
  if (/[a-zA-Z]/.test(a) && a.split('.').every((l) => label.test(l))) return a.toLowerCase();
  return undefined;
}

/** An address as NGINX's `server` directive wants it (IPv6 in brackets). */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export interface AppServer {
  /** Short name: "app1", or "app" when there is only one. */
  name: string;
  /** Docker Compose service name: "web", or "web1", "web2", … */
  service: string;
  /** What the canvas calls it (node ids), for comments. */
  nodeId: string;
  boxId?: string;
  address: string;
  port: number;
  /** NGINX weight, ≥ 1. */
  weight: number;
  /** Stopped on the canvas, or weight 0: NGINX marks it `down`. */
  down: boolean;
  workers: number;
  workerClass: WorkerClass;
  /** Gunicorn's runtime settings for this server (timeout, backlog, max_requests, …). */
  runtime: GunicornRuntime;
  timeoutS: number;
}

export interface DeployModel {
  appServers: AppServer[];
  lbMethod: LbMethodName;
  /** The canvas has NGINX / Gunicorn itself (otherwise the files add them). */
  hasNginx: boolean;
  hasGunicorn: boolean;
  /** The canvas runs Django's development server. */
  runserver: boolean;
  cdn: boolean;
  static: boolean;
  media: boolean;
  database: 'postgres' | 'sqlite' | 'none';
  redis: boolean;
  /** NGINX's upstream timeout (`proxy_read_timeout`), seconds. */
  proxyTimeoutS: number;
  /** NGINX's runtime settings (timeouts, max_fails, fail_timeout, body size). */
  nginx: NginxRuntime;
  /** NGINX's address as the app servers see it (forwarded_allow_ips, firewall rule). */
  nginxAddress: string;
  /** The user typed real addresses (not the compose network's). */
  customAddresses: boolean;
}

const LB_METHODS: readonly LbMethodName[] = ['round_robin', 'least_conn', 'ip_hash'];
const WORKER_CLASSES: readonly WorkerClass[] = ['sync', 'gthread', 'async'];

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function boxOf(t: Topology, n: TopoNode): TopoNode | undefined {
  return n.parentId ? t.nodes.find((b) => b.id === n.parentId) : undefined;
}

function boxCores(t: Topology, n: TopoNode | undefined): number {
  if (!n) return CATALOG.server.capacity.cores ?? 2;
  const box = boxOf(t, n);
  return Math.max(1, Math.round(num(box?.params?.cores) ?? CATALOG.server.capacity.cores ?? 2));
}

export function deployModel(t: Topology, settings: ConfigSettings): DeployModel {
  const kinds = new Set(t.nodes.map((n) => n.kind));
  const nginx = t.nodes.find((n) => n.kind === 'nginx');
  const allGunicorns = t.nodes.filter((n) => n.kind === 'gunicorn');
  // The upstream is what NGINX forwards to; a canvas whose NGINX is not wired yet uses every Gunicorn.
  const wired = nginx ? new Set(successors(t, nginx.id)) : new Set<string>();
  const behindNginx = allGunicorns.filter((g) => wired.has(g.id));
  const gunicorns = behindNginx.length > 0 ? behindNginx : allGunicorns;

  const rawLb = (nginx?.params as { lbMethod?: unknown } | undefined)?.lbMethod;
  const lbMethod = LB_METHODS.find((m) => m === rawLb) ?? 'round_robin';
  const typed = (settings.appAddresses ?? []).map((a) => safeAddress(a));

  const many = gunicorns.length > 1;
  const appServers: AppServer[] = gunicorns.map((g, i) => {
    const box = boxOf(t, g);
    const rawWeight = num(g.params?.weight) ?? num(box?.params?.weight) ?? 1;
    const weight = Math.max(1, Math.min(100, Math.round(rawWeight)));
    const cls = settings.workerClass ?? WORKER_CLASSES.find((c) => c === g.params?.workerClass) ?? 'sync';
    const workers = Math.max(1, Math.min(256, Math.round(num(g.params?.workers) ?? recommendedWorkers(boxCores(t, g)))));
    const runtime = gunicornRuntime(g);
    // Documents from before runtime.ts carry the kill timeout as `timeoutMs` (the ops drills still do).
    const timeoutMs = num((g.params as { timeoutMs?: unknown } | undefined)?.timeoutMs);
    if (timeoutMs !== undefined && !Object.prototype.hasOwnProperty.call(g.params ?? {}, 'timeoutS')) runtime.timeoutS = timeoutMs / 1000;
    runtime.timeoutS = Math.max(1, Math.round(runtime.timeoutS));
    return {
      name: many ? `app${i + 1}` : 'app',
      service: many ? `web${i + 1}` : 'web',
      nodeId: g.id,
      boxId: box?.id,
      address: typed[i] ?? composeAddress(i),
      port: GUNICORN_PORT,
      weight,
      down: g.params?.up === false || box?.params?.up === false || rawWeight <= 0,
      workers,
      workerClass: cls,
      runtime,
      timeoutS: runtime.timeoutS,
    };
  });

  if (appServers.length === 0) {
    // A runserver canvas (or an empty one): the files put the same app behind Gunicorn.
    const host = t.nodes.find((n) => n.kind === 'runserver') ?? t.nodes.find((n) => n.kind === 'django');
    const runtime = gunicornRuntime(undefined);
    appServers.push({
      name: 'app',
      service: 'web',
      nodeId: host?.id ?? 'gunicorn',
      boxId: host?.parentId,
      address: typed[0] ?? composeAddress(0),
      port: GUNICORN_PORT,
      weight: 1,
      down: false,
      workers: recommendedWorkers(boxCores(t, host)),
      workerClass: settings.workerClass ?? 'sync',
      runtime,
      timeoutS: runtime.timeoutS,
    });
  }

  const nginxRt = nginxRuntime(nginx);
  const nginxTimeoutMs = num((nginx?.params as { timeoutMs?: unknown } | undefined)?.timeoutMs);
  if (nginxTimeoutMs !== undefined && !Object.prototype.hasOwnProperty.call(nginx?.params ?? {}, 'readTimeoutS')) nginxRt.readTimeoutS = nginxTimeoutMs / 1000;
  nginxRt.readTimeoutS = Math.max(1, Math.round(nginxRt.readTimeoutS));
  nginxRt.connectTimeoutS = Math.max(1, Math.round(nginxRt.connectTimeoutS));
  nginxRt.failTimeoutS = Math.max(1, Math.round(nginxRt.failTimeoutS));
  nginxRt.maxFails = Math.round(nginxRt.maxFails);
  nginxRt.nextUpstreamTries = Math.round(nginxRt.nextUpstreamTries);
  nginxRt.nextUpstreamTimeoutS = Math.round(nginxRt.nextUpstreamTimeoutS);
  nginxRt.clientMaxBodyMb = Math.max(1, Math.round(nginxRt.clientMaxBodyMb));
  const nginxAddress = safeAddress(settings.nginxAddress) ?? NGINX_ADDRESS;
  return {
    appServers,
    lbMethod,
    hasNginx: Boolean(nginx),
    hasGunicorn: allGunicorns.length > 0,
    runserver: kinds.has('runserver'),
    cdn: kinds.has('cdn'),
    static: kinds.has('static'),
    media: kinds.has('media'),
    database: kinds.has('postgres') ? 'postgres' : kinds.has('sqlite') ? 'sqlite' : 'none',
    redis: kinds.has('redis'),
    proxyTimeoutS: nginxRt.readTimeoutS,
    nginx: nginxRt,
    nginxAddress,
    customAddresses: typed.some((a) => a !== undefined) || nginxAddress !== NGINX_ADDRESS,
  };
}

/** Gunicorn's --worker-class value for the canvas's worker class. */
export function gunicornWorkerClass(c: WorkerClass): string {
  return c === 'async' ? 'gevent' : c;
}

/**
 * A domain name safe to put in a config file: lower case letters, digits, dots and
 * hyphens only (anything else could break out of a directive); "example.com" otherwise.
 */
export function safeDomain(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (d.length > 0 && d.length <= 253 && d.split('.').every((l) => label.test(l))) return d;
  return 'example.com';
}

import { GUNICORN_RUNTIME, NGINX_RUNTIME } from './runtime';

/**
 * The catalog: every component kind the course names, with its defaults.
 * Text (name, role, what it does, why it is there, what breaks without it) lives in the
 * i18n files under `catalog.<kind>.*`; the core only holds the keys' stems.
 */

export const COMPONENT_KINDS = [
  'user',
  'cdn',
  'nginx',
  'runserver',
  'gunicorn',
  'django',
  'postgres',
  'sqlite',
  'redis',
  'static',
  'media',
  'server',
] as const;

export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** Palette groups: where a component sits on the request path. */
export type Tier = 'edge' | 'web' | 'app' | 'data' | 'ops';

/** Icon names; the UI maps each to an SVG (brand icons from simple-icons where one exists). */
export type IconName =
  | 'browser'
  | 'cdn'
  | 'nginx'
  | 'terminal'
  | 'gunicorn'
  | 'django'
  | 'postgresql'
  | 'sqlite'
  | 'redis'
  | 'static'
  | 'media'
  | 'server';

/**
 * Default capacity figures the simulation uses. Times are milliseconds of simulated time.
 * A field that does not apply to a kind is left out.
 */
export interface Capacity {
  /** Mean service time of one request at this component (CPU or I/O work it does itself). */
  serviceMs?: number;
  /** How many requests it works on at once (sync workers, connections, processes). */
  concurrency?: number;
  /** How many requests may wait for a free slot before new ones are refused. */
  backlog?: number;
  /** Cache hit ratio (CDN edge cache, Redis). */
  hitRatio?: number;
  /** Upstream timeout before the proxy answers 504. */
  timeoutMs?: number;
  /** CPU cores of a server box. */
  cores?: number;
  /** Memory of a server box, in MB. */
  memoryMb?: number;
  /** Memory one process of this kind uses, in MB. */
  memoryPerProcessMb?: number;
  /** Mean time per database query or cache lookup issued by the app. */
  queryMs?: number;
  /** Database queries (or cache lookups) per dynamic request. */
  queriesPerRequest?: number;
  /** Coefficient of variation of the service time (0 deterministic, 1 exponential; gamma between). */
  serviceCv?: number;
  /** Django: CPU part of the view's time, ms. */
  cpuMs?: number;
  /** Django: I/O-wait part of the view's time (uses no core), ms. */
  ioMs?: number;
}

export interface CatalogEntry {
  kind: ComponentKind;
  tier: Tier;
  icon: IconName;
  /** The port it listens on by default; undefined for things that do not listen. */
  port?: number;
  /** A command or file that names it in a real deployment (shown in the inspector). */
  command?: string;
  /** Whether it groups other components (the server box). */
  container?: boolean;
  /** Whether it stores data (a request can end here successfully). */
  dataStore?: boolean;
  capacity: Capacity;
}

export const CATALOG: Readonly<Record<ComponentKind, CatalogEntry>> = {
  user: {
    kind: 'user',
    tier: 'edge',
    icon: 'browser',
    capacity: {},
  },
  cdn: {
    kind: 'cdn',
    tier: 'edge',
    icon: 'cdn',
    port: 443,
    capacity: { serviceMs: 2, hitRatio: 0.9, concurrency: 10_000 },
  },
  nginx: {
    kind: 'nginx',
    tier: 'web',
    icon: 'nginx',
    port: 80,
    command: 'sudo systemctl status nginx',
    capacity: { serviceMs: 0.5, concurrency: 1024, timeoutMs: NGINX_RUNTIME.readTimeoutS * 1000 },
  },
  runserver: {
    kind: 'runserver',
    tier: 'app',
    icon: 'terminal',
    port: 8000,
    command: 'python manage.py runserver',
    // Threaded (a thread per connection, one process); Django's WSGIServer listens with a backlog of 10.
    capacity: { serviceMs: 2, backlog: 10, memoryPerProcessMb: 80, serviceCv: 0.3 },
  },
  gunicorn: {
    kind: 'gunicorn',
    tier: 'app',
    icon: 'gunicorn',
    port: 8000,
    command: 'gunicorn config.wsgi --workers 5',
    capacity: {
      serviceMs: 0.2,
      concurrency: 5,
      backlog: GUNICORN_RUNTIME.backlog,
      timeoutMs: GUNICORN_RUNTIME.timeoutS * 1000,
      memoryPerProcessMb: 120,
      serviceCv: 0.3,
    },
  },
  django: {
    kind: 'django',
    tier: 'app',
    icon: 'django',
    command: 'config/wsgi.py',
    // serviceMs = cpuMs + ioMs. serviceCv 0.3: measured on Gunicorn 20.1 + Django 3.2 (a view
    // sleeping 20 ms: CV 0.28 of Gunicorn's %(D)s; a 20 ms CPU loop: 0.50, on a shared 2-core box).
    capacity: { serviceMs: 20, cpuMs: 15, ioMs: 5, queryMs: 3, queriesPerRequest: 2, serviceCv: 0.3 },
  },
  postgres: {
    kind: 'postgres',
    tier: 'data',
    icon: 'postgresql',
    port: 5432,
    dataStore: true,
    command: 'sudo systemctl status postgresql',
    capacity: { serviceMs: 3, concurrency: 100, backlog: 1000 },
  },
  sqlite: {
    kind: 'sqlite',
    tier: 'data',
    icon: 'sqlite',
    dataStore: true,
    command: 'db.sqlite3',
    capacity: { serviceMs: 1, concurrency: 1, backlog: 100 },
  },
  redis: {
    kind: 'redis',
    tier: 'data',
    icon: 'redis',
    port: 6379,
    dataStore: true,
    command: 'redis-cli ping',
    capacity: { serviceMs: 0.3, concurrency: 10_000, hitRatio: 0.8 },
  },
  static: {
    kind: 'static',
    tier: 'data',
    icon: 'static',
    command: 'python manage.py collectstatic',
    dataStore: true,
    capacity: { serviceMs: 0.3 },
  },
  media: {
    kind: 'media',
    tier: 'data',
    icon: 'media',
    dataStore: true,
    capacity: { serviceMs: 2 },
  },
  server: {
    kind: 'server',
    tier: 'ops',
    icon: 'server',
    container: true,
    capacity: { cores: 2, memoryMb: 4096 },
  },
};

export function isComponentKind(value: unknown): value is ComponentKind {
  return typeof value === 'string' && (COMPONENT_KINDS as readonly string[]).includes(value);
}

/** Gunicorn's rule of thumb for sync workers. */
export function recommendedWorkers(cores: number): number {
  return 2 * cores + 1;
}

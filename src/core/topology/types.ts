import type { ComponentKind } from '../catalog/catalog';

export interface XY {
  x: number;
  y: number;
}

/** Per-node settings that override the catalog defaults. */
export interface NodeParams {
  /** Gunicorn workers. */
  workers?: number;
  /** Gunicorn worker class. */
  workerClass?: 'sync' | 'gthread' | 'async';
  /** Server box CPU cores. */
  cores?: number;
  /** Server box memory, MB. */
  memoryMb?: number;
  /** Cache hit ratio (CDN, Redis). */
  hitRatio?: number;
  /** Mean service time override, ms. */
  serviceMs?: number;
  /** Whether the component is running. */
  up?: boolean;
  /** Load-balancing weight of an upstream (app server). */
  weight?: number;
  /**
   * Spread of the service time: its coefficient of variation (standard deviation / mean).
   * 0 = always the mean (deterministic), 1 = exponential; in between a gamma distribution.
   */
  serviceCv?: number;
  /** Django: CPU time of the view per request, ms (shared with the box's other busy processes). */
  cpuMs?: number;
  /** Django: time the view waits on I/O per request (sleep, external API), ms; uses no core. */
  ioMs?: number;
  /** Django: time of one database query, ms (default: the database's own service time). */
  queryMs?: number;
  /** Django: database queries (or cache lookups) per dynamic request. */
  queriesPerRequest?: number;
  /** Django: `collectstatic` ran (default true); false → NGINX answers /static/ with 404. */
  staticCollected?: boolean;
  /** Django: DEBUG = True (default false): error pages leak the traceback and settings. */
  debug?: boolean;
  /** Django: the request's host is in ALLOWED_HOSTS (default true); false → 400 Bad Request. */
  hostAllowed?: boolean;
  /** Redis: Django's cache ignores connection errors (django-redis IGNORE_EXCEPTIONS; default false → 500). */
  ignoreExceptions?: boolean;
  /** Redis: Django's sessions are stored in it (lost when it goes down). */
  sessions?: boolean;
}

export interface TopoNode {
  id: string;
  kind: ComponentKind;
  /** Position; relative to the parent server box when parentId is set. */
  position: XY;
  /** The server box (a node of kind 'server') this process runs on. */
  parentId?: string;
  /** Size, for server boxes. */
  size?: { width: number; height: number };
  /** A user-given name; when absent the UI shows the catalog name. */
  label?: string;
  /** An i18n key for a scene-provided name (e.g. "App server 1"). */
  labelKey?: string;
  /** Values for the label key's placeholders (e.g. { n: 2 } for "App server {{n}}"). */
  labelArgs?: Record<string, string | number>;
  params?: NodeParams;
}

/** A connection in the direction a request travels (client → server). */
export interface TopoEdge {
  id: string;
  source: string;
  target: string;
}

export interface Topology {
  nodes: TopoNode[];
  edges: TopoEdge[];
}

export const SCENE_IDS = ['local', 'development', 'staging', 'production', 'realworld'] as const;
export type SceneId = (typeof SCENE_IDS)[number];

export function isSceneId(value: unknown): value is SceneId {
  return typeof value === 'string' && (SCENE_IDS as readonly string[]).includes(value);
}

/**
 * A scene is a preset architecture for one environment. Its text lives in the i18n files
 * under `scenes.<id>.*` (title, purpose, audience, changes from the previous scene).
 */
export interface Scene {
  id: SceneId;
  topology: Topology;
  /** Whether it is meant to face real users (production-like validation applies). */
  productionLike: boolean;
}

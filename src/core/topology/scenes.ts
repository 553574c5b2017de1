/**
 * Scenes: the preset architecture of each environment (Local → Development → Staging →
 * Production → Real world), as plain data.
 *
 * Layout: the request path runs left to right (x grows from the user towards the
 * databases). Nodes are NODE_WIDTH × NODE_HEIGHT; a server box (kind 'server') has a
 * `size` and its children's positions are relative to the box (React Flow parent-node
 * semantics). Boxes always come before their children in `nodes`, as React Flow requires.
 * Text for a scene lives in the i18n files under `scenes.<id>.*`; box names under
 * `scenes.labels.*`.
 */
import { recommendedWorkers, type ComponentKind } from '../catalog/catalog';
import type { NodeParams, Scene, SceneId, TopoEdge, TopoNode, Topology, XY } from './types';

/** Geometry the scenes are laid out with (pixels). The canvas should draw nodes this size. */
export const SCENE_LAYOUT = {
  nodeWidth: 210,
  nodeHeight: 80,
  /** Horizontal gap between columns (and between boxes). */
  gap: 56,
  /** Vertical gap between rows inside a box. */
  rowGap: 28,
  /** Vertical gap between stacked boxes. */
  boxGap: 36,
  /** Padding inside a server box, on every side. */
  boxPadding: 16,
  /** Height of a server box's label header, above the padding. */
  boxHeader: 44,
} as const;

const L = SCENE_LAYOUT;
const COLUMN = L.nodeWidth + L.gap;

/** Position of a child in column `col`, row `row` of a box (relative to the box). */
function cell(col: number, row: number): XY {
  return {
    x: L.boxPadding + col * COLUMN,
    y: L.boxHeader + L.boxPadding + row * (L.nodeHeight + L.rowGap),
  };
}

/** Size of a box holding `cols` × `rows` nodes. */
function boxSize(cols: number, rows: number): { width: number; height: number } {
  return {
    width: 2 * L.boxPadding + cols * L.nodeWidth + (cols - 1) * L.gap,
    height: L.boxHeader + 2 * L.boxPadding + rows * L.nodeHeight + (rows - 1) * L.rowGap,
  };
}

/** Top of a box's first row, relative to the box. */
const FIRST_ROW_Y = cell(0, 0).y;

function node(
  id: string,
  kind: ComponentKind,
  position: XY,
  extra: Partial<TopoNode> = {},
): TopoNode {
  return { id, kind, position, ...extra };
}

function box(
  id: string,
  labelKey: string,
  position: XY,
  cols: number,
  rows: number,
  params: NodeParams,
): TopoNode {
  return { id, kind: 'server', position, size: boxSize(cols, rows), labelKey, params };
}

function edge(source: string, target: string): TopoEdge {
  return { id: `${source}->${target}`, source, target };
}

/**
 * A single machine running runserver + Django + a database, with the user outside. Two by
 * two (runserver, Django / static files, database) so the scene is 16:9-shaped and a
 * projector can show it large.
 */
function runserverTopology(
  boxId: string,
  labelKey: string,
  db: 'sqlite' | 'postgres',
  params: NodeParams,
): Topology {
  const boxPos: XY = { x: COLUMN, y: 0 };
  return {
    nodes: [
      node('user', 'user', { x: 0, y: FIRST_ROW_Y }),
      box(boxId, labelKey, boxPos, 2, 2, params),
      node('runserver', 'runserver', cell(0, 0), { parentId: boxId }),
      node('django', 'django', cell(1, 0), { parentId: boxId }),
      node(db, db, cell(1, 1), { parentId: boxId }),
      node('static', 'static', cell(0, 1), { parentId: boxId }),
    ],
    edges: [
      edge('user', 'runserver'),
      edge('runserver', 'django'),
      edge('django', db),
      // With DEBUG on, runserver serves /static/ itself.
      edge('runserver', 'static'),
    ],
  };
}

interface ProductionOptions {
  appServers: number;
  cdn: boolean;
  web: NodeParams;
  app: NodeParams;
  db: NodeParams;
}

/**
 * user → (cdn →) nginx → appN-gunicorn → appN-django → postgres + redis; nginx → static + media.
 * Columns: user | cdn | web box (nginx, static, media) | app boxes (gunicorn above django) | db box.
 */
function productionTopology(o: ProductionOptions): Topology {
  const x0 = o.cdn ? COLUMN : 0;
  const webX = x0 + COLUMN;
  const appSize = boxSize(1, 2);
  const webSize = boxSize(1, 3);
  const appX = webX + webSize.width + L.gap;
  const dbX = appX + appSize.width + L.gap;
  // The "spine": the vertical middle of the app servers, where the user, NGINX and PostgreSQL line up.
  const appPitch = appSize.height + L.boxGap;
  const appColumnHeight = o.appServers * appPitch - L.boxGap;
  const spineTop = Math.max(FIRST_ROW_Y, Math.round(appColumnHeight / 2 - L.nodeHeight / 2));
  const boxY = spineTop - FIRST_ROW_Y;

  const nodes: TopoNode[] = [node('user', 'user', { x: 0, y: spineTop })];
  const edges: TopoEdge[] = [];
  if (o.cdn) {
    nodes.push(node('cdn', 'cdn', { x: COLUMN, y: spineTop }));
    edges.push(edge('user', 'cdn'), edge('cdn', 'nginx'));
  } else {
    edges.push(edge('user', 'nginx'));
  }

  nodes.push(
    box('web', 'scenes.labels.webServer', { x: webX, y: boxY }, 1, 3, o.web),
    node('nginx', 'nginx', cell(0, 0), { parentId: 'web' }),
    node('static', 'static', cell(0, 1), { parentId: 'web' }),
    node('media', 'media', cell(0, 2), { parentId: 'web' }),
  );
  edges.push(edge('nginx', 'static'), edge('nginx', 'media'));

  for (let i = 1; i <= o.appServers; i++) {
    const id = `app${i}`;
    nodes.push(
      {
        ...box(id, 'scenes.labels.appServer', { x: appX, y: (i - 1) * appPitch }, 1, 2, o.app),
        labelArgs: { n: i },
      },
      node(`${id}-gunicorn`, 'gunicorn', cell(0, 0), {
        parentId: id,
        params: { workers: recommendedWorkers(o.app.cores ?? 1), workerClass: 'sync' },
      }),
      node(`${id}-django`, 'django', cell(0, 1), { parentId: id }),
    );
    edges.push(
      edge('nginx', `${id}-gunicorn`),
      edge(`${id}-gunicorn`, `${id}-django`),
      edge(`${id}-django`, 'postgres'),
      edge(`${id}-django`, 'redis'),
    );
  }

  nodes.push(
    box('db', 'scenes.labels.dbServer', { x: dbX, y: boxY }, 1, 2, o.db),
    node('postgres', 'postgres', cell(0, 0), { parentId: 'db' }),
    node('redis', 'redis', cell(0, 1), { parentId: 'db' }),
  );
  return { nodes, edges };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The preset scenes. Deeply frozen: never mutate them; take a copy with getScene() or
 * cloneTopology() first.
 */
export const SCENES: Readonly<Record<SceneId, Scene>> = deepFreeze({
  local: {
    id: 'local',
    productionLike: false,
    topology: runserverTopology('laptop', 'scenes.labels.laptop', 'sqlite', {
      cores: 8,
      memoryMb: 16_384,
    }),
  },
  development: {
    id: 'development',
    productionLike: false,
    topology: runserverTopology('devserver', 'scenes.labels.devServer', 'postgres', {
      cores: 2,
      memoryMb: 4096,
    }),
  },
  staging: {
    id: 'staging',
    productionLike: true,
    topology: productionTopology({
      appServers: 1,
      cdn: false,
      web: { cores: 1, memoryMb: 1024 },
      app: { cores: 1, memoryMb: 2048 },
      db: { cores: 1, memoryMb: 2048 },
    }),
  },
  production: {
    id: 'production',
    productionLike: true,
    topology: productionTopology({
      appServers: 2,
      cdn: false,
      web: { cores: 2, memoryMb: 2048 },
      app: { cores: 2, memoryMb: 4096 },
      db: { cores: 4, memoryMb: 8192 },
    }),
  },
  realworld: {
    id: 'realworld',
    productionLike: true,
    topology: productionTopology({
      appServers: 2,
      cdn: true,
      web: { cores: 2, memoryMb: 2048 },
      app: { cores: 2, memoryMb: 4096 },
      db: { cores: 4, memoryMb: 8192 },
    }),
  },
});

/** A deep, mutable copy of a topology. */
export function cloneTopology(t: Topology): Topology {
  return structuredClone(t);
}

/** A fresh, mutable copy of a preset scene. */
export function getScene(id: SceneId): Scene {
  const scene = SCENES[id];
  return {
    id: scene.id,
    productionLike: scene.productionLike,
    topology: cloneTopology(scene.topology),
  };
}

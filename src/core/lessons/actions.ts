/**
 * What a lesson action does to a topology, as pure functions. The UI hands the results to
 * the document store (replaceTopology) and the simulation store (play/pause/setRps).
 */
import { CATALOG, type ComponentKind } from '../catalog/catalog';
import { SCENE_LAYOUT } from '../topology/scenes';
import type { NodeParams, TopoEdge, TopoNode, Topology } from '../topology/types';
import type { LessonAction, LessonParams } from './types';

const APP_BOX = /^app(\d+)$/;
export const MAX_APP_SERVERS = 6;

function appBoxes(t: Topology): { node: TopoNode; n: number }[] {
  const out: { node: TopoNode; n: number }[] = [];
  for (const node of t.nodes) {
    const m = APP_BOX.exec(node.id);
    if (m && node.kind === 'server') out.push({ node, n: Number(m[1]) });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** How many app servers (app1, app2, …) a topology runs. */
export function appServerCount(t: Topology): number {
  return appBoxes(t).length;
}

/**
 * The same architecture with `count` app servers behind NGINX. New servers copy the last
 * one (its box, Gunicorn and Django, their parameters and their edges) and stack below it;
 * removed servers take their processes and edges with them.
 */
export function withAppServers(t: Topology, count: number): Topology {
  const boxes = appBoxes(t);
  const last = boxes[boxes.length - 1];
  if (!last) throw new Error('this scene has no app server to copy');
  const want = Math.max(1, Math.min(MAX_APP_SERVERS, Math.round(count)));
  if (want === boxes.length) return t;

  if (want < boxes.length) {
    const gone = new Set<string>();
    for (const b of boxes.slice(want)) gone.add(b.node.id);
    for (const n of t.nodes) if (n.parentId && gone.has(n.parentId)) gone.add(n.id);
    return {
      nodes: t.nodes.filter((n) => !gone.has(n.id)),
      edges: t.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    };
  }

  const template = last.node;
  const children = t.nodes.filter((n) => n.parentId === template.id);
  const pitch = (template.size?.height ?? 0) + SCENE_LAYOUT.boxGap;
  const rename = (id: string, from: string, to: string) => (id.startsWith(`${from}-`) ? `${to}${id.slice(from.length)}` : id);
  const nodes = t.nodes.slice();
  const edges = t.edges.slice();
  for (let i = boxes.length + 1; i <= want; i++) {
    const id = `app${i}`;
    const steps = i - last.n;
    const box: TopoNode = {
      ...structuredClone(template),
      id,
      position: { x: template.position.x, y: template.position.y + steps * pitch },
      labelArgs: { ...template.labelArgs, n: i },
    };
    if (box.params) delete box.params.up;
    // Boxes come before their children (React Flow); the new box goes after the last app box's children.
    const insertAt = Math.max(...nodes.map((n, idx) => (n.id === `app${i - 1}` || n.parentId === `app${i - 1}` ? idx : -1))) + 1;
    const kids = children.map((c) => {
      const copy: TopoNode = { ...structuredClone(c), id: rename(c.id, template.id, id), parentId: id };
      if (copy.params) delete copy.params.up;
      return copy;
    });
    nodes.splice(insertAt, 0, box, ...kids);
    const mine = new Set([template.id, ...children.map((c) => c.id)]);
    for (const e of t.edges) {
      if (!mine.has(e.source) && !mine.has(e.target)) continue;
      const source = rename(e.source, template.id, id);
      const target = rename(e.target, template.id, id);
      const copy: TopoEdge = { id: `${source}->${target}`, source, target };
      if (!edges.some((x) => x.id === copy.id)) edges.push(copy);
    }
  }
  return { nodes, edges };
}

/** Which kinds each lesson parameter applies to. */
export const PARAM_KINDS: Readonly<Record<keyof LessonParams, readonly ComponentKind[]>> = {
  workers: ['gunicorn'],
  cores: ['server'],
  memoryMb: ['server'],
  hitRatio: ['cdn', 'redis'],
  serviceMs: ['nginx', 'runserver', 'gunicorn', 'django', 'postgres', 'sqlite', 'redis', 'cdn', 'static', 'media'],
  weight: ['server', 'gunicorn'],
  lbMethod: ['nginx'],
  workerClass: ['gunicorn'],
  cpuMs: ['django'],
  ioMs: ['django'],
  staticCollected: ['django'],
  debug: ['django'],
  hostAllowed: ['django'],
  timeoutS: ['gunicorn'],
  readTimeoutS: ['nginx'],
  ignoreExceptions: ['redis'],
  sessions: ['redis'],
};

/** Parameters that are switches (true / false) rather than numbers. */
export const BOOLEAN_PARAMS: readonly (keyof LessonParams)[] = [
  'staticCollected',
  'debug',
  'hostAllowed',
  'ignoreExceptions',
  'sessions',
];

/** Why an action cannot run on this topology, or null when it can. */
export function checkAction(t: Topology, action: LessonAction): string | null {
  switch (action.type) {
    case 'traffic':
      if (typeof action.play !== 'boolean') return 'traffic.play must be true or false';
      if (action.rps !== undefined && !(Number.isFinite(action.rps) && action.rps >= 0 && action.rps <= 2000))
        return 'traffic.rps must be between 0 and 2000';
      return null;
    case 'nodeUp': {
      if (typeof action.up !== 'boolean') return 'nodeUp.up must be true or false';
      const node = t.nodes.find((n) => n.id === action.node);
      if (!node) return `nodeUp: no node "${action.node}" in this scene`;
      if (node.kind === 'user') return 'nodeUp: the user cannot be stopped';
      return null;
    }
    case 'params': {
      const node = t.nodes.find((n) => n.id === action.node);
      if (!node) return `params: no node "${action.node}" in this scene`;
      const entries = Object.entries(action.params ?? {});
      if (entries.length === 0) return 'params: nothing to set';
      for (const [key, value] of entries) {
        const kinds = PARAM_KINDS[key as keyof LessonParams] as readonly ComponentKind[] | undefined;
        if (!kinds) return `params: unknown parameter "${key}"`;
        if (!kinds.includes(node.kind)) return `params: "${key}" does not apply to a ${node.kind} node`;
        if (key === 'lbMethod') {
          if (value !== 'round_robin' && value !== 'least_conn' && value !== 'ip_hash') return 'params: bad lbMethod';
        } else if (key === 'workerClass') {
          if (value !== 'sync' && value !== 'gthread' && value !== 'async') return 'params: bad workerClass';
        } else if (BOOLEAN_PARAMS.includes(key as keyof LessonParams)) {
          if (typeof value !== 'boolean') return `params: "${key}" must be true or false`;
        } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
          return `params: "${key}" must be a non-negative number`;
        } else if ((key === 'workers' || key === 'cores') && (!Number.isInteger(value) || value < 1 || value > 64)) {
          return `params: "${key}" must be a whole number from 1 to 64`;
        } else if (key === 'hitRatio' && value > 1) {
          return 'params: hitRatio is between 0 and 1';
        }
      }
      return null;
    }
    case 'appServers':
      if (!Number.isInteger(action.count) || action.count < 1 || action.count > MAX_APP_SERVERS)
        return `appServers: count must be 1 to ${MAX_APP_SERVERS}`;
      if (appServerCount(t) === 0) return 'appServers: this scene has no app servers';
      return null;
    case 'reset':
      return null;
    default:
      return `unknown action type "${(action as { type?: unknown }).type as string}"`;
  }
}

/** The topology after an action (traffic and reset are handled by the caller). */
export function applyToTopology(t: Topology, action: LessonAction, fresh: () => Topology): Topology {
  switch (action.type) {
    case 'nodeUp':
    case 'params': {
      const params: Partial<NodeParams> & LessonParams =
        action.type === 'nodeUp' ? { up: action.up } : { ...action.params };
      return {
        ...t,
        nodes: t.nodes.map((n) => (n.id === action.node ? { ...n, params: { ...n.params, ...params } } : n)),
      };
    }
    case 'appServers':
      return withAppServers(t, action.count);
    case 'reset':
      return fresh();
    default:
      return t;
  }
}

/** Whether a kind exists in the catalog (for validation messages). */
export function isKnownKind(kind: string): kind is ComponentKind {
  return kind in CATALOG;
}

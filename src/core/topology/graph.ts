/**
 * Pure helpers over a Topology: structural validation, traversal along the request
 * direction, and absolute positions of nodes inside server boxes.
 */
import { CATALOG, isComponentKind, type ComponentKind } from '../catalog/catalog';
import type { TopoNode, Topology, XY } from './types';

export type TopologyProblemCode =
  /** Two nodes share an id. */
  | 'duplicate-node-id'
  /** Two edges share an id. */
  | 'duplicate-edge-id'
  /** A node's kind is not in the catalog. */
  | 'unknown-kind'
  /** An edge's source or target is not a node. */
  | 'dangling-edge'
  /** An edge goes from a node to itself. */
  | 'self-loop'
  /** A node's parentId names no node. */
  | 'missing-parent'
  /** A node's parentId names a node that is not a server box. */
  | 'parent-not-server'
  /** Following parentId from a node comes back to it. */
  | 'parent-cycle';

export interface TopologyProblem {
  code: TopologyProblemCode;
  /** The node concerned (for node problems). */
  nodeId?: string;
  /** The edge concerned (for edge problems). */
  edgeId?: string;
  /** The id that is missing or wrong (an edge end, a parent id, a kind). */
  ref?: string;
}

/** Kinds that hold files rather than data a request queries. */
const FILE_STORES: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['static', 'media']);

/** Whether a kind is a database or cache a dynamic request queries (postgres, sqlite, redis). */
export function isDatabaseKind(kind: ComponentKind): boolean {
  return CATALOG[kind].dataStore === true && !FILE_STORES.has(kind);
}

/** Structural problems of a topology, in a stable order (nodes first, then edges). */
export function validateTopology(t: Topology): TopologyProblem[] {
  const problems: TopologyProblem[] = [];
  const byId = new Map<string, TopoNode>();
  for (const n of t.nodes) {
    if (byId.has(n.id)) problems.push({ code: 'duplicate-node-id', nodeId: n.id });
    else byId.set(n.id, n);
    if (!isComponentKind(n.kind))
      problems.push({ code: 'unknown-kind', nodeId: n.id, ref: String(n.kind) });
  }
  for (const n of t.nodes) {
    if (n.parentId === undefined) continue;
    const parent = byId.get(n.parentId);
    if (!parent) problems.push({ code: 'missing-parent', nodeId: n.id, ref: n.parentId });
    else if (parent.kind !== 'server')
      problems.push({ code: 'parent-not-server', nodeId: n.id, ref: n.parentId });
    else if (parentChainLoops(byId, n))
      problems.push({ code: 'parent-cycle', nodeId: n.id, ref: n.parentId });
  }
  const edgeIds = new Set<string>();
  for (const e of t.edges) {
    if (edgeIds.has(e.id)) problems.push({ code: 'duplicate-edge-id', edgeId: e.id });
    edgeIds.add(e.id);
    for (const end of [e.source, e.target]) {
      if (!byId.has(end)) problems.push({ code: 'dangling-edge', edgeId: e.id, ref: end });
    }
    if (e.source === e.target) problems.push({ code: 'self-loop', edgeId: e.id, nodeId: e.source });
  }
  return problems;
}

function parentChainLoops(byId: ReadonlyMap<string, TopoNode>, start: TopoNode): boolean {
  const seen = new Set<string>([start.id]);
  let current = start.parentId === undefined ? undefined : byId.get(start.parentId);
  while (current) {
    if (seen.has(current.id)) return true;
    seen.add(current.id);
    current = current.parentId === undefined ? undefined : byId.get(current.parentId);
  }
  return false;
}

/** Targets of the edges leaving `id`, in edge order, without repeats. */
export function successors(t: Topology, id: string): string[] {
  const out: string[] = [];
  for (const e of t.edges) {
    if (e.source === id && !out.includes(e.target)) out.push(e.target);
  }
  return out;
}

/** Each node's edge targets, in edge order (repeats kept), for walking the graph. */
export function adjacencyOf(t: Topology): Map<string, string[]> {
  const adjacency = new Map<string, string[]>();
  for (const e of t.edges) {
    const list = adjacency.get(e.source);
    if (list) list.push(e.target);
    else adjacency.set(e.source, [e.target]);
  }
  return adjacency;
}

/**
 * Every node reachable from `id` along one or more edges, in breadth-first order.
 * `id` itself is included only if a cycle leads back to it.
 */
export function reachableFrom(t: Topology, id: string): string[] {
  const adjacency = adjacencyOf(t);
  const seen = new Set<string>();
  const order: string[] = [];
  const queue: string[] = [id];
  for (let head = 0; head < queue.length; head++) {
    for (const next of adjacency.get(queue[head] as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
      queue.push(next);
    }
  }
  return order;
}

/**
 * Whether a request from some 'user' node can reach a database (postgres, sqlite or redis)
 * along the edges. Static and media files do not count: they are files, not a database.
 */
export function canReachDataStore(t: Topology): boolean {
  const kindOf = new Map(t.nodes.map((n) => [n.id, n.kind] as const));
  return t.nodes
    .filter((n) => n.kind === 'user')
    .some((u) =>
      reachableFrom(t, u.id).some((id) => {
        const kind = kindOf.get(id);
        return kind !== undefined && isComponentKind(kind) && isDatabaseKind(kind);
      }),
    );
}

/**
 * A node's position on the canvas: its own position plus those of the server boxes it
 * sits in. Undefined when the node does not exist. A missing parent or a parent cycle
 * stops the sum where it breaks.
 */
export function absolutePosition(t: Topology, nodeId: string): XY | undefined {
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  let current = byId.get(nodeId);
  if (!current) return undefined;
  const seen = new Set<string>();
  let x = 0;
  let y = 0;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    x += current.position.x;
    y += current.position.y;
    current = current.parentId === undefined ? undefined : byId.get(current.parentId);
  }
  return { x, y };
}

/**
 * Auto-layout with dagre (loaded only when someone presses Auto-layout). Two levels: the
 * processes inside each server box are stacked in one column in request order and the box
 * is resized to fit them; then the boxes and free nodes are laid out left to right along the request path.
 */
import { Graph, layout } from '@dagrejs/dagre';
import { SCENE_LAYOUT } from '../../core/topology/scenes';
import type { TopoNode, Topology } from '../../core/topology/types';

const L = SCENE_LAYOUT;
type Size = { width: number; height: number };

function sizeOf(n: TopoNode, measured: ReadonlyMap<string, Size>): Size {
  if (n.kind === 'server') return n.size ?? { width: 300, height: 200 };
  return measured.get(n.id) ?? { width: L.nodeWidth, height: L.nodeHeight };
}

function run(
  ids: readonly string[],
  sizes: ReadonlyMap<string, Size>,
  edges: readonly [string, string][],
  rankdir: 'LR',
): Map<string, { x: number; y: number }> {
  const g = new Graph();
  g.setGraph({ rankdir, nodesep: L.boxGap, ranksep: L.gap, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) {
    const s = sizes.get(id) ?? { width: L.nodeWidth, height: L.nodeHeight };
    g.setNode(id, { width: s.width, height: s.height });
  }
  for (const [a, b] of edges) if (a !== b && g.hasNode(a) && g.hasNode(b)) g.setEdge(a, b);
  layout(g);
  const out = new Map<string, { x: number; y: number }>();
  let minX = Infinity;
  let minY = Infinity;
  for (const id of ids) {
    const n = g.node(id);
    const s = sizes.get(id) ?? { width: L.nodeWidth, height: L.nodeHeight };
    const p = { x: Math.round((n.x ?? 0) - s.width / 2), y: Math.round((n.y ?? 0) - s.height / 2) };
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    out.set(id, p);
  }
  for (const [id, p] of out) out.set(id, { x: p.x - minX, y: p.y - minY });
  return out;
}

export function layoutTopology(t: Topology, measured: ReadonlyMap<string, Size>): Topology {
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  const topOf = (id: string): string => {
    let current = byId.get(id);
    const seen = new Set<string>();
    while (current?.parentId !== undefined && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId);
    }
    return current?.id ?? id;
  };
  const placed = new Map<string, TopoNode>();

  // 1. Inside each box: top to bottom, then size the box around its contents.
  const sizes = new Map<string, Size>();
  for (const box of t.nodes.filter((n) => n.kind === 'server')) {
    const children = t.nodes.filter((n) => n.parentId === box.id);
    if (children.length === 0) {
      sizes.set(box.id, sizeOf(box, measured));
      continue;
    }
    // One column, in request order (NGINX above the files it serves, Gunicorn above Django).
    const ids = new Set(children.map((c) => c.id));
    const inner = t.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const indegree = new Map<string, number>(children.map((c) => [c.id, 0]));
    for (const e of inner) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    const order: TopoNode[] = [];
    const queue = children.filter((c) => indegree.get(c.id) === 0);
    while (order.length < children.length) {
      const next = queue.shift() ?? children.find((c) => !order.includes(c));
      if (!next) break;
      if (order.includes(next)) continue;
      order.push(next);
      for (const e of inner)
        if (e.source === next.id) {
          const d = (indegree.get(e.target) ?? 1) - 1;
          indegree.set(e.target, d);
          const target = children.find((c) => c.id === e.target);
          if (d === 0 && target) queue.push(target);
        }
    }
    let width = 0;
    let y = L.boxHeader + L.boxPadding;
    for (const c of order) {
      const size = sizeOf(c, measured);
      width = Math.max(width, size.width);
      placed.set(c.id, { ...c, position: { x: L.boxPadding, y } });
      y += size.height + L.rowGap;
    }
    const height = y - L.rowGap - L.boxHeader - L.boxPadding;
    const size = {
      width: width + 2 * L.boxPadding,
      height: height + L.boxHeader + 2 * L.boxPadding,
    };
    sizes.set(box.id, size);
    placed.set(box.id, { ...box, size });
  }

  // 2. The top level: left to right, edges lifted to the boxes their ends run on.
  const top = t.nodes.filter((n) => n.parentId === undefined || !byId.has(n.parentId));
  for (const n of top) if (!sizes.has(n.id)) sizes.set(n.id, sizeOf(n, measured));
  const lifted = t.edges.map((e) => [topOf(e.source), topOf(e.target)] as [string, string]);
  const pos = run(
    top.map((n) => n.id),
    sizes,
    lifted,
    'LR',
  );
  for (const n of top) {
    const base = placed.get(n.id) ?? n;
    placed.set(n.id, { ...base, position: pos.get(n.id) ?? n.position });
  }

  return { nodes: t.nodes.map((n) => placed.get(n.id) ?? n), edges: t.edges };
}

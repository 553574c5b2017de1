/**
 * The diagram's geometry in diagram units, shared by React Flow's canvas (the presenter camera,
 * usePresenterFit.ts) and the static first view (staticGeometry.ts): no React, no React Flow,
 * so the page's first script can use it.
 */
import type { Topology } from '../../core/topology/types';
import { SCENE_LAYOUT } from '../../core/topology/scenes';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A component's card (styles.css `.pv-node`). */
export const CARD = { width: SCENE_LAYOUT.nodeWidth, height: SCENE_LAYOUT.nodeHeight } as const;
/** A server box with no size of its own, as React Flow draws it (flowModel.ts). */
export const SERVER_BOX = { width: 300, height: 200 } as const;

/** Each node's box in diagram coordinates (children of a server box are relative to it). */
export function nodeRects(topology: Topology): Map<string, Rect> {
  const byId = new Map(topology.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, Rect>();
  const absolute = (id: string, depth = 0): { x: number; y: number } => {
    const n = byId.get(id);
    if (!n || depth > 8) return { x: 0, y: 0 };
    if (!n.parentId) return n.position;
    const p = absolute(n.parentId, depth + 1);
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  for (const n of topology.nodes) {
    const { x, y } = absolute(n.id);
    const size = n.size ?? (n.kind === 'server' ? SERVER_BOX : CARD);
    const { width, height } = size;
    out.set(n.id, { x, y, width, height });
  }
  return out;
}

export function union(rects: Iterable<Rect>): Rect | null {
  let l = Infinity,
    t = Infinity,
    r = -Infinity,
    b = -Infinity;
  for (const q of rects) {
    l = Math.min(l, q.x);
    t = Math.min(t, q.y);
    r = Math.max(r, q.x + q.width);
    b = Math.max(b, q.y + q.height);
  }
  return r > l ? { x: l, y: t, width: r - l, height: b - t } : null;
}

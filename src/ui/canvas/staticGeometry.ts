/**
 * Where React Flow will put every node and edge of a topology, worked out without React Flow:
 * the geometry of the static first view (StaticDiagram.tsx), which is drawn at load in React
 * Flow's place and must not move when React Flow takes over.
 *
 * The sizes are what React Flow would measure: component cards are 210 × 80 (styles.css
 * `.pv-node`), server boxes their size; a handle sits centred on its side of the card's padding
 * box (a 7 px tier border on the left, 2 px elsewhere). The edges follow React Flow's documented
 * shapes: its default bezier, and its smooth step (20 px out, 5 px corners) for the edges that
 * go round a column on the left (flowModel.ts `handlesFor`); the frame is its `fitView`.
 * `@xyflow/system` has these functions but cannot be imported alone: it brings d3 into the
 * page's first script (+40 KB gzipped). e2e/static-view.spec.ts compares every node, edge and
 * the frame with React Flow's once it has taken over.
 */
import type { TopoNode, Topology } from '../../core/topology/types';
import { toFlowEdges } from './flowModel';
import { CARD, nodeRects, union, type Rect, type Viewport } from './geometry';

/** The `fitView` React Flow is given (Canvas.tsx): padding 0.12, zoom 0.2–2.5. */
export const FIT = { padding: 0.12, minZoom: 0.2, maxZoom: 2.5 } as const;
/** The card's padding box: inside the 7 px tier border on the left and 2 px elsewhere. */
const PAD = { left: 7, top: 2, right: CARD.width - 2, bottom: CARD.height - 2 };

export interface StaticNode {
  id: string;
  node: TopoNode;
  /** Absolute position (a child's includes its box's). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StaticEdge {
  id: string;
  source: string;
  target: string;
  /** The label React Flow gives it (`NGINX → Gunicorn`). */
  label: string;
  smooth: boolean;
  d: string;
}

type Side = 'left' | 'right' | 'top' | 'bottom';
/** Half a connection handle (16 px): where an edge meets it, on its outer side. */
const HANDLE = 8;

/** Where an edge leaves or enters a card, for each handle id the diagram's edges use. */
function handlePoint(n: StaticNode, handle: string): { x: number; y: number; side: Side } {
  const midX = n.x + (PAD.left + PAD.right) / 2;
  const midY = n.y + (PAD.top + PAD.bottom) / 2;
  switch (handle) {
    case 'r':
      return { x: n.x + PAD.right + HANDLE, y: midY, side: 'right' };
    case 'b':
      return { x: midX, y: n.y + PAD.bottom + HANDLE, side: 'bottom' };
    case 't':
      return { x: midX, y: n.y + PAD.top - HANDLE, side: 'top' };
    case 'sl':
      // The side handle sits at 78 % of the padding box's height (ComponentNode.tsx).
      return {
        x: n.x + PAD.left - HANDLE,
        y: n.y + PAD.top + 0.78 * (PAD.bottom - PAD.top),
        side: 'left',
      };
    default:
      return { x: n.x + PAD.left - HANDLE, y: midY, side: 'left' };
  }
}

export function staticNodes(topology: Topology): StaticNode[] {
  const rects = nodeRects(topology);
  return topology.nodes.map((node) => ({ id: node.id, node, ...rects.get(node.id)! }));
}

export function staticEdges(
  topology: Topology,
  nodes: readonly StaticNode[],
  names: ReadonlyMap<string, string>,
): StaticEdge[] {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const out: StaticEdge[] = [];
  for (const e of toFlowEdges(topology, names)) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b || a.node.kind === 'server' || b.node.kind === 'server') continue;
    const s = handlePoint(a, e.sourceHandle ?? 'r');
    const t = handlePoint(b, e.targetHandle ?? 'l');
    const smooth = e.type === 'smoothstep';
    const d = smooth ? roundLeft(s, t) : bezier(s, t);
    out.push({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.ariaLabel ?? e.id,
      smooth,
      d,
    });
  }
  return out;
}

const OUT: Record<Side, { x: number; y: number }> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
};

/**
 * React Flow's default edge: a cubic bezier whose control points leave each end along its
 * handle's side, by half the distance still to go that way, or — when the other end lies
 * behind — by 0.25 × 25 × √(distance behind).
 */
function bezier(s: { x: number; y: number; side: Side }, t: { x: number; y: number; side: Side }) {
  const control = (p: typeof s, q: typeof s) => {
    const o = OUT[p.side];
    const ahead = o.x !== 0 ? (q.x - p.x) * o.x : (q.y - p.y) * o.y;
    const reach = ahead >= 0 ? 0.5 * ahead : 0.25 * 25 * Math.sqrt(-ahead);
    return { x: p.x + o.x * reach, y: p.y + o.y * reach };
  };
  const a = control(s, t);
  const b = control(t, s);
  return `M${s.x},${s.y} C${a.x},${a.y} ${b.x},${b.y} ${t.x},${t.y}`;
}

/**
 * React Flow's smooth step between two left handles, the target below: out 20 px to the left
 * of the further-left end, down, and back in, with 5 px rounded corners.
 */
function roundLeft(s: { x: number; y: number }, t: { x: number; y: number }) {
  const x = Math.min(s.x, t.x) - 20;
  const r = 5;
  return (
    `M${s.x} ${s.y}L ${x + r},${s.y}Q ${x},${s.y} ${x},${s.y + r}` +
    `L ${x},${t.y - r}Q ${x},${t.y} ${x + r},${t.y}L${t.x} ${t.y}`
  );
}

/** The rectangle every node covers, as React Flow's `fitView` frames it. */
export function boundsOf(nodes: readonly StaticNode[]): Rect {
  return union(nodes) ?? { x: 0, y: 0, width: 0, height: 0 };
}

/**
 * The viewport React Flow's `fitView` gives a pane of this size: the bounds centred at the
 * largest zoom (within 0.2–2.5) that leaves a padding of ⌊(side − side / 1.12) / 2⌋ px each
 * side — and nudged, as React Flow nudges it, where rounding left a side short of it.
 */
export function fitViewportOf(bounds: Rect, width: number, height: number): Viewport {
  const pad = (side: number) => Math.floor((side - side / (1 + FIT.padding)) * 0.5);
  const px = pad(width);
  const py = pad(height);
  const fit = Math.min((width - 2 * px) / bounds.width, (height - 2 * py) / bounds.height);
  const zoom = Math.min(FIT.maxZoom, Math.max(FIT.minZoom, fit));
  const x = width / 2 - (bounds.x + bounds.width / 2) * zoom;
  const y = height / 2 - (bounds.y + bounds.height / 2) * zoom;
  const short = (applied: number, wanted: number) => Math.min(Math.floor(applied) - wanted, 0);
  const left = short(bounds.x * zoom + x, px);
  const top = short(bounds.y * zoom + y, py);
  const right = short(width - ((bounds.x + bounds.width) * zoom + x), px);
  const bottom = short(height - ((bounds.y + bounds.height) * zoom + y), py);
  return { x: x - left + right, y: y - top + bottom, zoom };
}

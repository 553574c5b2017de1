/**
 * Server boxes as containers: which box a component sits in follows where it was put down
 * (dropped in → child of the box; dragged out → on its own), a box grows to fit what it holds,
 * and new components are placed where they do not cover another one. Pure functions of the
 * topology; the engine reads membership from `parentId`, so moving a component into a box
 * is what makes it run on that machine.
 */
import { SCENE_LAYOUT } from './scenes';
import type { TopoNode, Topology, XY } from './types';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size a new server box gets. */
export const NEW_BOX_SIZE = { width: 242, height: 264 } as const;
/** Size a box has when the document does not say. */
const DEFAULT_BOX = { width: 300, height: 200 } as const;
/** Space kept between components placed automatically. */
const SPACING = 24;

export function nodeSize(n: TopoNode): { width: number; height: number } {
  if (n.kind === 'server') return n.size ?? DEFAULT_BOX;
  return { width: SCENE_LAYOUT.nodeWidth, height: SCENE_LAYOUT.nodeHeight };
}

/** Absolute positions of every node (boxes hold their children's positions relative to them). */
export function absolutePositions(t: Topology): Map<string, XY> {
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  const out = new Map<string, XY>();
  const resolve = (n: TopoNode, depth: number): XY => {
    const known = out.get(n.id);
    if (known) return known;
    const parent = n.parentId === undefined ? undefined : byId.get(n.parentId);
    const base = parent && depth < 8 ? resolve(parent, depth + 1) : { x: 0, y: 0 };
    const p = { x: base.x + n.position.x, y: base.y + n.position.y };
    out.set(n.id, p);
    return p;
  };
  for (const n of t.nodes) resolve(n, 0);
  return out;
}

export function rectOf(n: TopoNode, abs: ReadonlyMap<string, XY>): Rect {
  const p = abs.get(n.id) ?? n.position;
  return { x: p.x, y: p.y, ...nodeSize(n) };
}

export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return (
    a.x < b.x + b.width + margin &&
    b.x < a.x + a.width + margin &&
    a.y < b.y + b.height + margin &&
    b.y < a.y + a.height + margin
  );
}

function contains(r: Rect, p: XY): boolean {
  return p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
}

/** The server box under an absolute point (the last drawn, i.e. topmost, wins), if any. */
export function boxAtPoint(t: Topology, point: XY, exclude?: string): string | undefined {
  const abs = absolutePositions(t);
  let found: string | undefined;
  for (const n of t.nodes) {
    if (n.kind !== 'server' || n.id === exclude) continue;
    if (contains(rectOf(n, abs), point)) found = n.id;
  }
  return found;
}

/** Server boxes first, so a parent always comes before its children (React Flow needs it). */
function boxesFirst(nodes: TopoNode[]): TopoNode[] {
  return [...nodes.filter((n) => n.kind === 'server'), ...nodes.filter((n) => n.kind !== 'server')];
}

/**
 * Grows (never shrinks) every box so its children fit inside with the layout's padding,
 * below the header. A child that pokes out on the left or top moves the box's edge out, and
 * the children are shifted so nothing moves on screen.
 */
export function fitBoxes(t: Topology): Topology {
  const pad = SCENE_LAYOUT.boxPadding;
  const top = SCENE_LAYOUT.boxHeader;
  let nodes = t.nodes;
  let changed = false;
  for (const box of t.nodes) {
    if (box.kind !== 'server') continue;
    const children = nodes.filter((n) => n.parentId === box.id);
    if (children.length === 0) continue;
    const size = nodeSize(box);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const c of children) {
      const s = nodeSize(c);
      minX = Math.min(minX, c.position.x);
      minY = Math.min(minY, c.position.y);
      maxX = Math.max(maxX, c.position.x + s.width);
      maxY = Math.max(maxY, c.position.y + s.height);
    }
    const shiftX = minX < pad ? pad - minX : 0;
    const shiftY = minY < top ? top - minY : 0;
    const width = Math.max(size.width + shiftX, maxX + shiftX + pad);
    const height = Math.max(size.height + shiftY, maxY + shiftY + pad);
    if (shiftX === 0 && shiftY === 0 && width === size.width && height === size.height) continue;
    changed = true;
    nodes = nodes.map((n) => {
      if (n.id === box.id)
        return {
          ...n,
          position: { x: n.position.x - shiftX, y: n.position.y - shiftY },
          size: { width, height },
        };
      if (n.parentId === box.id && (shiftX !== 0 || shiftY !== 0))
        return { ...n, position: { x: n.position.x + shiftX, y: n.position.y + shiftY } };
      return n;
    });
  }
  return changed ? { ...t, nodes } : t;
}

/**
 * Applies the end of a drag: the new positions (relative to each node's current box, as the
 * canvas reports them), then membership: a component whose middle lands in a box becomes
 * that box's child, one dragged out of its box stands on its own. Boxes grow to fit.
 */
export function dropNodes(t: Topology, moves: readonly { id: string; position: XY }[]): Topology {
  if (moves.length === 0) return t;
  const moved = new Map(moves.map((m) => [m.id, m.position] as const));
  let nodes = t.nodes.map((n) => {
    const p = moved.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
  });
  let next: Topology = { ...t, nodes };
  const abs = absolutePositions(next);
  let reparented = false;
  nodes = nodes.map((n) => {
    if (!moved.has(n.id) || n.kind === 'server') return n;
    // A component moved together with its own box stays in it.
    if (n.parentId !== undefined && moved.has(n.parentId)) return n;
    const p = abs.get(n.id) ?? n.position;
    const s = nodeSize(n);
    const box = boxAtPoint(next, { x: p.x + s.width / 2, y: p.y + s.height / 2 });
    if (box === n.parentId) return n;
    reparented = true;
    const origin = box === undefined ? { x: 0, y: 0 } : (abs.get(box) ?? { x: 0, y: 0 });
    const out: TopoNode = { ...n, position: { x: p.x - origin.x, y: p.y - origin.y } };
    if (box === undefined) delete out.parentId;
    else out.parentId = box;
    return out;
  });
  next = { ...next, nodes: reparented ? boxesFirst(nodes) : nodes };
  const fitted = fitBoxes(next);
  const same =
    fitted.nodes.length === t.nodes.length && fitted.nodes.every((n, i) => n === t.nodes[i]);
  return same ? t : fitted;
}

/** Sets a box's rectangle (absolute position and size) after a resize; it still fits its children. */
export function resizeBox(t: Topology, id: string, rect: Rect): Topology {
  const box = t.nodes.find((n) => n.id === id);
  if (!box || box.kind !== 'server') return t;
  const dx = Math.round(rect.x) - box.position.x;
  const dy = Math.round(rect.y) - box.position.y;
  const nodes = t.nodes.map((n) => {
    if (n.id === id)
      return {
        ...n,
        position: { x: Math.round(rect.x), y: Math.round(rect.y) },
        size: { width: Math.round(rect.width), height: Math.round(rect.height) },
      };
    // Children keep their place on screen while the box's top-left corner moves.
    if (n.parentId === id && (dx !== 0 || dy !== 0))
      return { ...n, position: { x: n.position.x - dx, y: n.position.y - dy } };
    return n;
  });
  return fitBoxes({ ...t, nodes });
}

/**
 * Where a new node of this size can go near `wanted` (absolute top-left) without covering
 * another one: `wanted` itself when free, else the nearest free spot on a grid of offsets
 * (inside a box only to the right and below, so the box grows that way). `avoid`: more
 * rectangles it must not cover (what floats over the canvas: the minimap, the legend).
 */
export function freeSpot(
  t: Topology,
  size: { width: number; height: number },
  wanted: XY,
  options: { isBox: boolean; inBox: boolean; avoid?: readonly Rect[] },
): XY {
  const abs = absolutePositions(t);
  const others = t.nodes
    .filter((n) => (options.isBox ? n.kind === 'server' || n.parentId === undefined : n.kind !== 'server'))
    .map((n) => rectOf(n, abs));
  const avoid = options.avoid ?? [];
  const free = (p: XY) =>
    !others.some((r) => overlaps({ ...p, ...size }, r, SPACING / 2)) &&
    !avoid.some((r) => overlaps({ ...p, ...size }, r));
  if (free(wanted)) return wanted;
  const stepX = size.width + SPACING;
  const stepY = size.height + SPACING;
  const candidates: XY[] = [];
  for (let r = 1; r <= 8; r++) {
    for (let i = -r; i <= r; i++) {
      for (let j = -r; j <= r; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== r) continue;
        if (options.inBox && (i < 0 || j < 0)) continue;
        candidates.push({ x: wanted.x + i * stepX, y: wanted.y + j * stepY });
      }
    }
  }
  candidates.sort(
    (a, b) =>
      Math.hypot(a.x - wanted.x, a.y - wanted.y) - Math.hypot(b.x - wanted.x, b.y - wanted.y),
  );
  return candidates.find(free) ?? wanted;
}

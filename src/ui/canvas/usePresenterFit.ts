/**
 * Presenter mode's camera: where it points (pure geometry, unit-tested) and the hook that
 * points it whenever the step, the diagram or the stage changes.
 *
 * The back row needs node names of at least 20 px on a 1280×720 projector, so the zoom never
 * drops below MIN_ZOOM (node names are 20 px in presenter mode, so 1.15 renders them at 23 px).
 * When the whole diagram fits at that zoom it is shown whole; otherwise the camera frames what
 * the step is about — the highlighted nodes and their neighbours, or the highlighted nodes
 * alone when that is still too wide — like tldraw's zoom-to-selection.
 */
import { useEffect } from 'react';
import { useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useClassroomStore } from '../../state/classroomStore';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { useStill } from '../motion';
import { useCardStore, type ScreenRect } from '../classroom/cardStore';
import type { Topology } from '../../core/topology/types';
import { nodeRects, union, type Rect, type Viewport } from './geometry';

export const MIN_ZOOM = 1.15;
export const MAX_ZOOM = 1.6;
/** Room around the framed nodes, in diagram units (outlines and port badges stick out). */
const PAD = 16;

/**
 * The highlighted nodes' ids plus every node one connection away. A highlighted server box
 * counts with what runs inside it (connections join components, not boxes).
 */
export function withNeighbours(topology: Topology, ids: readonly string[]): string[] {
  const inner = new Set(ids);
  for (const n of topology.nodes) if (n.parentId && inner.has(n.parentId)) inner.add(n.id);
  const set = new Set(inner);
  for (const e of topology.edges) {
    if (inner.has(e.source)) set.add(e.target);
    if (inner.has(e.target)) set.add(e.source);
  }
  return [...set];
}

const fitZoom = (r: Rect, w: number, h: number) => Math.min(w / (r.width + 2 * PAD), h / (r.height + 2 * PAD));

/** Centre on `c` but show no empty band beyond the diagram where the diagram is wider than the view. */
function clampCentre(c: number, lo: number, hi: number, span: number): number {
  if (hi - lo + 2 * PAD <= span) return (lo + hi) / 2;
  return Math.min(Math.max(c, lo - PAD + span / 2), hi + PAD - span / 2);
}

/**
 * The viewport for a stage of `width` × `height` pixels showing `topology` with `highlight`
 * as the step's subject.
 */
export function presenterViewport(
  topology: Topology,
  highlight: readonly string[],
  width: number,
  height: number,
): Viewport | null {
  if (width <= 0 || height <= 0) return null;
  const rects = nodeRects(topology);
  const all = union(rects.values());
  if (!all) return null;
  const pick = (ids: readonly string[]) => union(ids.flatMap((id) => (rects.has(id) ? [rects.get(id)!] : [])));
  const hl = pick(highlight.filter((id) => rects.has(id)));
  const near = hl ? pick(withNeighbours(topology, highlight)) : null;

  let zoom: number;
  let focus: Rect;
  const zAll = fitZoom(all, width, height);
  if (zAll >= MIN_ZOOM || !hl) {
    focus = all;
    zoom = zAll;
  } else if (near && fitZoom(near, width, height) >= MIN_ZOOM) {
    focus = near;
    zoom = fitZoom(near, width, height);
  } else {
    // Even the neighbourhood is too wide: keep the highlighted nodes in the middle, with as
    // much of their neighbourhood around them as a readable zoom allows.
    focus = hl;
    zoom = MIN_ZOOM;
  }
  zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  const cx = clampCentre(focus.x + focus.width / 2, all.x, all.x + all.width, width / zoom);
  const cy = clampCentre(focus.y + focus.height / 2, all.y, all.y + all.height, height / zoom);
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}

/**
 * Presenting: frames the step's subject at a readable zoom when presenter mode starts, the
 * step's highlight changes, the diagram changes (a server added) or the stage is resized.
 * Call it inside the ReactFlow provider.
 */
export function usePresenterFit() {
  const flow = useReactFlow();
  const presenting = useUiStore((s) => s.presenting);
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const highlight = useClassroomStore((s) => s.highlight);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const initialised = useNodesInitialized();
  const still = useStill();
  useEffect(() => {
    if (!presenting) return;
    const id = requestAnimationFrame(() => {
      const vp = presenterViewport(topology, highlight, width, height);
      if (vp) void flow.setViewport(vp, { duration: still ? 0 : 350 });
    });
    return () => cancelAnimationFrame(id);
  }, [presenting, topology, highlight, width, height, initialised, flow, still]);
}

/**
 * The viewport that shows `target` (diagram units) as large as it fits (between `minZoom` and
 * `maxZoom`) inside `region` (pixels, relative to the pane).
 */
export function fitInto(target: Rect, region: Rect, minZoom: number, maxZoom: number): Viewport {
  const zoom = Math.min(maxZoom, Math.max(minZoom, fitZoom(target, region.width, region.height)));
  const cx = target.x + target.width / 2;
  const cy = target.y + target.height / 2;
  return { x: region.x + region.width / 2 - cx * zoom, y: region.y + region.height / 2 - cy * zoom, zoom };
}

/** The pane's free rectangles beside a card (right of, left of, above, below it), in pane pixels. */
export function freeRegions(pane: { width: number; height: number }, card: ScreenRect, gap = 12): Rect[] {
  const out: Rect[] = [
    { x: card.right + gap, y: 0, width: pane.width - card.right - gap, height: pane.height },
    { x: 0, y: 0, width: card.left - gap, height: pane.height },
    { x: 0, y: 0, width: pane.width, height: card.top - gap },
    { x: 0, y: card.bottom + gap, width: pane.width, height: pane.height - card.bottom - gap },
  ];
  return out.filter((r) => r.width > 80 && r.height > 60);
}

/**
 * Outside presenter mode: when the lesson card has no free corner, move the camera so the
 * step's highlighted nodes sit beside the card (the largest zoom any free side allows).
 */
export function useLessonCardRefit() {
  const flow = useReactFlow();
  const avoid = useCardStore((s) => s.avoid);
  const presenting = useUiStore((s) => s.presenting);
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const dom = useStore((s) => s.domNode);
  // Again once the nodes are measured, a frame later: a new environment's `fitView` (Canvas)
  // waits for its nodes and would otherwise land after this framing and undo it (the card then
  // covered a step's node after the lesson switched environment: 1 run in 6 on a busy machine).
  const initialised = useNodesInitialized();
  useEffect(() => {
    if (presenting || !avoid || !dom) return;
    const pane = dom.getBoundingClientRect();
    const rects = nodeRects(topology);
    const target = union(avoid.ids.flatMap((id) => (rects.has(id) ? [rects.get(id)!] : [])));
    if (!target) return;
    const card = {
      left: avoid.rect.left - pane.left,
      right: avoid.rect.right - pane.left,
      top: avoid.rect.top - pane.top,
      bottom: avoid.rect.bottom - pane.top,
    };
    let best: Viewport | null = null;
    for (const region of freeRegions(pane, card)) {
      const vp = fitInto(target, region, 0.3, 1.2);
      if (!best || vp.zoom > best.zoom) best = vp;
    }
    if (!best) return;
    const framing = best;
    const id = requestAnimationFrame(() => void flow.setViewport(framing));
    return () => cancelAnimationFrame(id);
  }, [avoid, presenting, topology, dom, flow, initialised]);
}

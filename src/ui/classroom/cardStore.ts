import { create } from 'zustand';

export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * When the lesson card finds no corner of the canvas that leaves the step's highlighted nodes
 * uncovered, it asks the canvas camera (usePresenterFit) to refit them around it: `avoid` is
 * the card's box on screen, `ids` the nodes to keep clear of it. Small and eager.
 */
export const useCardStore = create<{
  avoid: { rect: ScreenRect; ids: string[] } | null;
  setAvoid: (avoid: { rect: ScreenRect; ids: string[] } | null) => void;
}>((set) => ({ avoid: null, setAvoid: (avoid) => set({ avoid }) }));

export function intersects(a: ScreenRect, b: ScreenRect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

/**
 * Where the card goes: the first corner of the canvas (bottom-left, bottom-right, top-right,
 * top-left) where a card of this size covers none of `targets`, or null when every corner does.
 */
export function pickCorner(
  canvas: ScreenRect,
  card: { width: number; height: number },
  targets: readonly ScreenRect[],
  margin = 12,
): { left: number; top: number } | null {
  const xs = { l: canvas.left + margin, r: canvas.right - margin - card.width };
  const ys = { t: canvas.top + margin, b: canvas.bottom - margin - card.height };
  const corners = [
    { left: xs.l, top: ys.b },
    { left: xs.r, top: ys.b },
    { left: xs.r, top: ys.t },
    { left: xs.l, top: ys.t },
  ];
  for (const c of corners) {
    const box = { left: c.left, top: c.top, right: c.left + card.width, bottom: c.top + card.height };
    if (!targets.some((t) => intersects(box, t))) return c;
  }
  return null;
}

/**
 * Where a component dragged from the palette lands on screen. The canvas has floating panels
 * in its corners (the minimap, the zoom buttons, the packet legend): a component dropped on
 * one of them would lie underneath it, where it can be neither seen nor grabbed. The drop is
 * moved the shortest way to a spot inside the canvas and clear of every panel.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Screen pixels kept between a dropped component and a panel or the canvas's edge. */
export const DROP_MARGIN = 8;

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

function inside(a: Rect, b: Rect): boolean {
  return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
}

/**
 * The screen point to centre a component of `size` (screen pixels) on, given the pointer
 * `at`, the canvas `bounds` and the `panels` floating over it. The pointer itself when the
 * component fits there.
 */
export function clearDropPoint(
  at: { x: number; y: number },
  size: { width: number; height: number },
  bounds: Rect,
  panels: readonly Rect[],
  margin = DROP_MARGIN,
): { x: number; y: number } {
  const area: Rect = {
    left: bounds.left + margin,
    top: bounds.top + margin,
    right: bounds.right - margin,
    bottom: bounds.bottom - margin,
  };
  const w = size.width;
  const h = size.height;
  const clamp = (v: number, lo: number, hi: number) => (hi < lo ? (lo + hi) / 2 : Math.min(hi, Math.max(lo, v)));
  // Inside the canvas first (a drop on its very edge would hang half outside).
  const start = {
    x: clamp(at.x, area.left + w / 2, area.right - w / 2),
    y: clamp(at.y, area.top + h / 2, area.bottom - h / 2),
  };
  const rectAt = (c: { x: number; y: number }): Rect => ({
    left: c.x - w / 2,
    top: c.y - h / 2,
    right: c.x + w / 2,
    bottom: c.y + h / 2,
  });
  const grown = panels.map((p) => ({
    left: p.left - margin,
    top: p.top - margin,
    right: p.right + margin,
    bottom: p.bottom + margin,
  }));
  const free = (c: { x: number; y: number }) => {
    const r = rectAt(c);
    return inside(r, area) && !grown.some((p) => overlaps(r, p));
  };
  if (free(start)) return start;

  // Candidates: just above, below, left or right of each panel in the way (and of the spots
  // those lead to, once more, for two panels side by side); the nearest free one wins.
  let frontier = [start];
  const tried: { x: number; y: number }[] = [];
  for (let round = 0; round < 2; round++) {
    const next: { x: number; y: number }[] = [];
    for (const c of frontier) {
      for (const p of grown) {
        if (!overlaps(rectAt(c), p)) continue;
        next.push(
          { x: c.x, y: p.top - h / 2 },
          { x: c.x, y: p.bottom + h / 2 },
          { x: p.left - w / 2, y: c.y },
          { x: p.right + w / 2, y: c.y },
        );
      }
    }
    tried.push(...next);
    frontier = next;
  }
  const dist = (c: { x: number; y: number }) => Math.hypot(c.x - start.x, c.y - start.y);
  const best = tried.filter(free).sort((a, b) => dist(a) - dist(b))[0];
  return best ?? start;
}

/**
 * Picking a node with the arrow keys (keyboard connecting): from a point, the nearest node
 * whose centre lies in the pressed direction, favouring nodes straight ahead over nodes off
 * to the side. Pure geometry, unit-tested.
 */
export type Direction = 'left' | 'right' | 'up' | 'down';

export interface Centre {
  id: string;
  x: number;
  y: number;
}

const KEY_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

export function directionOfKey(key: string): Direction | undefined {
  return KEY_DIRECTIONS[key];
}

/** The id of the best candidate in `dir` from `from`, or undefined when none lies that way. */
export function pickInDirection(
  from: { x: number; y: number },
  dir: Direction,
  candidates: readonly Centre[],
): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const ahead = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const side = dir === 'right' || dir === 'left' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 1) continue;
    // Off-axis distance counts double, so the node straight ahead wins over a nearer diagonal one.
    const score = ahead + 2 * side;
    if (score < bestScore) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}

/** The candidate nearest to `from` (the first target offered when connecting starts). */
export function nearest(from: { x: number; y: number }, candidates: readonly Centre[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    // Prefer nodes downstream (to the right), the direction requests travel.
    const d = Math.hypot(c.x - from.x, c.y - from.y) + (c.x < from.x ? 400 : 0);
    if (d < bestD) {
      bestD = d;
      best = c.id;
    }
  }
  return best;
}

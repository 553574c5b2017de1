import { describe, expect, it } from 'vitest';
import { clearDropPoint, type Rect } from './dropSpot';

const canvas: Rect = { left: 0, top: 0, right: 800, bottom: 600 };
// Minimap in the bottom-right corner, zoom buttons bottom-left, legend top-left.
const minimap: Rect = { left: 630, top: 480, right: 790, bottom: 590 };
const zoom: Rect = { left: 10, top: 500, right: 40, bottom: 590 };
const legend: Rect = { left: 10, top: 10, right: 120, bottom: 50 };
const panels = [minimap, zoom, legend];
const size = { width: 140, height: 50 };

const rect = (c: { x: number; y: number }): Rect => ({
  left: c.x - size.width / 2,
  top: c.y - size.height / 2,
  right: c.x + size.width / 2,
  bottom: c.y + size.height / 2,
});
const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

describe('clearDropPoint', () => {
  it('keeps the pointer when the component fits there', () => {
    expect(clearDropPoint({ x: 400, y: 300 }, size, canvas, panels)).toEqual({ x: 400, y: 300 });
  });

  it('moves a drop on the minimap the shortest way out of it, still on the canvas', () => {
    const at = { x: 700, y: 520 };
    const p = clearDropPoint(at, size, canvas, panels);
    const r = rect(p);
    expect(overlaps(r, minimap)).toBe(false);
    expect(r.left).toBeGreaterThanOrEqual(0);
    expect(r.right).toBeLessThanOrEqual(800);
    expect(r.bottom).toBeLessThanOrEqual(600);
    // Straight up above it (the nearest way out), not across the canvas.
    expect(p.x).toBe(700);
    expect(r.bottom).toBeLessThanOrEqual(minimap.top);
    expect(minimap.top - r.bottom).toBeLessThan(20);
  });

  it('brings a drop on the canvas edge fully inside', () => {
    const p = clearDropPoint({ x: 400, y: 598 }, size, canvas, panels);
    expect(rect(p).bottom).toBeLessThanOrEqual(600);
    expect(p.x).toBe(400);
  });

  it('clears a panel partly covered by the component, too', () => {
    const p = clearDropPoint({ x: 150, y: 40 }, size, canvas, panels);
    expect(overlaps(rect(p), legend)).toBe(false);
  });
});

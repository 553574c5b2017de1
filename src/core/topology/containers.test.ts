import { describe, expect, it } from 'vitest';
import { dropNodes, fitBoxes, freeSpot, overlaps, resizeBox, absolutePositions } from './containers';
import { SCENES, cloneTopology } from './scenes';
import type { Topology } from './types';

const box = (): Topology => ({
  nodes: [
    { id: 'box', kind: 'server', position: { x: 100, y: 100 }, size: { width: 242, height: 264 } },
    { id: 'g', kind: 'gunicorn', parentId: 'box', position: { x: 16, y: 60 } },
    { id: 'r', kind: 'redis', position: { x: 600, y: 100 } },
  ],
  edges: [],
});

describe('server boxes as containers', () => {
  it('the presets already fit their boxes', () => {
    const t = cloneTopology(SCENES.production.topology);
    expect(fitBoxes(t)).toBe(t);
  });

  it('a component dropped on a box becomes its child, at the same place on screen', () => {
    const t = box();
    // Redis dragged so its middle lands inside the box, below Gunicorn.
    const next = dropNodes(t, [{ id: 'r', position: { x: 116, y: 260 } }]);
    const r = next.nodes.find((n) => n.id === 'r')!;
    expect(r.parentId).toBe('box');
    expect(absolutePositions(next).get('r')).toEqual({ x: 116, y: 260 });
    // Boxes stay before their children.
    expect(next.nodes.findIndex((n) => n.id === 'box')).toBeLessThan(
      next.nodes.findIndex((n) => n.id === 'r'),
    );
  });

  it('a component dragged out of its box stands on its own', () => {
    const next = dropNodes(box(), [{ id: 'g', position: { x: 700, y: 300 } }]);
    const g = next.nodes.find((n) => n.id === 'g')!;
    expect(g.parentId).toBeUndefined();
    expect(g.position).toEqual({ x: 800, y: 400 });
  });

  it('a box grows to hold a child placed near its edge, and never shrinks below it on resize', () => {
    const next = dropNodes(box(), [{ id: 'g', position: { x: 16, y: 200 } }]);
    const b = next.nodes.find((n) => n.id === 'box')!;
    expect(b.size!.height).toBeGreaterThanOrEqual(200 + 80 + 16);
    const shrunk = resizeBox(next, 'box', { x: 100, y: 100, width: 100, height: 100 });
    const b2 = shrunk.nodes.find((n) => n.id === 'box')!;
    expect(b2.size!.width).toBeGreaterThanOrEqual(16 + 210 + 16);
    expect(b2.size!.height).toBeGreaterThanOrEqual(200 + 80 + 16);
  });

  it('moving a box moves nothing else in the document (children are relative to it)', () => {
    const t = box();
    const next = dropNodes(t, [{ id: 'box', position: { x: 300, y: 300 } }]);
    expect(next.nodes.find((n) => n.id === 'g')).toBe(t.nodes.find((n) => n.id === 'g'));
    expect(absolutePositions(next).get('g')).toEqual({ x: 316, y: 360 });
  });

  it('a new component is placed where it covers no other one', () => {
    const t = box();
    const wanted = { x: 116, y: 160 }; // exactly on Gunicorn
    const p = freeSpot(t, { width: 210, height: 80 }, wanted, { isBox: false, inBox: true });
    expect(p).not.toEqual(wanted);
    expect(p.x >= wanted.x && p.y >= wanted.y).toBe(true);
    expect(freeSpot(t, { width: 210, height: 80 }, { x: 116, y: 400 }, { isBox: false, inBox: false })).toEqual({ x: 116, y: 400 });
  });
  it('a new node also keeps clear of the rectangles it is told to avoid', () => {
    const t = box();
    const size = { width: 210, height: 80 };
    // Free of nodes, but under a panel: moved off it.
    const panel = { x: 100, y: 500, width: 300, height: 200 };
    const p = freeSpot(t, size, { x: 150, y: 550 }, { isBox: false, inBox: false, avoid: [panel] });
    expect(overlaps({ ...p, ...size }, panel)).toBe(false);
    // Right above a node with a panel below: the spot found is neither on the node nor the panel.
    const below = { x: 560, y: 200, width: 300, height: 200 };
    const q = freeSpot(t, size, { x: 600, y: 150 }, { isBox: false, inBox: false, avoid: [below] });
    expect(overlaps({ ...q, ...size }, below)).toBe(false);
    expect(overlaps({ ...q, ...size }, { x: 600, y: 100, width: 210, height: 80 })).toBe(false);
  });
});

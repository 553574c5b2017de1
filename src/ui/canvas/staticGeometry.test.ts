import { describe, expect, it } from 'vitest';
import { SCENES } from '../../core/topology/scenes';
import { boundsOf, fitViewportOf, staticEdges, staticNodes } from './staticGeometry';

const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** Every number of `d` within `eps` of `want`'s, in the same commands. */
function expectPath(d: string, want: string, eps = 0.05) {
  expect(d.replace(/-?\d+(\.\d+)?/g, '#')).toBe(want.replace(/-?\d+(\.\d+)?/g, '#'));
  const a = numbers(d);
  const b = numbers(want);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(eps));
}

describe('the static view draws what React Flow draws', () => {
  const topology = SCENES.production.topology;
  const nodes = staticNodes(topology);
  const names = new Map(topology.nodes.map((n) => [n.id, n.id] as const));
  const edges = new Map(staticEdges(topology, nodes, names).map((e) => [e.id, e] as const));

  it('places children inside their box, at absolute positions', () => {
    const web = nodes.find((n) => n.id === 'web')!;
    const nginx = nodes.find((n) => n.id === 'nginx')!;
    expect(nginx.node.parentId).toBe('web');
    expect(nginx.x).toBe(web.x + nginx.node.position.x);
    expect(nginx.y).toBe(web.y + nginx.node.position.y);
    expect([nginx.width, nginx.height]).toEqual([210, 80]);
  });

  // The paths React Flow 12.12 drew for the production scene (read from its DOM).
  it('a left-to-right edge is React Flow’s bezier between the right and left handles', () => {
    expectPath(edges.get('user->nginx')!.d, 'M216,282 C248.5,282 248.5,282 281,282');
  });
  it('an edge down a column is the bezier between the bottom and top handles', () => {
    expectPath(edges.get('nginx->static')!.d, 'M389.5,328 C389.5,336 389.5,336 389.5,344');
  });
  it('an edge round a column is the smooth step on the left', () => {
    const e = edges.get('nginx->media')!;
    expect(e.smooth).toBe(true);
    expectPath(
      e.d,
      'M281 303.265625L 266,303.265625Q 261,303.265625 261,308.265625L 261,493Q 261,498 266,498L281 498',
    );
  });
  it('an edge to a target behind its source curves out and back', () => {
    const d = staticEdges(
      {
        nodes: [
          { id: 'a', kind: 'nginx', position: { x: 400, y: 0 } },
          { id: 'b', kind: 'gunicorn', position: { x: 0, y: 0 } },
        ],
        edges: [{ id: 'a->b', source: 'a', target: 'b' }],
      },
      staticNodes({
        nodes: [
          { id: 'a', kind: 'nginx', position: { x: 400, y: 0 } },
          { id: 'b', kind: 'gunicorn', position: { x: 0, y: 0 } },
        ],
        edges: [],
      }),
      new Map(),
    )[0]!.d;
    // From x 616 back to x −1: control points 0.25 × 25 × √617 ≈ 155.25 px outward.
    expectPath(d, 'M616,40 C771.247,40 -156.247,40 -1,40', 0.01);
  });
  it('connections to a server box are not edges of the diagram', () => {
    expect([...edges.values()].every((e) => e.source !== 'web' && e.target !== 'web')).toBe(true);
  });

  describe('the frame is React Flow’s fitView (padding 0.12, zoom 0.2–2.5)', () => {
    const b = boundsOf(nodes);
    it('centres the nodes and leaves the padding on the tighter side', () => {
      const vp = fitViewportOf(b, 900, 560);
      const left = b.x * vp.zoom + vp.x;
      const right = 900 - ((b.x + b.width) * vp.zoom + vp.x);
      const top = b.y * vp.zoom + vp.y;
      const bottom = 560 - ((b.y + b.height) * vp.zoom + vp.y);
      expect(Math.abs(left - right)).toBeLessThan(1);
      expect(Math.abs(top - bottom)).toBeLessThan(1);
      // ⌊(side − side / 1.12) / 2⌋: 48 px across 900, 30 px down 560.
      expect(Math.min(left - 48, top - 30)).toBeGreaterThanOrEqual(-1);
      expect(Math.min(left - 48, top - 30)).toBeLessThan(1);
    });
    it('never zooms past 2.5 or below 0.2', () => {
      expect(fitViewportOf({ x: 0, y: 0, width: 10, height: 10 }, 900, 560).zoom).toBe(2.5);
      expect(fitViewportOf({ x: 0, y: 0, width: 100_000, height: 100 }, 900, 560).zoom).toBe(0.2);
    });
  });
});

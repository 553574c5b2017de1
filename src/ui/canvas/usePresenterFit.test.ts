import { describe, expect, it } from 'vitest';
import { withAppServers } from '../../core/lessons/actions';
import { SCENES, cloneTopology } from '../../core/topology/scenes';
import { MIN_ZOOM, presenterViewport, withNeighbours } from './usePresenterFit';
import { nodeRects, type Rect, type Viewport } from './geometry';

// The stage presenter mode leaves for the diagram on a 1280×720 projector (metrics above, caption below).
const W = 1280;
const H = 500;

function onScreen(vp: Viewport, r: Rect) {
  const left = vp.x + r.x * vp.zoom;
  const top = vp.y + r.y * vp.zoom;
  return left >= -1 && top >= -1 && left + r.width * vp.zoom <= W + 1 && top + r.height * vp.zoom <= H + 1;
}

describe('presenter camera', () => {
  it('never zooms below the readable zoom, even with three app servers', () => {
    const t = withAppServers(cloneTopology(SCENES.production.topology), 3);
    for (const hl of [[], ['nginx'], ['app3'], ['app1-gunicorn', 'app2-gunicorn', 'app3-gunicorn']]) {
      const vp = presenterViewport(t, hl, W, H)!;
      expect(vp.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
    }
  });

  it("keeps the step's highlighted node on screen", () => {
    const t = withAppServers(cloneTopology(SCENES.production.topology), 3);
    const rects = nodeRects(t);
    for (const id of ['user', 'nginx', 'app3-django', 'redis', 'media']) {
      const vp = presenterViewport(t, [id], W, H)!;
      expect(onScreen(vp, rects.get(id)!), id).toBe(true);
    }
  });

  it('shows a small diagram whole, filling the stage', () => {
    const t = cloneTopology(SCENES.local.topology);
    const vp = presenterViewport(t, ['runserver'], W, H)!;
    for (const r of nodeRects(t).values()) expect(onScreen(vp, r)).toBe(true);
    expect(vp.zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
  });

  it("counts a highlighted box's contents and their connections as its neighbours", () => {
    const t = cloneTopology(SCENES.production.topology);
    expect(withNeighbours(t, ['app1']).sort()).toEqual(
      ['app1', 'app1-django', 'app1-gunicorn', 'nginx', 'postgres', 'redis'].sort(),
    );
  });
});

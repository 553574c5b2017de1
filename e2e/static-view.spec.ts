import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/*
 * The diagram is first drawn without React Flow (src/ui/canvas/StaticDiagram.tsx); React Flow
 * takes over at a person's first input (flowWake.ts). These tests hold the two to the same
 * picture, and the hand-over to the person's first action.
 */

type Shot = { nodes: Record<string, number[]>; edges: Record<string, string>; view: number[] };

/** Every node's box on screen, every edge's path and the viewport's transform. */
function shot(page: Page, node: string, edge: string, viewport: string): Promise<Shot> {
  return page.evaluate(
    ([node, edge, viewport]) => {
      const nodes: Record<string, number[]> = {};
      for (const n of Array.from(document.querySelectorAll<HTMLElement>(node))) {
        const r = n.getBoundingClientRect();
        nodes[n.dataset.id ?? ''] = [r.x, r.y, r.width, r.height];
      }
      const edges: Record<string, string> = {};
      for (const g of Array.from(document.querySelectorAll<SVGGElement>(edge)))
        edges[g.dataset.id ?? ''] = g.querySelector('path')?.getAttribute('d') ?? '';
      const vp = document.querySelector<HTMLElement>(viewport);
      const m = new DOMMatrix(vp ? getComputedStyle(vp).transform : 'none');
      return { nodes, edges, view: [m.a, m.e, m.f] };
    },
    [node, edge, viewport] as const,
  );
}
const staticShot = (page: Page) =>
  shot(page, '.pv-static__node', '.pv-static__edge', '.pv-static__viewport');
const flowShot = (page: Page) =>
  shot(page, '.react-flow__node', '.react-flow__edge', '.react-flow__viewport');
const numbers = (d: string) => (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);

/** The wrapper's entrance slide is over (it moves the whole diagram, static or not). */
const settled = (page: Page) =>
  page
    .locator('.canvas-anim')
    .evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)).then(() => true));

/** Moves the pointer over the page, as a person arriving does, and waits for React Flow. */
async function arrive(page: Page) {
  await page.mouse.move(300, 300);
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

for (const [scene, lang, size] of [
  ['production', 'en', { width: 1280, height: 720 }],
  ['realworld', 'tr', { width: 1366, height: 768 }],
  ['local', 'en', { width: 1920, height: 1080 }],
] as const) {
  test(`${scene} (${lang}, ${size.width}×${size.height}): the first view is React Flow's picture, and nothing moves when React Flow takes over`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto(`./?lang=${lang}&scene=${scene}`);
    await expect(page.locator('.pv-static__node').first()).toBeVisible();
    // No React Flow at load: nobody has touched the page.
    await expect(page.locator('.react-flow')).toHaveCount(0);
    await settled(page);
    const before = await staticShot(page);
    expect(Object.keys(before.nodes).length).toBeGreaterThan(3);
    expect(Object.keys(before.edges).length).toBeGreaterThan(2);

    await arrive(page);
    await expect.poll(async () => (await flowShot(page)).view[0]).toBeCloseTo(before.view[0]!, 3);
    const after = await flowShot(page);
    expect(Object.keys(after.nodes).sort()).toEqual(Object.keys(before.nodes).sort());
    expect(Object.keys(after.edges).sort()).toEqual(Object.keys(before.edges).sort());
    for (const [id, box] of Object.entries(before.nodes))
      box.forEach((v, i) =>
        expect(Math.abs(v - after.nodes[id]![i]!), `node ${id}`).toBeLessThan(0.6),
      );
    for (const [id, d] of Object.entries(before.edges)) {
      const a = numbers(d);
      const b = numbers(after.edges[id]!);
      expect(a.length, `edge ${id}: ${d} / ${after.edges[id]}`).toBe(b.length);
      a.forEach((v, i) =>
        expect(Math.abs(v - b[i]!), `edge ${id}: ${d} / ${after.edges[id]}`).toBeLessThan(0.05),
      );
    }
    before.view.forEach((v, i) => expect(Math.abs(v - after.view[i]!)).toBeLessThan(0.6));
  });
}

test('the first view keeps the interface contract: nodes with their kind and name, named connections', async ({
  page,
}) => {
  await page.goto('./?lang=en&scene=production');
  const nginx = page.locator('.pv-static__node[data-kind="nginx"]');
  await expect(nginx).toHaveAttribute('aria-label', 'NGINX');
  await expect(nginx).toContainText('NGINX');
  await expect(page.locator('.pv-static__node[data-kind="gunicorn"]')).toHaveCount(2);
  await expect(page.getByRole('group', { name: 'User → NGINX' })).toHaveCount(1);
  const axe = await new AxeBuilder({ page }).include('.canvas-wrap').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => v.id)).toEqual([]);
  await expect(page.locator('.react-flow')).toHaveCount(0);
});

test('focus reaching a node of the first view (a keyboard, a screen reader) brings React Flow, and the focus moves to its same node', async ({
  page,
}) => {
  await page.goto('./?lang=en&scene=production');
  await expect(page.locator('.pv-static__node').first()).toBeVisible();
  await expect(page.locator('.react-flow')).toHaveCount(0);
  await page.locator('.pv-static__node[data-id="nginx"]').focus();
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="nginx"]')).toBeFocused();
});

test('a tap on the first view’s zoom button zooms once React Flow is there', async ({ page }) => {
  await page.goto('./?lang=en&scene=production');
  await expect(page.locator('.pv-static__node').first()).toBeVisible();
  const fitted = (await staticShot(page)).view[0]!;
  expect(fitted).toBeLessThan(1);
  // A touch: no pointer moved over the page before the tap.
  await page.locator('.pv-static .react-flow__controls-button').first().dispatchEvent('click');
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect.poll(async () => (await flowShot(page)).view[0]!).toBeGreaterThan(fitted * 1.1);
});

test('selecting a node of the first view selects it in React Flow', async ({ page }) => {
  await page.goto('./?lang=en&scene=production');
  await page.locator('.pv-static__node[data-id="postgres"]').dispatchEvent('click');
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="postgres"]')).toHaveClass(/selected/);
});

test('the simulation needs React Flow: Play pressed with no pointer over the page (a clicker, a live class) brings it', async ({
  page,
}) => {
  await page.goto('./?lang=en&scene=production');
  await expect(page.locator('.pv-static__node').first()).toBeVisible();
  // The store changes without an input event reaching the page's listeners first.
  await page.getByRole('button', { name: 'Play' }).dispatchEvent('click');
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect(page.locator('.react-flow__node[data-id="nginx"]')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(11);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('if React Flow cannot load, its error and reload button show, not the picture over them', async ({
  page,
}) => {
  await page.route(/\/CanvasRoot-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('./?lang=en&scene=production');
  await expect(page.locator('.pv-static__node').first()).toBeVisible();
  await page.mouse.move(300, 300);
  const alert = page.getByRole('alert').filter({ hasText: 'A newer version of ProdViz is available' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.locator('.pv-static')).toBeHidden();
});

import { test, expect } from './test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Issue 13: an editor a student can use on a 1366×768 laptop.
test.use({ viewport: { width: 1366, height: 768 } });

const nodes = (page: Page, kind: string) => page.locator(`.react-flow__node[data-kind="${kind}"]`);
const allNodes = (page: Page) => page.locator('.react-flow__node');
const palette = (page: Page) => page.getByRole('region', { name: 'Components' });

async function open(page: Page, scene = 'production') {
  // The packet legend opens on a first visit and covers the canvas's top-left corner, where
  // these tests drop and drag: start with it folded, as a returning student has it.
  await page.addInitScript(() => localStorage.setItem('prodviz.legend.open', '0'));
  await page.goto(`./?lang=en&scene=${scene}`);
  await expect(nodes(page, 'nginx')).toBeVisible();
}

async function clear(page: Page) {
  await page.getByRole('button', { name: 'Edit the diagram' }).click();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await page.getByRole('button', { name: 'Clear the diagram' }).click();
  await expect(allNodes(page)).toHaveCount(0);
}

/** Drags a palette item (in the folded rail) to a point on the screen. */
async function dragFromPalette(page: Page, name: string, to: { x: number; y: number }) {
  const item = palette(page).getByRole('button', { name: `Add ${name}` });
  const from = (await item.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

test('the folded rail shows every component, and one drags onto the canvas', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('button', { name: 'Edit the diagram' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  const items = palette(page).getByRole('button', { name: /^Add / });
  await expect(items).toHaveCount(12);
  for (const item of await items.all()) await expect(item).toBeInViewport();
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  await dragFromPalette(page, 'SQLite', { x: canvas.x + 150, y: canvas.y + canvas.height - 80 });
  await expect(nodes(page, 'sqlite')).toHaveCount(1);
});

test('Clear empties the diagram and Undo brings it back', async ({ page }) => {
  await open(page);
  const before = await allNodes(page).count();
  await clear(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(allNodes(page)).toHaveCount(before);
});

test('Ctrl+A then Delete empties the canvas', async ({ page }) => {
  await open(page);
  await nodes(page, 'user').click();
  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(await allNodes(page).count());
  await page.keyboard.press('Delete');
  await expect(allNodes(page)).toHaveCount(0);
  // Focus stays on the canvas, not the page's body.
  await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toContain('react-flow');
});

// Redis is dropped where the minimap is (at 1366×768 the canvas's bottom-right corner): it
// must land clear of it, where it can be grabbed, not underneath it.
test('a component dropped on a server box moves with the box', async ({ page }) => {
  await open(page);
  await clear(page);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  await dragFromPalette(page, 'Server', { x: canvas.x + 300, y: canvas.y + 250 });
  const box = page.locator('.react-flow__node[data-kind="server"]');
  await expect(box).toHaveCount(1);
  // Redis, first dropped on the empty canvas, then dragged into the box.
  await dragFromPalette(page, 'Redis', { x: canvas.x + 700, y: canvas.y + 500 });
  const redis = nodes(page, 'redis');
  await expect(redis).toHaveCount(1);
  const r = (await redis.boundingBox())!;
  const b = (await box.boundingBox())!;
  await page.mouse.move(r.x + 30, r.y + r.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 20, { steps: 10 });
  await page.mouse.up();
  // Now the box is dragged by its header: Redis goes along.
  const b2 = (await box.boundingBox())!;
  const r2 = (await redis.boundingBox())!;
  await page.mouse.move(b2.x + 30, b2.y + 12);
  await page.mouse.down();
  await page.mouse.move(b2.x + 130, b2.y + 92, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await redis.boundingBox())!.x - r2.x)).toBeGreaterThan(60);
  const b3 = (await box.boundingBox())!;
  const r3 = (await redis.boundingBox())!;
  expect(r3.x - b3.x).toBeCloseTo(r2.x - b2.x, 0);
  expect(r3.y - b3.y).toBeCloseTo(r2.y - b2.y, 0);
});

test('a connection is made, focused and deleted with the keyboard', async ({ page }) => {
  await open(page);
  const edges = page.locator('.react-flow__edge');
  // React Flow draws the edges once every node has been measured, after the nodes appear.
  await expect.poll(() => edges.count()).toBeGreaterThan(0);
  const count = await edges.count();
  // Connect Media files to Redis: select Media files, C, arrows to Redis, Enter.
  await nodes(page, 'media').click();
  await page.keyboard.press('c');
  await expect(page.locator('.pv-node.is-connect-target')).toHaveCount(1);
  for (let i = 0; i < 6; i++) {
    const target = await page
      .locator('.react-flow__node:has(.pv-node.is-connect-target)')
      .getAttribute('data-kind');
    if (target === 'redis') break;
    await page.keyboard.press(i < 3 ? 'ArrowRight' : 'ArrowUp');
  }
  await expect(page.locator('.react-flow__node[data-kind="redis"] .pv-node')).toHaveClass(/is-connect-target/);
  await page.keyboard.press('Enter');
  await expect(edges).toHaveCount(count + 1);
  const made = page.getByRole('group', { name: 'Media files → Redis' });
  await expect(made).toHaveCount(1);
  // Tab reaches connections; Delete removes the focused one.
  await made.focus();
  await expect(made).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(edges).toHaveCount(count);
  await expect(page.getByRole('group', { name: 'Media files → Redis' })).toHaveCount(0);
});

test.describe('touch', () => {
  test.use({ hasTouch: true });
  // Chromium sends no click for a tap within about a second of a touch drag: the tap is
  // taken from the pointer events.
  test('the first tap after a touch drag from the palette is not swallowed', async ({ page }) => {
    await open(page);
    const item = palette(page).getByRole('button', { name: 'Add SQLite' });
    const from = (await item.boundingBox())!;
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    // A touch drag, dispatched as pointer events with pointerType touch.
    const cdp = await page.context().newCDPSession(page);
    const touch = async (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
      });
    await touch('touchStart', from.x + from.width / 2, from.y + from.height / 2);
    for (let i = 1; i <= 8; i++)
      await touch(
        'touchMove',
        from.x + from.width / 2 + ((canvas.x + 200 - from.x) * i) / 8,
        from.y + from.height / 2 + ((canvas.y + canvas.height - 100 - from.y) * i) / 8,
      );
    await touch('touchEnd', 0, 0);
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    await palette(page).getByRole('button', { name: 'Add Redis' }).tap();
    await expect(nodes(page, 'redis')).toHaveCount(2);
  });
});

test.describe('axe: no violations of any impact', () => {
  for (const mode of ['light', 'dark', 'contrast'] as const) {
    test(mode, async ({ page }) => {
      await page.addInitScript((m) => {
        localStorage.setItem('prodviz.theme', m === 'dark' ? 'dark' : 'light');
      }, mode);
      if (mode === 'contrast') await page.emulateMedia({ contrast: 'more', forcedColors: 'active' });
      await open(page);
      await nodes(page, 'user').click();
      await palette(page).getByRole('button', { name: 'Add Redis' }).focus();
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`,
        ),
      ).toEqual([]);
    });
  }
});

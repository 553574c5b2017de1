import { expect, test } from './test';
import type { Page } from '@playwright/test';
import type { BenchHook } from '../src/ui/benchHook';

type HookWindow = Window & { __prodviz?: BenchHook };

/** The same seed and the same inputs, driven through the page's automation hook. */
async function run(page: Page, query: string) {
  await page.goto(`/?scene=production&lang=en&seed=11${query}`);
  await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
  return page.evaluate(async () => {
    const h = (window as HookWindow).__prodviz!;
    h.pause();
    h.reset();
    h.setRps(300);
    await h.advanceBy(1500);
    h.step();
    h.step();
    h.step();
    await h.advanceBy(800.5);
    return { kind: h.engineKind?.(), inFlight: h.inFlight(), ...(await h.eventHash()) };
  });
}

test('the engine in the worker and ?engine=main give the same event stream for the same seed and inputs', async ({ page }) => {
  const worker = await run(page, '');
  const main = await run(page, '&engine=main');
  expect(worker.kind).toBe('worker');
  expect(main.kind).toBe('main');
  expect(worker.count).toBeGreaterThan(500);
  expect(worker.hash).toBe(main.hash);
  expect(worker.count).toBe(main.count);
  expect(worker.inFlight).toBe(main.inFlight);
});

test('playing in the worker moves the numbers on screen', async ({ page }) => {
  await page.goto('/?scene=production&lang=en');
  await page.getByRole('button', { name: 'Play' }).click();
  const completed = page.getByRole('region', { name: 'Metrics' }).locator('[data-stat="completed"] .stat__value');
  await expect.poll(async () => Number((await completed.textContent())?.replace(/\D/g, '') ?? 0)).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as HookWindow).__prodviz?.engineKind?.())).toBe('worker');
});

for (const [query, drawnBy] of [
  ['', 'worker'],
  ['&engine=main', 'page'],
  ['&packets=main', 'page'],
] as const) {
  test(`the packet layer is drawn by the ${drawnBy}${query ? ` with ${query.slice(1)}` : ''}, and the drawing follows the engine`, async ({ page }) => {
    await page.goto(`/?scene=production&lang=en${query}`);
    await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
    await page.evaluate(() => {
      const h = (window as HookWindow).__prodviz!;
      h.drawMs();
      h.setRps(300);
      h.play();
    });
    // Packets in flight and time spent drawing them: the layer draws where it should.
    await expect.poll(() => page.evaluate(() => (window as HookWindow).__prodviz!.inFlight())).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => (window as HookWindow).__prodviz!.drawMs())).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as HookWindow).__prodviz!.packetsDrawnBy?.())).toBe(drawnBy);
    await page.evaluate(() => (window as HookWindow).__prodviz!.pause());
  });
}

/** The colour on screen at a page point (a one-pixel screenshot, decoded by the browser). */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }, png.toString('base64'));
}

/** The queue badge's fill (#b45309), within a little antialiasing. */
const isBadge = ([r, g, b]: number[]) => Math.abs(r! - 180) < 24 && Math.abs(g! - 83) < 24 && Math.abs(b! - 9) < 24;

for (const [query, drawnBy] of [
  ['', 'worker'],
  ['&packets=main', 'page'],
] as const) {
  test(`a node's queue shows as a badge on its card, drawn by the ${drawnBy}`, async ({ page }) => {
    await page.goto(`/?scene=production&lang=en&seed=3${query}`);
    await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
    await page.evaluate(() => {
      const h = (window as HookWindow).__prodviz!;
      h.setRps(2000);
      h.play();
    });
    // What screen readers hear: the Gunicorn card's queue.
    const gunicorn = page.locator('.react-flow__node[data-kind="gunicorn"]').first();
    const label = gunicorn.locator('[role="img"][aria-label^="queue"]');
    await expect.poll(async () => Number(/queue (\d+)/.exec((await label.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(9);
    await page.evaluate(() => (window as HookWindow).__prodviz!.pause());
    // The badge sits over the card's top-left corner: 15 px in and 10 px up, 24 px tall.
    const at = async (kind: string) => {
      const box = (await page.locator(`.react-flow__node[data-kind="${kind}"]`).first().boundingBox())!;
      const zoom = box.width / 210;
      return pixel(page, box.x + 20 * zoom, box.y + 2 * zoom);
    };
    await expect.poll(async () => isBadge(await at('gunicorn'))).toBe(true);
    // The user's browser queues nothing: no badge on its card.
    expect(isBadge(await at('user'))).toBe(false);
    // Zoomed in while paused, the badge stays on its card.
    const before = (await gunicorn.boundingBox())!.width;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await gunicorn.boundingBox())!.width).toBeGreaterThan(before * 1.1);
    await expect.poll(async () => isBadge(await at('gunicorn'))).toBe(true);
    expect(await page.evaluate(() => (window as HookWindow).__prodviz!.packetsDrawnBy?.())).toBe(drawnBy);
  });
}

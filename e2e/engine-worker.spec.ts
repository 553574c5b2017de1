import { expect, test, type Page } from '@playwright/test';
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

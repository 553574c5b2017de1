import { test as base, expect, type Page } from '@playwright/test';

/**
 * A person arriving: once the app is on screen, the pointer moves over the page. The diagram
 * is drawn without React Flow until someone gives an input (src/ui/canvas/flowWake.ts), and a
 * person's mouse moves before anything else; the specs drive the app as a person does, so every
 * `page.goto` here ends with that move. e2e/static-view.spec.ts, which tests the first view and
 * the hand-over, uses Playwright's own `test` and moves nothing.
 */
let corner = 0;
export async function arrive(page: Page): Promise<void> {
  const app = await page
    .locator('.canvas-wrap')
    .waitFor({ timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  if (!app) return; // not the app's main page (the presenter notes window)
  // Over the brand in the top-left corner: no hover, no tooltip. A pointer that does not move
  // sends no event, so each arrival moves to another pixel.
  corner = (corner + 1) % 2;
  await page.mouse.move(3 + corner, 3 + corner);
  // React Flow has taken over: its nodes are measured and the static view is gone.
  await expect(page.locator('.pv-static')).toHaveCount(0, { timeout: 15_000 });
}

export const test = base.extend({
  page: async ({ page }, provide) => {
    const goto = page.goto.bind(page);
    page.goto = async (...args: Parameters<Page['goto']>) => {
      const response = await goto(...args);
      await arrive(page);
      return response;
    };
    const reload = page.reload.bind(page);
    page.reload = async (...args: Parameters<Page['reload']>) => {
      const response = await reload(...args);
      await arrive(page);
      return response;
    };
    await provide(page);
  },
});

export { expect };

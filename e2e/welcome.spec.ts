import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './test';
import type { Page } from '@playwright/test';

/**
 * The first-visit welcome (issue 11). Every other spec runs as a robot (navigator.webdriver)
 * and never sees it; these tests hide that flag to be a person's first visit.
 */
test.use({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });

async function asPerson(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });
  });
}

test('first visit: a welcome with three starts, focus kept inside, Esc closes it for good', async ({ page }) => {
  await asPerson(page);
  await page.goto('./?lang=en');
  const dialog = page.getByRole('dialog', { name: 'Welcome to ProdViz' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  for (const name of ['Watch a request', 'Explore Production', 'Rebuild it yourself'])
    await expect(dialog.getByRole('button', { name })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Watch a request' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  // Focus is trapped: tabbing around never leaves the dialog.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole('tab', { name: /Production/ })).toBeVisible({ timeout: 20_000 });
  // Everything the page loads has arrived (the welcome would be among it).
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('first visit in Turkish: "Production\'ı keşfedin" switches to Production and plays', async ({ page }) => {
  await asPerson(page);
  await page.goto('./?lang=tr');
  const dialog = page.getByRole('dialog', { name: "ProdViz'e hoş geldiniz" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await dialog.getByRole('button', { name: "Production'ı keşfedin" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tab', { name: /Production/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: /Duraklat/ })).toBeVisible();
});

test('no welcome on a deep link', async ({ page }) => {
  await asPerson(page);
  await page.goto('./?lang=en&scene=local');
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

for (const [choice, then] of [
  ['Watch a request', 'the trace opens'],
  ['Rebuild it yourself', 'the Rebuild Production challenge starts'],
] as const) {
  test(`"${choice}": ${then}`, async ({ page }) => {
    await asPerson(page);
    await page.goto('./?lang=en');
    const dialog = page.getByRole('dialog', { name: 'Welcome to ProdViz' });
    await dialog.getByRole('button', { name: choice }).click({ timeout: 20_000 });
    await expect(dialog).toBeHidden();
    if (choice === 'Watch a request')
      await expect(page.getByRole('button', { name: 'Trace one request' })).toHaveAttribute('aria-pressed', 'true');
    else await expect(page.getByRole('button', { name: 'Check' })).toBeVisible();
  });
}

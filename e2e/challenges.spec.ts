import { test, expect } from './test';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 1366, height: 768 } });

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Click-to-connect: a component's arrow, then the target component. */
async function connect(page: Page, from: string, to: string) {
  await node(page, from).hover();
  await node(page, from).locator('.pv-arrow--right').click();
  await expect(node(page, from).locator('.pv-node')).toHaveClass(/is-connect-source/);
  await node(page, to).click();
  await expect(page.getByRole('group', { name: new RegExp(`→`) }).and(page.locator(`[data-id="${from}->${to}"]`))).toHaveCount(1);
}

test('the Challenges list, a Check in %, and Rebuild Production from parts solved to 100 %', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?lang=en&scene=local');
  await page.getByRole('button', { name: 'Challenges' }).click();
  const dialog = page.getByRole('dialog', { name: 'Challenges' });
  const starts = dialog.getByRole('button', { name: /^Start/ });
  await expect(starts.first()).toBeVisible();
  expect(await starts.count()).toBeGreaterThanOrEqual(10);
  await dialog.getByRole('button', { name: 'Start: Rebuild Production from parts' }).click();
  await expect(page.getByRole('tab', { name: 'Production' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);

  const panel = page.getByRole('region', { name: 'Rebuild Production from parts' });
  const result = panel.getByRole('status');
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(result).toHaveText(/^0 % complete \(0 of 7 goals\)/);

  for (const [a, b] of [
    ['user', 'nginx'],
    ['nginx', 'static'],
    ['nginx', 'media'],
    ['nginx', 'app1-gunicorn'],
    ['nginx', 'app2-gunicorn'],
    ['app1-gunicorn', 'app1-django'],
    ['app2-gunicorn', 'app2-django'],
    ['app1-django', 'postgres'],
    ['app2-django', 'postgres'],
    ['app1-django', 'redis'],
    ['app2-django', 'redis'],
  ] as const)
    await connect(page, a, b);

  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(result).toHaveText(/^100 % complete \(7 of 7 goals\)/);
  await expect(panel.getByRole('listitem').filter({ hasText: 'Not met yet' })).toHaveCount(1); // the loose parts' star

  // Progress is saved: the list shows the best result after a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Challenges' }).click();
  await expect(page.getByRole('dialog', { name: 'Challenges' }).getByText(/best 100 %/)).toBeVisible();
});

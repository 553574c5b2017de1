import { test, expect } from './test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

async function openScaling(page: Page, scene = 'production') {
  await page.goto(`./?lang=en&scene=${scene}&seed=3`);
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Scaling' }).click();
  await expect(page.getByRole('spinbutton', { name: 'CPU cores', exact: true })).toBeVisible();
}

/** Opens a folded section of the panel (issue 11: the less used ones start folded). */
async function unfold(page: Page, name: string) {
  const toggle = page.getByRole('button', { name, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

test.describe('scaling panel', () => {
  test('App servers to 3 puts three Gunicorn and three Django nodes on the canvas', async ({ page }) => {
    await openScaling(page);
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(2);
    await page.getByRole('spinbutton', { name: 'App servers', exact: true }).fill('3');
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(3);
    await expect(page.locator('.react-flow__node[data-kind="django"]')).toHaveCount(3);
    await expect(page.locator('.react-flow__node[data-kind="server"]', { hasText: 'App server 3' })).toBeVisible();
  });

  test('removing an app server drains it, then it leaves the canvas', async ({ page }) => {
    await openScaling(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('spinbutton', { name: 'App servers', exact: true }).fill('1');
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(1, { timeout: 15_000 });
    await expect(page.getByText('App server 2 (draining)')).toHaveCount(0);
  });

  test('CPU cores to 8 makes Workers 17 (2 × cores + 1), until set by hand', async ({ page }) => {
    await openScaling(page);
    const workers = page.getByRole('spinbutton', { name: 'Workers', exact: true });
    await expect(workers).toHaveValue('5');
    await page.getByRole('spinbutton', { name: 'CPU cores', exact: true }).fill('8');
    await expect(workers).toHaveValue('17');
    await workers.fill('9');
    await page.getByRole('spinbutton', { name: 'CPU cores', exact: true }).fill('3');
    await expect(workers).toHaveValue('9');
    await page.getByRole('button', { name: 'Reset to recommended' }).click();
    await expect(workers).toHaveValue('7');
    await expect(page.getByRole('button', { name: 'Reset to recommended' })).toBeDisabled();
  });

  test('the Load balancing combobox offers round robin, least connections and IP hash with NGINX’s names', async ({ page }) => {
    await openScaling(page);
    const lb = page.getByRole('combobox', { name: 'Load balancing' });
    await expect(lb.getByRole('option')).toHaveText([
      'Round robin (round-robin)',
      'Least connections (least_conn)',
      'IP hash (ip_hash)',
    ]);
    await lb.selectOption({ label: 'Least connections (least_conn)' });
    await expect(lb).toHaveValue('least_conn');
  });

  test('the less used sections start folded; what is opened stays open after a reload', async ({ page }) => {
    await openScaling(page);
    const charts = page.getByRole('button', { name: 'Live charts', exact: true });
    await expect(charts).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('figure', { name: 'Throughput' })).toBeHidden();
    await charts.click();
    await expect(page.getByRole('figure', { name: 'Throughput' })).toBeVisible();
    await page.reload();
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Scaling' }).click();
    await expect(page.getByRole('button', { name: 'Live charts', exact: true })).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('button', { name: 'Vertical scaling (scale up)', exact: true })).toHaveAttribute('aria-expanded', 'true');
  });

  test('Compare renders a before/after table', async ({ page }) => {
    await openScaling(page);
    await unfold(page, 'Compare before / after');
    await page.getByRole('combobox', { name: 'Change to compare' }).selectOption({ label: 'Add one app server' });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const table = page.getByRole('table', { name: /Before and after/ });
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(table.getByRole('columnheader')).toHaveText(['Metric', 'Before', 'After']);
    for (const row of ['Throughput (successful)', 'p50 latency', 'p95 latency', 'Errors', 'Busiest node']) {
      await expect(table.getByRole('rowheader', { name: row })).toBeVisible();
    }
    await expect(table.getByRole('row', { name: /p95 latency/ })).toHaveText(/\d[\d.,]* ms.*\d[\d.,]* ms/);
  });

  test('performance toggles, load pattern and live charts', async ({ page }) => {
    await openScaling(page);
    for (const section of ['Performance techniques', 'Load pattern', 'Live charts']) await unfold(page, section);
    const cdn = page.getByRole('switch', { name: 'CDN' });
    await expect(cdn).not.toBeChecked();
    await cdn.check();
    await expect(page.locator('.react-flow__node[data-kind="cdn"]')).toHaveCount(1);
    await expect(page.getByRole('slider', { name: 'CDN edge hit ratio' })).toBeVisible();
    const redis = page.getByRole('switch', { name: 'Redis cache' });
    await redis.uncheck();
    await expect(page.locator('.react-flow__node[data-kind="redis"]')).toHaveCount(0);
    await page.getByRole('radio', { name: /Spike/ }).check();
    await expect(page.getByRole('radio', { name: /Spike/ })).toBeChecked();
    await page.getByRole('button', { name: 'Play' }).click();
    const throughput = page.getByRole('figure', { name: 'Throughput' });
    await expect(throughput.locator('canvas')).toHaveCount(1);
    await expect(throughput.locator('.scaling-chart__value')).toHaveText(/\d.* req\/s/, { timeout: 15_000 });
  });

  test('the Scaling panel passes axe (no serious or critical violations)', async ({ page }) => {
    await openScaling(page);
    const results = await new AxeBuilder({ page }).include('.sidepanel').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('a runserver scene says there is nothing to scale out', async ({ page }) => {
    await openScaling(page, 'development');
    await expect(page.getByText(/no NGINX upstream/)).toBeVisible();
    await expect(page.getByRole('spinbutton', { name: 'App servers', exact: true })).toHaveCount(0);
  });
});

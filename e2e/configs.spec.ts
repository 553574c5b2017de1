import { test, expect } from './test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';

async function openConfigs(page: Page, scene = 'production') {
  await page.goto(`./?lang=en&scene=${scene}`);
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Configs' }).click();
  await expect(page.getByRole('heading', { name: 'Configuration files' })).toBeVisible();
}

test.describe('configs panel', () => {
  test('shows nginx.conf, highlighted, with an upstream listing both production app servers', async ({ page }) => {
    await openConfigs(page);
    const nginx = page.getByRole('region', { name: 'nginx.conf' });
    await expect(nginx).toContainText('upstream django_app {');
    await expect(nginx).toContainText('server 10.0.0.11:8000 max_fails=3 fail_timeout=10s;');
    await expect(nginx).toContainText('server 10.0.0.12:8000 max_fails=3 fail_timeout=10s;');
    await expect(nginx).toContainText('location /static/');
    // highlight.js arrived (lazily) and marked the tokens up.
    await expect(nginx.locator('code.hljs .hljs-comment').first()).toBeVisible();
    // Every file is listed with its own Copy and Download buttons.
    for (const name of ['nginx.conf', 'gunicorn.service', 'gunicorn.conf.py', 'settings.py', 'docker-compose.yml', 'Dockerfile', '.dockerignore', 'deploy.yml']) {
      await expect(page.getByRole('button', { name: `Copy ${name}` })).toBeVisible();
      await expect(page.getByRole('button', { name: `Download ${name}` })).toBeVisible();
    }
  });

  test('Copy puts the file on the clipboard and announces it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openConfigs(page);
    await page.getByRole('button', { name: 'Copy nginx.conf' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'copied' })).toHaveText('nginx.conf copied to the clipboard.');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toContain('upstream django_app {');
    expect(clip).toContain('server 10.0.0.12:8000 max_fails=3 fail_timeout=10s;');
  });

  test('Download produces the file', async ({ page }) => {
    await openConfigs(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download docker-compose.yml' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('docker-compose.yml');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(/^ {2}web1:$/m);
    expect(text).toMatch(/^ {2}web2:$/m);
    expect(text).toContain('image: postgres:16');
  });

  test('follows the canvas and the settings', async ({ page }) => {
    await openConfigs(page);
    const nginx = page.getByRole('region', { name: 'nginx.conf' });
    await expect(nginx).toContainText('listen 443 ssl;');
    await page.getByRole('checkbox', { name: 'HTTPS' }).uncheck();
    await expect(nginx).not.toContainText('listen 443 ssl;');
    await expect(nginx).not.toContainText('return 301');
    await page.getByRole('textbox', { name: 'Domain' }).fill('shop.example.org');
    await expect(nginx).toContainText('server_name shop.example.org www.shop.example.org;');
    // Staging has one app server: the upstream follows the canvas.
    await page.getByRole('tablist', { name: 'Environments' }).getByRole('tab', { name: 'Staging' }).click();
    await expect(nginx).toContainText('server 10.0.0.11:8000 max_fails=3 fail_timeout=10s;');
    await expect(nginx).not.toContainText('10.0.0.12');
  });

  test('the app servers’ real addresses can be typed; a bad one is refused with a message', async ({ page }) => {
    await openConfigs(page);
    const nginx = page.getByRole('region', { name: 'nginx.conf' });
    await expect(nginx).toContainText('exist only on the');
    await page.getByRole('textbox', { name: 'app2 address' }).fill('192.168.1.22');
    await expect(nginx).toContainText('server 192.168.1.22:8000 max_fails=3 fail_timeout=10s;');
    await expect(nginx).toContainText('server 10.0.0.11:8000 max_fails=3 fail_timeout=10s;');
    await page.getByRole('textbox', { name: 'app1 address' }).fill('1.2.3.4; evil');
    await expect(page.getByRole('alert').filter({ hasText: 'Not a valid IP address' })).toBeVisible();
    await expect(nginx).not.toContainText('evil');
    await expect(nginx).toContainText('server 10.0.0.11:8000 max_fails=3 fail_timeout=10s;');
  });

  test('keyboard opens a file; axe finds nothing serious', async ({ page }) => {
    await openConfigs(page);
    const toggle = page.getByRole('button', { name: 'gunicorn.service', exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const unit = page.getByRole('region', { name: 'gunicorn.service' });
    await expect(unit).toContainText('Restart=always');
    await expect(unit).toContainText('--workers 5');
    await expect(unit.locator('code.hljs')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.configs').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('dark theme: highlighted code keeps its contrast (axe)', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openConfigs(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('region', { name: 'nginx.conf' }).locator('code.hljs')).toBeVisible();
    const results = await new AxeBuilder({ page }).include('.configs').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

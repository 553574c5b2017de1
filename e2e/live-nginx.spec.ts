import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './test';
import type { Page } from '@playwright/test';
import { hasNginx, startDeployNginx, type DeployNginx } from './deployNginx';
import { startAppServer, type AppServer } from './liveServer';

/**
 * deploy/ for real: the Debian nginx runs deploy/nginx/prodviz.conf (only the paths and ports
 * changed: a temp prefix, a free port, dist/ of this checkout, the live server on a free port),
 * started and stopped by PID. Through it: the app loads, plays, and runs a live class with one
 * student, with zero Content-Security-Policy violations.
 */
const root = resolve('.');
let nginx: DeployNginx | null = null;
let base = '';
let live: AppServer;

test.skip(!hasNginx(), 'needs the Debian nginx package');
test.skip(!existsSync(join(root, 'dist/index.html')), 'needs a production build (vite build)');

test.beforeAll(async () => {
  live = await startAppServer({}, ['--live-only']);
  nginx = await startDeployNginx({ dist: join(root, 'dist'), upstreamPort: live.port });
  base = `http://127.0.0.1:${nginx.port}`;
  await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0, { timeout: 15_000 }).toBe(200);
});

test.afterAll(async () => {
  await nginx?.stop();
  await live?.stop();
});

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test('through nginx: headers, play, a live class with one student, no CSP violation', async ({ page, browser }) => {
  const index = await fetch(`${base}/`);
  expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(index.headers.get('content-security-policy')).not.toContain('unsafe');
  expect(index.headers.get('x-content-type-options')).toBe('nosniff');
  expect(index.headers.get('x-frame-options')).toBe('DENY');
  expect(index.headers.get('cache-control')).toBe('no-cache');
  const asset = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
  expect(asset).toBeTruthy();
  const a = await fetch(`${base}/${asset}`);
  expect(a.headers.get('cache-control')).toContain('immutable');
  expect(a.headers.get('content-security-policy')).toBeTruthy();

  const violations = watchCsp(page);
  await page.goto(`${base}/?lang=en&lesson=wsgi`);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => Number((await page.getByRole('region', { name: 'Metrics' }).textContent())?.match(/Completed\s*([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Live class' }).click();
  const panel = page.getByRole('region', { name: 'Live class' });
  await panel.getByRole('button', { name: 'Start a live class' }).click();
  await expect(panel.getByText('Connected', { exact: true })).toBeVisible();
  const link = await panel.getByRole('textbox', { name: 'Join link' }).inputValue();
  expect(link.startsWith(base)).toBe(true);

  const ctx = await browser.newContext();
  const student = await ctx.newPage();
  const studentViolations = watchCsp(student);
  await student.goto(`${link}&lang=en`);
  const dialog = student.getByRole('dialog', { name: 'Join the live class' });
  await dialog.getByLabel('Nickname').fill('Elif');
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(panel.getByRole('heading', { name: '1 student' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Lesson' });
  await card.getByRole('button', { name: /Next/ }).click();
  await expect(student.getByRole('region', { name: 'Lesson' }).locator('.lesson-card__counter')).toContainText('2 / 4');
  await expect(student.getByRole('region', { name: 'Live class' }).getByRole('status').first()).toHaveText('Following the teacher');
  await ctx.close();
  expect(violations).toEqual([]);
  expect(studentViolations).toEqual([]);
});

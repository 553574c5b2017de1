import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './test';
import type { Page } from '@playwright/test';

const node = (page: Page, kind: string, i = 0) => page.locator(`.react-flow__node[data-kind="${kind}"]`).nth(i);
const codes = (page: Page) => page.getByRole('region', { name: 'Status codes' });
const log = (page: Page) => page.getByRole('list', { name: 'Event log' });

async function start(page: Page, rps = 200) {
  await page.goto('./?lang=en&scene=production&seed=4');
  await page.getByRole('slider', { name: 'Requests per second' }).fill(String(rps));
  await page.getByRole('slider', { name: 'Speed' }).fill('7');
}

async function select(page: Page, kind: string, i = 0) {
  await node(page, kind, i).click();
  await expect(page.getByRole('heading', { name: 'Failures' })).toBeVisible();
}

async function play(page: Page) {
  await page.getByRole('button', { name: 'Play' }).click();
}

async function errorsPct(page: Page): Promise<number> {
  const text = (await page.getByRole('region', { name: 'Metrics' }).locator('.stat', { hasText: 'Errors' }).locator('.stat__value').textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

async function completed(page: Page): Promise<number> {
  const text = (await page.getByRole('region', { name: 'Metrics' }).locator('.stat', { hasText: 'Completed' }).locator('.stat__value').textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

/** Opens a folded section of a side-panel tab (issue 11: the less used ones start folded). */
async function unfold(page: Page, name: string) {
  const toggle = page.getByRole('button', { name, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

test.describe('failures', () => {
  test('database down ⇒ 500s in the status codes, the log and the metrics; Start heals it', async ({ page }) => {
    await start(page);
    await select(page, 'postgres');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByText('Stopped', { exact: true })).toBeVisible();
    await play(page);
    await expect(codes(page).locator('[data-status="500"]')).toBeVisible({ timeout: 15_000 });
    await expect(log(page).getByText(/Error at the user: 500/).first()).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => errorsPct(page), { timeout: 15_000 }).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByText('Running', { exact: true })).toBeVisible();
  });

  test('all upstreams down ⇒ NGINX 502', async ({ page }) => {
    await start(page);
    for (const i of [0, 1]) {
      await select(page, 'gunicorn', i);
      await page.getByRole('button', { name: 'Stop', exact: true }).click();
    }
    await play(page);
    await expect(codes(page).locator('[data-status="502"]')).toBeVisible({ timeout: 15_000 });
    await expect(log(page).getByText(/Error at the user: 502/).first()).toBeVisible({ timeout: 15_000 });
  });

  test('slow upstream ⇒ 504 when proxy_read_timeout runs out first', async ({ page }) => {
    await start(page, 50);
    for (const i of [0, 1]) {
      await select(page, 'django', i);
      await page.getByRole('button', { name: 'Slow down' }).click();
    }
    await select(page, 'nginx');
    await page.getByRole('spinbutton', { name: 'proxy_read_timeout (s)' }).fill('0.5');
    await play(page);
    await expect(codes(page).locator('[data-status="504"]')).toBeVisible({ timeout: 20_000 });
    await expect(log(page).getByText(/Error at the user: 504/).first()).toBeVisible({ timeout: 15_000 });
  });

  test('Gunicorn --timeout shorter than the view ⇒ worker killed ⇒ 502', async ({ page }) => {
    await start(page, 50);
    for (const i of [0, 1]) {
      await select(page, 'django', i);
      await page.getByRole('button', { name: 'Slow down' }).click();
    }
    for (const i of [0, 1]) {
      await select(page, 'gunicorn', i);
      await page.getByRole('spinbutton', { name: 'Gunicorn --timeout (s)' }).fill('0.5');
    }
    await play(page);
    await expect(codes(page).locator('[data-status="502"]')).toBeVisible({ timeout: 20_000 });
    await expect(codes(page).locator('[data-status="504"]')).toHaveCount(0);
    await expect(log(page).getByText(/^Gunicorn · /).first()).toBeVisible({ timeout: 15_000 });
  });

  test("Redis down ⇒ 500s: Django's cache raises (the panel says so, and names IGNORE_EXCEPTIONS)", async ({ page }) => {
    await start(page);
    await select(page, 'redis');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByText(/Redis cache raises on every lookup/)).toBeVisible();
    await expect(page.getByText(/IGNORE_EXCEPTIONS/).first()).toBeVisible();
    await play(page);
    await expect(codes(page).locator('[data-status="500"]')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => errorsPct(page), { timeout: 15_000 }).toBeGreaterThan(1);
  });
});

test.describe('systemd and the terminal', () => {
  const unitState = (page: Page) => page.getByRole('status', { name: 'gunicorn.service state' });

  test('Restart=always brings a crashed master back after RestartSec', async ({ page }) => {
    await start(page, 20);
    await page.getByRole('tab', { name: 'Server' }).click();
    await expect(unitState(page)).toHaveText('active (running)');
    await page.getByRole('button', { name: 'Crash the master (kill -9)' }).click();
    await expect(unitState(page)).toContainText('crashed: systemd starts it again');
    await play(page);
    await expect(unitState(page)).toHaveText('active (running)', { timeout: 15_000 });
    await page.getByRole('button', { name: 'systemctl status' }).click();
    await expect(page.getByRole('log', { name: 'Terminal' })).toContainText('Restarts: 1');
  });

  test('without Restart=always the site stays down until systemctl start', async ({ page }) => {
    await start(page, 20);
    await page.getByRole('tab', { name: 'Server' }).click();
    await page.getByRole('checkbox', { name: 'Restart=always' }).uncheck();
    await page.getByRole('button', { name: 'Crash the master (kill -9)' }).click();
    await expect(unitState(page)).toContainText('failed');
    await play(page);
    // Well past RestartSec in simulated time, it is still down.
    await expect.poll(async () => Number(((await page.locator('[data-stat="time"] .stat__value').textContent()) ?? '0').replace(/[^\d.]/g, '')), { timeout: 15_000 }).toBeGreaterThan(3);
    await expect(unitState(page)).toContainText('failed');
    await page.getByRole('button', { name: 'systemctl start' }).click();
    await expect(unitState(page)).toHaveText('active (running)');
    await page.getByRole('button', { name: 'systemctl stop' }).click();
    await expect(unitState(page)).toHaveText('inactive (stopped)');
    await page.getByRole('button', { name: 'systemctl status' }).click();
    await expect(page.getByRole('log', { name: 'Terminal' })).toContainText('Active: inactive (dead)');
    await page.getByRole('button', { name: 'systemctl restart' }).click();
    await expect(unitState(page)).toHaveText('active (running)');
  });

  test('the terminal answers ps aux, top, ls and cd from the live state', async ({ page }) => {
    await start(page, 100);
    await page.getByRole('tab', { name: 'Server' }).click();
    const cmd = page.getByRole('textbox', { name: 'Terminal command' });
    const out = page.getByRole('log', { name: 'Terminal' });
    const masterPid = (await page.getByRole('row', { name: /gunicorn \(master\)/ }).getByRole('cell').first().textContent()) ?? 'x';
    await cmd.fill('ps aux');
    await cmd.press('Enter');
    await expect(out).toContainText('USER         PID %CPU %MEM');
    await expect(out).toContainText(masterPid);
    await cmd.fill('top');
    await cmd.press('Enter');
    await expect(out).toContainText('load average');
    await cmd.fill('cd config');
    await cmd.press('Enter');
    await cmd.fill('ls');
    await cmd.press('Enter');
    await expect(out).toContainText('wsgi.py');
    await cmd.fill('rm -rf /');
    await cmd.press('Enter');
    await expect(out).toContainText('read-only');
    await expect(page.getByRole('row', { name: /gunicorn \(worker\)/ })).toHaveCount(5);
  });
});

test.describe('security drills', () => {
  const drills = [
    'Attacker connects to port 8000 (Gunicorn)',
    'Attacker connects to port 5432 (PostgreSQL)',
    'Attacker connects to port 6379 (Redis)',
    'Attacker sniffs the Wi-Fi for passwords',
    'Attacker frames the site (clickjacking)',
    'Anonymous visitor opens /orders/',
  ];

  test('each drill succeeds with the protections off and is blocked with them on, saying why', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    await page.getByRole('tab', { name: 'Security' }).click();
    for (const d of drills) await page.getByRole('button', { name: `Try: ${d}` }).click();
    const results = page.locator('.ops-drill');
    for (const d of drills) await expect(results.filter({ hasText: d }).getByRole('status')).toContainText('Attack succeeded.');
    await expect(results.filter({ hasText: 'port 5432' }).getByRole('status')).toContainText('skips NGINX');
    for (const name of ['HTTPS', 'Firewall', 'Secure headers', 'Authentication']) await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    for (const d of drills) await expect(results.filter({ hasText: d }).getByRole('status')).toContainText('Blocked.');
    await expect(results.filter({ hasText: 'port 8000' }).getByRole('status')).toContainText('only 22 (SSH), 80 and 443');
    await expect(results.filter({ hasText: 'clickjacking' }).getByRole('status')).toContainText("frame-ancestors 'none'");
    await expect(results.filter({ hasText: '/orders/' }).getByRole('status')).toContainText('HTTP 302');
    await expect(page.getByRole('list', { name: 'Response headers' })).toContainText('Strict-Transport-Security');
    await expect(page.getByRole('list', { name: /anonymous visit/ })).toContainText('301 Location: https://example.com/orders/');
  });
});

test.describe('deploy', () => {
  test('a failing test stops the pipeline; a passing one deploys with a graceful reload', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    await page.getByRole('tab', { name: 'Deploy' }).click();
    const stages = page.getByRole('list', { name: 'CI/CD pipeline' });
    await page.getByRole('checkbox', { name: 'The tests pass' }).uncheck();
    await page.getByRole('button', { name: 'git push' }).click();
    await expect(stages.getByRole('listitem').filter({ hasText: 'CI: test' })).toContainText('failed', { timeout: 15_000 });
    await expect(stages.getByRole('listitem').last()).toContainText('skipped');
    await expect(page.getByText(/A test failed: the pipeline stopped/)).toBeVisible();
    await page.getByRole('checkbox', { name: 'The tests pass' }).check();
    await page.getByRole('button', { name: 'git push' }).click();
    await expect(page.getByText(/Gunicorn reloaded gracefully/)).toBeVisible({ timeout: 15_000 });
    await expect(stages.getByRole('listitem').last()).toContainText('passed');
  });

  test('a badly configured deploy stops Gunicorn and the users get 502 while it boots', async ({ page }) => {
    await start(page);
    await play(page);
    await expect.poll(() => completed(page), { timeout: 15_000 }).toBeGreaterThan(20);
    await page.getByRole('tab', { name: 'Deploy' }).click();
    await unfold(page, 'Manual vs automatic deployment');
    await page.getByRole('radio', { name: /Stop, then start/ }).check();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Run the next command' }).click();
    await expect(log(page).getByText(/Error at the user: 502/).first()).toBeVisible({ timeout: 15_000 });
  });

  test('the section-14 checklist builds the Production canvas step by step; Compose groups it', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    await page.getByRole('tab', { name: 'Deploy' }).click();
    for (const section of ['Production deployment steps (section 14)', 'Docker Compose services']) await unfold(page, section);
    await page.getByRole('button', { name: 'Start from an empty server' }).click();
    await expect(page.locator('.react-flow__node[data-kind]')).toHaveCount(1);
    await page.getByRole('checkbox', { name: /Install PostgreSQL/ }).check();
    await expect(node(page, 'postgres')).toBeVisible();
    await expect(node(page, 'nginx')).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: /Set up the server/ })).toBeChecked();
    await page.getByRole('checkbox', { name: /Collect the static files/ }).check();
    await expect(node(page, 'nginx')).toBeVisible();
    await expect(node(page, 'static')).toBeVisible();
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(2);
    const compose = page.getByRole('list', { name: 'Docker Compose services' });
    for (const s of ['web', 'db', 'redis', 'nginx']) await expect(compose.getByRole('listitem', { name: s })).toBeVisible();
    await expect(compose.getByRole('listitem', { name: 'db' })).toContainText('postgres:16');
    await expect(compose.getByRole('listitem', { name: 'nginx' })).toContainText('80:80, 443:443');
  });
});

test.describe('ops accessibility', () => {
  for (const lang of ['en', 'tr'] as const) {
    test(`axe: Server, Security, Deploy and Failures (${lang}) have no serious or critical violations`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(`./?lang=${lang}&scene=production`);
      const scan = async () => {
        const results = await new AxeBuilder({ page }).include('.sidepanel__main').analyze();
        return results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      };
      const tabs = lang === 'en' ? ['Server', 'Security', 'Deploy'] : ['Sunucu', 'Güvenlik', 'Deploy'];
      for (const tab of tabs) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await expect(page.getByRole('tabpanel').getByRole('heading', { level: 2 })).toBeVisible();
        if (tab === 'Security' || tab === 'Güvenlik') for (const b of await page.locator('.ops-drill .btn').all()) await b.click();
        expect(await scan()).toEqual([]);
      }
      await node(page, 'postgres').click();
      await expect(page.locator('.ops-failures')).toBeVisible();
      expect(await scan()).toEqual([]);
    });
  }
});

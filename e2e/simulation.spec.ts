import { test, expect } from './test';
import type { Page } from '@playwright/test';
import type { BenchHook } from '../src/ui/benchHook';

type HookWindow = Window & { __prodviz?: BenchHook };

const metric = (page: Page, label: string) =>
  page.getByRole('region', { name: 'Metrics' }).locator('.stat', { hasText: label }).locator('.stat__value');

async function number(page: Page, label: string): Promise<number> {
  const text = (await metric(page, label).textContent()) ?? '';
  return Number(text.replace(/[^\d.]/g, ''));
}

async function setSlider(page: Page, name: string, value: number) {
  await page.getByRole('slider', { name }).fill(String(value));
}

test.describe('simulation on screen', () => {
  test('Play moves Completed up and Pause freezes it', async ({ page }) => {
    await page.goto('./?lang=en&scene=production&seed=3');
    await setSlider(page, 'Requests per second', 200);
    await setSlider(page, 'Speed', 7); // 10×
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => number(page, 'Completed'), { timeout: 15_000 }).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const clockText = () => page.locator('[data-stat="time"] .stat__value').textContent();
    const frames = (count: number) =>
      page.evaluate(
        (count) =>
          new Promise<void>((resolve) => {
            let n = 0;
            const tick = () => (++n >= count ? resolve() : requestAnimationFrame(tick));
            requestAnimationFrame(tick);
          }),
        count,
      );
    // The engine's summary of the moment it paused may still be on its way from the worker
    // (under load one arrived after the button changed: 0.52 → 0.53 s): wait for it.
    await expect
      .poll(async () => {
        const before = await clockText();
        await frames(10);
        return (await clockText()) === before;
      })
      .toBe(true);
    const frozen = await metric(page, 'Completed').textContent();
    // Paused: the simulated clock does not move, so neither does Completed, across many frames.
    const clock = await clockText();
    await frames(30);
    await expect(page.locator('[data-stat="time"] .stat__value')).toHaveText(clock ?? '');
    await expect(metric(page, 'Completed')).toHaveText(frozen ?? '');
    await expect(metric(page, 'p95 latency')).toHaveText(/^\d[\d.,]* ms$/);
  });

  test('metrics read as label, number and unit', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    const region = page.getByRole('region', { name: 'Metrics' });
    await expect(region).toContainText(/Throughput\s+[\d.,]+ req\/s/);
    await expect(region).toContainText(/p95 latency\s+[\d.,]+ ms/);
    await expect(region).toContainText(/Errors\s+[\d.,]+ %/);
    await expect(region).toContainText(/Completed\s+\d+/);
    await expect(region).toContainText(/In flight\s+\d+/);
  });

  test('the event log shows NGINX → Gunicorn and Django → PostgreSQL hops', async ({ page }) => {
    await page.goto('./?lang=en&scene=production&seed=5');
    await setSlider(page, 'Requests per second', 200);
    await setSlider(page, 'Speed', 7);
    await page.getByRole('button', { name: 'Play' }).click();
    const log = page.getByRole('list', { name: 'Event log' });
    await expect(log.getByText(/NGINX → Gunicorn · GET \/products\/ · [\d.]+ ms/).first()).toBeVisible({ timeout: 15_000 });
    await expect(log.getByText(/Django → PostgreSQL/).first()).toBeVisible({ timeout: 15_000 });
    // Filtering by request type keeps only that type.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('combobox', { name: 'Show requests' }).selectOption('static');
    const rows = log.getByRole('listitem');
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allTextContents()) expect(text).toContain('/static/');
  });

  test('while traffic plays, scrolling the event log reaches its older rows', async ({ page }) => {
    await page.goto('./?lang=en&scene=production&seed=8');
    await setSlider(page, 'Requests per second', 2000);
    await page.getByRole('button', { name: 'Play' }).click();
    const log = page.getByRole('list', { name: 'Event log' });
    const rows = log.locator('.eventlog__row');
    await expect(rows.first()).toBeVisible({ timeout: 15_000 });
    // The list scrolls as far as its 40 rows reach, and scrolling brings them all in, even
    // while new summaries keep arriving.
    await expect.poll(() => log.evaluate((el) => el.scrollHeight > el.clientHeight * 2)).toBe(true);
    await log.hover();
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 2000);
        return rows.count();
      })
      .toBe(40);
    // Rows drawn in place of their room may be taller than the room was: scroll on to the end.
    await expect
      .poll(async () => {
        await page.mouse.wheel(0, 2000);
        return log.evaluate((el) => el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
      })
      .toBe(true);
    await expect(rows).toHaveCount(40);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(rows).toHaveCount(40);
  });

  test('while traffic plays, the event log scrolls as far as its 40 rows would reach', async ({ page }) => {
    await page.goto('./?lang=en&scene=production&seed=8');
    await setSlider(page, 'Requests per second', 2000);
    await page.getByRole('button', { name: 'Play' }).click();
    const log = page.getByRole('list', { name: 'Event log' });
    // Only the rows that fit are drawn; the list is as long as the 40 rows at their drawn
    // rows' mean height (two-line rows included), so the scroll bar does not change its size
    // when scrolling brings the others in.
    const length = () =>
      log.evaluate((el) => {
        const rows = Array.from(el.querySelectorAll<HTMLElement>('.eventlog__row'));
        const rest = el.querySelector('.eventlog__rest');
        if (!rest || rows.length === 0 || rows.length >= 40) return null;
        const mean = rows.reduce((s, r) => s + r.getBoundingClientRect().height, 0) / rows.length;
        return el.scrollHeight / (mean * 40);
      });
    await expect.poll(async () => Math.abs(((await length()) ?? 0) - 1) < 0.05, { timeout: 15_000 }).toBe(true);
    const playing = await log.evaluate((el) => el.scrollHeight);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(log.locator('.eventlog__row')).toHaveCount(40);
    const paused = await log.evaluate((el) => el.scrollHeight);
    expect(Math.abs(playing - paused) / paused).toBeLessThan(0.15);
  });

  test('on a 1280×720 projector in Turkish, the diagram keeps its place while the rate and speed sliders move', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('./?lang=tr&scene=production&seed=3');
    const diagram = page.locator('.react-flow');
    await expect(diagram).toBeVisible();
    const top = async () => (await diagram.boundingBox())!.y;
    const start = await top();
    // The widest values: four-digit rates ("2.000") and the slowest and fastest speeds.
    for (const rps of [10, 990, 1000, 2000]) {
      await setSlider(page, 'Saniyedeki request', rps);
      // The value as the toolbar writes it, Turkish style ("2.000"): drawn before measuring.
      const shown = rps >= 1000 ? `${Math.floor(rps / 1000)}.${String(rps % 1000).padStart(3, '0')}` : String(rps);
      await expect(page.locator('output', { hasText: 'request/sn' })).toHaveText(`${shown} request/sn`);
      expect(await top()).toBe(start);
    }
    const speed = page.getByRole('slider', { name: 'Hız' });
    for (const [key, real] of [
      ['Home', '= gerçek zamanın 0,01 katı'],
      ['End', '= gerçek zamanın 1 katı'],
    ] as const) {
      await speed.press(key);
      await expect(page.getByText(real)).toBeVisible();
      expect(await top()).toBe(start);
    }
  });

  test('every Step adds a row to the event log (the next hop)', async ({ page }) => {
    await page.goto('./?lang=en&scene=production&seed=11');
    const rows = page.getByRole('list', { name: 'Event log' }).locator('.eventlog__row');
    const step = page.getByRole('button', { name: 'Step' });
    await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
    let before = 0;
    for (let i = 1; i <= 25; i++) {
      await step.click();
      // The engine answers from its worker: wait until it has, then React draws the row(s):
      // one event can show two rows (a response and its arrival back at the user).
      await page.evaluate(async () => {
        await (window as HookWindow).__prodviz!.eventHash();
      });
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
      const after = await rows.count();
      expect(after - before).toBeLessThanOrEqual(2);
      before = after;
    }
    await expect(rows.last()).toHaveText(/^User → NGINX/);
  });

  test('a seeded run repeats exactly after reload', async ({ page }) => {
    const run = async () => {
      await page.goto('./?lang=en&scene=production&seed=42');
      const step = page.getByRole('button', { name: 'Step' });
      await expect(step).toBeEnabled();
      for (let i = 0; i < 40; i++) await step.click();
      // The engine answers in order: once this call returns, the 40 steps and the summary each
      // one asked for have reached the page, and the log shows the last of them.
      const engine = await page.evaluate(() => (window as HookWindow).__prodviz!.eventHash());
      const rows = await page.getByRole('list', { name: 'Event log' }).locator('.eventlog__row').allTextContents();
      return { engine, rows };
    };
    const first = await run();
    expect(first.rows.length).toBeGreaterThan(5);
    await page.reload();
    const second = await run();
    expect(second.engine).toEqual(first.engine);
    expect(second.rows).toEqual(first.rows);
  });

  test('runserver at 200 requests/s is far worse than production at the same load', async ({ page }) => {
    const measure = async (scene: string) => {
      await page.goto(`./?lang=en&scene=${scene}&seed=7`);
      await setSlider(page, 'Requests per second', 200);
      await setSlider(page, 'Speed', 7);
      await page.getByRole('button', { name: 'Play' }).click();
      await expect.poll(() => number(page, 'Completed'), { timeout: 20_000 }).toBeGreaterThan(150);
      await page.getByRole('button', { name: 'Pause' }).click();
      return { p95: await number(page, 'p95 latency'), errors: await number(page, 'Errors') };
    };
    const prod = await measure('production');
    const local = await measure('local');
    expect(local.p95 > prod.p95 * 3 || local.errors > prod.errors + 5).toBe(true);
  });

  test('the event log folds to its header and unfolds again', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    const toggle = page.getByRole('button', { name: 'Event log' });
    await expect(page.getByRole('list', { name: 'Event log' })).toBeVisible();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('list', { name: 'Event log' })).toBeHidden();
    await toggle.click();
    await expect(page.getByRole('list', { name: 'Event log' })).toBeVisible();
  });
});

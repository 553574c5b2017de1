import { test, expect } from './test';
import { test as plainTest } from '@playwright/test';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const SCENES = [
  { id: 'local', tab: 'Local', kinds: ['user', 'runserver', 'django', 'sqlite'], absent: ['nginx', 'gunicorn'] },
  { id: 'development', tab: 'Development', kinds: ['user', 'runserver', 'django', 'postgres'], absent: ['cdn'] },
  { id: 'staging', tab: 'Staging', kinds: ['user', 'nginx', 'gunicorn', 'django', 'postgres', 'redis'], absent: ['runserver', 'cdn'] },
  { id: 'production', tab: 'Production', kinds: ['user', 'nginx', 'gunicorn', 'django', 'postgres', 'redis', 'static', 'media', 'server'], absent: ['runserver', 'sqlite', 'cdn'] },
  { id: 'realworld', tab: 'Real world', kinds: ['user', 'cdn', 'nginx', 'gunicorn', 'django', 'postgres', 'redis'], absent: ['runserver', 'sqlite'] },
] as const;

const canvasNode = (page: Page, kind: string) => page.locator(`.react-flow__node[data-kind="${kind}"]`);

test.describe('environments', () => {
  test('five tabs in promotion order, each drawing its scene', async ({ page }) => {
    await page.goto('./?lang=en');
    const tabs = page.getByRole('tablist', { name: 'Environments' }).getByRole('tab');
    await expect(tabs).toHaveText(SCENES.map((s) => s.tab));
    for (const scene of SCENES) {
      await page.getByRole('tab', { name: scene.tab }).click();
      await expect(page.getByRole('tab', { name: scene.tab })).toHaveAttribute('aria-selected', 'true');
      for (const kind of scene.kinds) await expect(canvasNode(page, kind).first()).toBeVisible();
      for (const kind of scene.absent) await expect(canvasNode(page, kind)).toHaveCount(0);
      await expect(page).toHaveURL(new RegExp(`scene=${scene.id}`));
    }
  });

  test('switching environment frames the new diagram as opening it directly does', async ({ page }) => {
    // The diagram stays mounted across environments; its view must still be fitted to each.
    const view = () =>
      page.locator('.react-flow__viewport').evaluate((el) => {
        const m = new DOMMatrix(getComputedStyle(el).transform);
        return [m.a, m.e, m.f].map((v) => Math.round(v * 100) / 100);
      });
    const direct = new Map<string, number[]>();
    for (const id of ['local', 'realworld', 'staging']) {
      await page.goto(`./?lang=en&scene=${id}`);
      await expect(page.locator('.react-flow__edge').first()).toBeAttached();
      await expect.poll(view).not.toEqual([1, 0, 0]);
      direct.set(id, await view());
    }
    await page.goto('./?lang=en&scene=production');
    await expect(page.locator('.react-flow__edge').first()).toBeAttached();
    for (const [id, tab] of [['local', 'Local'], ['realworld', 'Real world'], ['staging', 'Staging']] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await expect.poll(view).toEqual(direct.get(id));
    }
  });

  test('the new environment slides in, except with reduced motion', async ({ page }) => {
    // Counts the slides played on the diagram's wrapper (a 350 ms animation is too short to
    // catch by polling on a busy machine): its entrance animation started again.
    await page.addInitScript(() => {
      const w = window as unknown as { __slides: number };
      w.__slides = 0;
      const play = Animation.prototype.play;
      Animation.prototype.play = function (this: Animation) {
        const target = (this.effect as KeyframeEffect | null)?.target;
        if (target?.classList.contains('canvas-anim')) w.__slides++;
        return play.call(this);
      };
    });
    const slides = () => page.evaluate(() => (window as unknown as { __slides: number }).__slides);
    await page.goto('./?lang=en&scene=production');
    await expect(page.locator('.react-flow__edge').first()).toBeAttached();
    expect(await slides()).toBe(0);
    await page.getByRole('tab', { name: 'Staging' }).click();
    await expect.poll(slides).toBe(1);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('tab', { name: 'Production' }).click();
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(2);
    await page.getByRole('tab', { name: 'Staging' }).click();
    await expect(page.locator('.react-flow__node[data-kind="gunicorn"]')).toHaveCount(1);
    expect(await slides()).toBe(1);
  });

  test('production runs two app servers, each with Gunicorn and Django', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    await expect(canvasNode(page, 'gunicorn')).toHaveCount(2);
    await expect(canvasNode(page, 'django')).toHaveCount(2);
  });

  test('arrow keys move between tabs', async ({ page }) => {
    await page.goto('./?lang=en&scene=local');
    await page.getByRole('tab', { name: 'Local' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Development' })).toBeFocused();
    await expect(page.getByRole('tab', { name: 'Development' })).toHaveAttribute('aria-selected', 'true');
    await expect(canvasNode(page, 'postgres')).toBeVisible();
  });
});

test.describe('deep links and language', () => {
  test('?scene= and ?lang= open that scene in that language', async ({ page }) => {
    await page.goto('./?scene=local&lang=tr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    await expect(page.getByRole('tablist', { name: 'Ortamlar' }).getByRole('tab', { selected: true })).toHaveText('Local');
    await expect(canvasNode(page, 'sqlite')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Dil' })).toHaveValue('tr');
  });

  test('switching language changes the text and <html lang>, and is remembered', async ({ page }) => {
    await page.goto('./?scene=production');
    await page.evaluate(() => localStorage.clear());
    await page.goto('./?scene=production&lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('tr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    await expect(page.getByRole('tab', { name: 'Büyük ölçek' })).toBeVisible();
    await expect(page.getByText(/[ıİşğçöü]/).first()).toBeVisible();
    // The saved choice wins over the browser once there is no ?lang= in the address.
    await page.goto('./?scene=production');
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  });

  test('a Turkish browser gets Turkish, others English', async ({ browser }) => {
    for (const [locale, lang] of [
      ['tr-TR', 'tr'],
      ['de-DE', 'en'],
    ] as const) {
      const ctx = await browser.newContext({ locale });
      const page = await ctx.newPage();
      await page.goto('./');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await ctx.close();
    }
  });
});

test.describe('canvas', () => {
  test('a node can be dragged', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    const nginx = canvasNode(page, 'nginx');
    await expect(nginx).toBeVisible();
    const before = await nginx.boundingBox();
    if (!before) throw new Error('no box');
    await page.mouse.move(before.x + 60, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + 60, before.y + before.height / 2 + 60, { steps: 8 });
    await page.mouse.move(before.x + 60, before.y + before.height / 2 + 120, { steps: 8 });
    await page.mouse.up();
    const after = await nginx.boundingBox();
    expect(after && after.y - before.y).toBeGreaterThan(60);
  });

  test('selecting a node opens the inspector that teaches', async ({ page }) => {
    await page.goto('./?lang=en&scene=production');
    await canvasNode(page, 'nginx').click();
    const panel = page.getByRole('complementary', { name: 'Details' });
    await expect(panel.getByRole('heading', { name: 'NGINX' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'What it does' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Why it is here' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Without it' })).toBeVisible();
    await expect(panel).toContainText(/static/i);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('tr');
    const panelTr = page.getByRole('complementary', { name: 'Ayrıntılar' });
    await expect(panelTr.getByRole('heading', { name: 'Ne yapar?' })).toBeVisible();
  });

  test('the keyboard selects a node too', async ({ page }) => {
    await page.goto('./?lang=en&scene=local');
    await canvasNode(page, 'runserver').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('tabpanel', { name: 'Details' }).getByRole('heading', { level: 2 })).toHaveText('runserver');
  });
});

test.describe('accessibility', () => {
  for (const scene of SCENES) {
    for (const lang of ['en', 'tr']) {
      test(`axe: ${scene.id} (${lang}) has no serious or critical violations`, async ({ page }) => {
        // Scan the settled page, not a frame of the scene's fade-in.
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await page.goto(`./?lang=${lang}&scene=${scene.id}`);
        await expect(canvasNode(page, 'user').first()).toBeVisible();
        const results = await new AxeBuilder({ page }).analyze();
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        expect(bad).toEqual([]);
      });
    }
  }

  test('dark theme passes too', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('./?lang=en&scene=production');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // The theme switch repaints lazily loaded parts (legend, side panel) over a few frames: scan
    // until the page has settled; a real violation never settles and fails the poll.
    await expect
      .poll(
        async () => {
          const results = await new AxeBuilder({ page }).analyze();
          return results.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        },
        { timeout: 15_000 },
      )
      .toEqual([]);
  });

  test('nothing overflows the window at 1280×720 in either language', async ({ page }) => {
    for (const lang of ['tr', 'en']) {
      await page.goto(`./?lang=${lang}&scene=realworld`);
      await expect(canvasNode(page, 'cdn')).toBeVisible();
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth,
        y: document.documentElement.scrollHeight - window.innerHeight,
        topbar: (() => {
          const el = document.querySelector('.topbar');
          return el ? el.scrollWidth - el.clientWidth : 0;
        })(),
        sidepanel: (() => {
          const el = document.querySelector('.sidepanel');
          return el ? el.scrollWidth - el.clientWidth : 0;
        })(),
      }));
      expect(overflow).toEqual({ x: 0, y: 0, topbar: 0, sidepanel: 0 });
    }
  });
});

// Slow school Wi-Fi: the page's frame paints from index.html before the scripts arrive, and
// gives way to the app as soon as it renders.
test('the frame shows before the scripts load and hides once the app renders', async ({ page }) => {
  await page.route('**/*.js', (route) => route.abort());
  await page.goto('./?lang=en');
  await expect(page.locator('#boot .boot__bar')).toBeVisible();
  await page.unroute('**/*.js');
  await page.goto('./?lang=en');
  await expect(canvasNode(page, 'nginx').first()).toBeVisible();
  await expect(page.locator('#boot')).toBeHidden();
});

test("before the app's scripts run, the first paint already shows the environment's text in the reader's language", async ({ page }) => {
  // Only the app's entry module is held back: the page shows what the HTML and the boot script give.
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort());
  await page.goto('./?scene=staging&lang=tr');
  const boot = page.locator('#boot-staging-tr');
  // The frame is aria-hidden (assistive technology reads the app), so by selector, not role.
  await expect(boot.locator('h2')).toHaveText('Staging');
  await expect(boot).toBeVisible();
  await expect(boot).toContainText('Bir önceki adımdan farkı');
  await expect(boot).toContainText('Gunicorn');
  await expect(page.locator('#boot section.inspector:visible')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
});

test('when the app takes over, the side panel text stays where the first paint put it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  // Not until "load": the held entry module holds the load event back too.
  await page.goto('./?scene=production&lang=en', { waitUntil: 'domcontentloaded' });
  const changes = (root: string) => page.locator(`${root} section.inspector:not([hidden]) > p`).nth(2);
  await expect(changes('#boot')).toBeVisible();
  const before = await changes('#boot').boundingBox();
  release();
  await expect(page.locator('#boot')).toBeHidden();
  await expect(changes('#root')).toHaveText(/NGINX load-balances/);
  const after = await changes('#root').boundingBox();
  // Within a pixel (the app's header differs from the frame's by a fraction of one).
  for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs((after?.[key] ?? -99) - (before?.[key] ?? 99))).toBeLessThan(1);
});

// A stylesheet added while the diagram mounts restyles and lays out the whole page inside the
// mount's long task (docs/notes/perf.md, session 7): what is drawn at load — the diagram, its
// packets, the trace highlight, the palette — is styled by the page's own sheet.
test("what the page draws at load needs no stylesheet but the page's own", async ({ page }) => {
  const sheets: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'stylesheet') sheets.push(new URL(r.url()).pathname);
  });
  await page.goto('./?scene=production&lang=en');
  await expect(canvasNode(page, 'nginx').first()).toBeVisible();
  await expect(page.locator('canvas.pv-packets')).toBeAttached();
  // The palette's chunk is the last of the load's lazy parts to render.
  await expect(page.locator('section.palette').first()).toBeAttached();
  expect(sheets).toEqual([expect.stringMatching(/\/assets\/index-[^/]*\.css$/)]);
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(1);
});

// Playwright's own `test`: no pointer arrives, so the first input below is the Step click.
plainTest('the toolbar and side panel work while React Flow is still loading, over the diagram drawn without it; then React Flow arrives', async ({ page }) => {
  // Hold React Flow's chunk back: everything else is on screen and usable without it.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/CanvasRoot-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./?lang=tr&scene=production');
  await expect(page.getByRole('heading', { name: 'Production' })).toBeVisible();
  await expect(page.locator('.pv-static__node[data-kind="nginx"]')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // The simulation runs without React Flow: Step reaches the event log, the diagram stays drawn.
  await page.getByRole('button', { name: 'Adım' }).click();
  await expect(page.getByRole('list', { name: 'Olay günlüğü' }).locator('.eventlog__row').first()).toBeVisible();
  await expect(page.locator('.pv-static__node[data-kind="nginx"]')).toBeVisible();
  release();
  await expect(canvasNode(page, 'nginx').first()).toBeVisible();
  await expect(page.locator('.pv-static')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge').first()).toBeAttached();
});

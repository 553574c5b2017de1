/**
 * Issue 16: hostile links, saved state and the page itself. Each test names the defect it
 * covers (1–8); every one failed on the code before the fix.
 */
import { test, expect } from './test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import lzString from 'lz-string';
import { lzBomb } from '../src/core/export/lzBomb';
import { fillStorage } from './storage';

const { compressToEncodedURIComponent } = lzString;

const nodes = (page: Page, kind: string) => page.locator(`.react-flow__node[data-kind="${kind}"]`);
const alertWith = (page: Page, text: string | RegExp) =>
  page.getByRole('alert').filter({ hasText: text });
const palette = (page: Page) => page.getByRole('region', { name: 'Components' });

/** The production preset with one change, as document text. */
function productionDoc(change: (nodes: Record<string, unknown>[]) => void = () => {}): string {
  const preset = JSON.parse(readFileSync('e2e/fixtures/production.json', 'utf8')) as {
    topology: { nodes: Record<string, unknown>[] };
  };
  change(preset.topology.nodes);
  return JSON.stringify(preset);
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function importText(page: Page, text: string) {
  await page.getByLabel('Import a ProdViz JSON document').setInputFiles({
    name: 'doc.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    try {
      localStorage.setItem('prodviz.editor', '1');
    } catch {
      /* storage made to fail on purpose */
    }
  });
});

test.describe('1. prototype keys', () => {
  test('an inherited label key in saved state, a file or a link never blanks the page', async ({
    page,
  }) => {
    const errors = collectErrors(page);
    const hostile = (name: string) =>
      productionDoc((ns) => {
        ns.find((n) => n.kind === 'server')!.labelKey = `scenes.labels.${name}`;
      });
    await page.goto('./?lang=en&scene=production');
    await page.evaluate((text) => localStorage.setItem('prodviz.doc.production', text), hostile('valueOf'));
    await page.reload();
    // Saved state is repaired per field on read: the unknown key is dropped, the rest kept.
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await expect(nodes(page, 'server')).toHaveCount(4);

    await importText(page, hostile('constructor'));
    await expect(alertWith(page, 'scenes.labels.constructor')).toBeVisible();
    await expect(nodes(page, 'nginx')).toHaveCount(1);

    await page.goto(`./?lang=en&scene=production#doc=${compressToEncodedURIComponent(hostile('hasOwnProperty'))}`);
    await expect(alertWith(page, 'scenes.labels.hasOwnProperty')).toBeVisible();
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});

test.describe('2. error boundaries', () => {
  test('a crash in the canvas leaves the rest working and offers download, reset and report', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('./?lang=en&scene=production');
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await page.evaluate(() => {
      (window as unknown as { __prodvizCrash: unknown }).__prodvizCrash = { area: 'canvas', nodeId: 'sqlite' };
    });
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    const crash = alertWith(page, 'Something went wrong in the diagram');
    await expect(crash).toBeVisible();
    // The rest keeps working: the side panel switches tabs, the transport plays.
    await page.getByRole('tab', { name: 'Scaling' }).click();
    await expect(page.getByRole('tab', { name: 'Scaling' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Metrics' })).toBeVisible();

    const download = page.waitForEvent('download');
    await crash.getByRole('button', { name: 'Download this document' }).click();
    const saved = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      topology: { nodes: { kind: string }[] };
    };
    expect(saved.topology.nodes.some((n) => n.kind === 'sqlite')).toBe(true);

    await crash.getByRole('button', { name: 'Report' }).click();
    await expect(crash).toContainText('diagnostic text is copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^ProdViz diagnostic/);

    await crash.getByRole('button', { name: 'Reset this scene' }).click();
    await expect(crash).toHaveCount(0);
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await expect(nodes(page, 'sqlite')).toHaveCount(0);
  });

  test('a crash in a side panel keeps the canvas', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { __prodvizCrash: unknown }).__prodvizCrash = { area: 'panel' };
    });
    await page.goto('./?lang=en&scene=production');
    await expect(alertWith(page, 'Something went wrong in this panel')).toBeVisible();
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  });

  test('a saved document that crashes on load is set aside and the scene starts from its preset', async ({
    page,
  }) => {
    const saved = productionDoc((ns) => {
      ns.push({ id: 'boom', kind: 'redis', position: { x: 900, y: 900 } });
    });
    await page.addInitScript(() => {
      (window as unknown as { __prodvizCrash: unknown }).__prodvizCrash = { area: 'canvas', nodeId: 'boom' };
    });
    await page.goto('./?lang=en&scene=production');
    await page.evaluate((text) => localStorage.setItem('prodviz.doc.production', text), saved);
    await page.reload();
    await expect(alertWith(page, 'set aside')).toBeVisible();
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await expect(nodes(page, 'redis')).toHaveCount(1);
    const banner = alertWith(page, 'could not be read');
    const download = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Download the saved copy' }).click();
    expect(readFileSync(await (await download).path(), 'utf8')).toBe(saved);
    await page.reload();
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    await expect(alertWith(page, 'Something went wrong')).toHaveCount(0);
  });
});

test.describe('3. share-link bombs', () => {
  test('a decompression bomb or an over-long link is refused with its reason; nothing changes', async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await page.goto('./?lang=en&scene=production');
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    // Pasted into the open tab: only the hash changes.
    await page.evaluate((bomb) => (window.location.hash = `doc=${bomb}`), lzBomb(60_000));
    await expect(alertWith(page, 'unpacks to more than 1 MB')).toBeVisible();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    await page.evaluate(() => (window.location.hash = `doc=${'A'.repeat(200_001)}`));
    await expect(alertWith(page, 'longer than 200000 characters')).toBeVisible();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});

test.describe('8. storage full', () => {
  test('a share link can be made while storage is full', async ({ page }) => {
    await fillStorage(page, 'prodviz.');
    await page.goto('./?lang=en&scene=production');
    await palette(page).getByRole('button', { name: 'Add Redis' }).click();
    await expect(alertWith(page, 'Browser storage is full')).toBeVisible();
    await page.getByRole('button', { name: 'Share link' }).click();
    await expect(page.getByRole('textbox', { name: 'Link' })).toHaveValue(/#doc=/);
  });
});

test('8. with storage unavailable (a throwing localStorage) the app renders and a link can be made', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto('./?lang=en&scene=production');
  await expect(nodes(page, 'nginx')).toHaveCount(1);
  await page.getByRole('button', { name: 'Edit the diagram' }).click();
  await palette(page).getByRole('button', { name: 'Add Redis' }).click();
  await expect(alertWith(page, 'storage')).toBeVisible();
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('textbox', { name: 'Link' })).toHaveValue(/#doc=/);
  expect(errors).toEqual([]);
});

test.describe('4. query parameters', () => {
  test('unknown values fall back with a notice, never a blank page', async ({ page }) => {
    const errors = collectErrors(page);
    const long = 'x'.repeat(8000);
    await page.goto(`./?lang=en&scene=${long}&seed=abc&lesson=nope&step=2&join=%3Cb%3E`);
    await expect(nodes(page, 'nginx')).toHaveCount(1);
    const notice = alertWith(page, `scene “${'x'.repeat(40)}…” that does not exist, so Production is shown`);
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('seed “abc”');
    await expect(notice).toContainText('lesson “nope”');
    await expect(notice).toContainText('class code “<b>”');
    await expect(page).not.toHaveURL(/xxxx|seed=|lesson=|join=/);
    await page.goto('./?lang=fr&scene=staging');
    await expect(alertWith(page, 'language “fr”')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Staging' })).toHaveAttribute('aria-selected', 'true');
    expect(errors).toEqual([]);
  });
});

test('4. an address the server refused as too long arrives as a notice in the user\'s language', async ({ page }) => {
  // server/longUrl.ts and deploy/nginx send a request line over 64 KB to /?notice=too-long.
  await page.goto('./?lang=tr&notice=too-long');
  await expect(alertWith(page, 'ProdViz bağlantıdaki bilgiler olmadan açıldı')).toBeVisible();
  await expect(nodes(page, 'nginx')).toHaveCount(1);
  await expect(page).not.toHaveURL(/notice=/);
});

test.describe('5. replacing work that is not safely saved', () => {
  test('with storage full, a pasted link and an import both ask first', async ({ page }) => {
    await fillStorage(page);
    const shared = productionDoc((ns) => {
      ns.push({ id: 'cdn', kind: 'cdn', position: { x: -300, y: 0 } });
    });
    await page.goto('./?lang=en&scene=production');
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    await expect(alertWith(page, 'Browser storage is full')).toBeVisible();

    await page.evaluate((h) => (window.location.hash = h), `doc=${compressToEncodedURIComponent(shared)}`);
    const ask = page.getByRole('dialog', { name: 'Replace your work?' });
    await expect(ask).toContainText('storage is full');
    await ask.getByRole('button', { name: 'Keep my work' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    await expect(nodes(page, 'cdn')).toHaveCount(0);

    await importText(page, shared);
    await expect(ask).toContainText('Opening the file replaces it');
    await ask.getByRole('button', { name: 'Keep my work' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);

    await page.evaluate((h) => (window.location.hash = h), `doc=${compressToEncodedURIComponent(shared)}`);
    await ask.getByRole('button', { name: 'Replace it' }).click();
    await expect(nodes(page, 'cdn')).toHaveCount(1);
    await expect(nodes(page, 'sqlite')).toHaveCount(0);
  });
});

test.describe('5. every path that replaces work asks first', () => {
  test('starting a lesson over work that storage could not keep asks; Keep closes the lesson and keeps it', async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await fillStorage(page);
    await page.goto('./?lang=en&scene=production');
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    await expect(alertWith(page, 'Browser storage is full')).toBeVisible();

    const startNginx = async () => {
      await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      await page.getByRole('dialog', { name: 'Course lessons' }).getByRole('button', { name: 'NGINX', exact: true }).click();
    };
    await startNginx();
    const ask = page.getByRole('dialog', { name: 'Replace your work?' });
    await expect(ask).toContainText('storage is full');
    await expect(ask).toContainText('Opening the lesson replaces it');
    await ask.getByRole('button', { name: 'Keep my work' }).click();
    await expect(page.getByRole('region', { name: 'Lesson' })).toHaveCount(0);
    await page.getByRole('tab', { name: 'Production' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);

    await startNginx();
    await ask.getByRole('button', { name: 'Replace it' }).click();
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('1 /');
    await page.getByRole('tab', { name: 'Production' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('starting a challenge over work that storage could not keep asks; Keep keeps it', async ({ page }) => {
    await fillStorage(page);
    await page.goto('./?lang=en&scene=production');
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    await expect(alertWith(page, 'Browser storage is full')).toBeVisible();

    await page.getByRole('button', { name: 'Challenges' }).click();
    const list = page.getByRole('dialog', { name: 'Challenges' });
    await list.getByRole('button', { name: 'Start: Rebuild Production from parts' }).click();
    const ask = page.getByRole('dialog', { name: 'Replace your work?' });
    await expect(ask).toContainText('Opening the challenge replaces it');
    await ask.getByRole('button', { name: 'Keep my work' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Rebuild Production from parts' })).toHaveCount(0);

    await list.getByRole('button', { name: 'Start: Rebuild Production from parts' }).click();
    await ask.getByRole('button', { name: 'Replace it' }).click();
    await expect(page.getByRole('region', { name: 'Rebuild Production from parts' })).toBeVisible();
    await expect(nodes(page, 'sqlite')).toHaveCount(0);
  });

  test('with storage unavailable, starting a lesson asks too', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto('./?lang=en&scene=production&lesson=nginx&step=1');
    // Nothing of the person's yet: the lesson opens without a question.
    await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('1 /');
    await page.getByRole('button', { name: /Close the lesson|Close lesson/ }).click();
    await page.getByRole('tab', { name: 'Production' }).click();
    await page.getByRole('button', { name: 'Edit the diagram' }).click();
    await palette(page).getByRole('button', { name: 'Add SQLite' }).click();
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByRole('dialog', { name: 'Course lessons' }).getByRole('button', { name: 'NGINX', exact: true }).click();
    const ask = page.getByRole('dialog', { name: 'Replace your work?' });
    await expect(ask).toContainText('storage is not available');
    await ask.getByRole('button', { name: 'Keep my work' }).click();
    await page.getByRole('tab', { name: 'Production' }).click();
    await expect(nodes(page, 'sqlite')).toHaveCount(1);
  });
});

test('7. a lazy chunk that fails to load (a redeploy) says a newer version is available, not a blank page', async ({
  page,
}) => {
  // What a server does after a redeploy: the old hashed chunk is gone, index.html comes back.
  await page.route(/\/assets\/ScalingPanel-[^/]+\.js$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>ProdViz</title>' }),
  );
  await page.goto('./?lang=en&scene=production');
  await expect(nodes(page, 'nginx')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Scaling' }).click();
  const stale = alertWith(page, 'A newer version of ProdViz is available');
  await expect(stale).toBeVisible();
  await expect(stale.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(nodes(page, 'nginx')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('tab', { name: 'Details' })).toHaveAttribute('aria-selected', 'true');
});

test('7. names with direction overrides, C1 controls, lone surrogates or only invisible characters are refused with the reason', async ({
  page,
}) => {
  await page.goto('./?lang=en&scene=production');
  const cases: [string, RegExp][] = [
    ['admin\u202Egnp.exe', /text-direction characters/],
    ['a\u0085b', /control characters/],
    ['x\uD800y', /broken character/],
    ['\u200B\u200B', /only of spaces or invisible/],
  ];
  for (const [label, reason] of cases) {
    await importText(page, productionDoc((ns) => (ns[0]!.label = label)));
    await expect(alertWith(page, reason)).toBeVisible();
  }
  const deep = `{"format":"prodviz","version":1,"scene":"production","topology":${'['.repeat(70)}${']'.repeat(70)}}`;
  await importText(page, deep);
  await expect(alertWith(page, 'more than 64 levels deep')).toBeVisible();
});

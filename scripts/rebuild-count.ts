/**
 * Counts the actions a student needs to rebuild Production from an empty canvas at 1366×768
 * (issue 13: was 30). One action = one palette drag, one connection drag (from a component's
 * arrow to the target), one click or one key press. Setting up (Clear, folding the column
 * again) is not counted. Prints the count, whether the result has the preset's components and
 * connections, and the Problems count; screenshots go to OUT (default /tmp).
 *
 *   npx vite build && npx vite preview --port 4216 --strictPort --host 127.0.0.1 &
 *   BASE=http://127.0.0.1:4216 npx tsx scripts/rebuild-count.ts
 */
import { chromium, type Locator } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './chromium';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4216';
const OUT = process.env.OUT ?? '/tmp';
const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(`${BASE}/?lang=en&scene=production`);
await page.locator('.canvas-wrap').waitFor();
await page.mouse.move(600, 400); // a person arriving brings React Flow (flowWake.ts)
await page.locator('.react-flow__node[data-kind="nginx"]').waitFor();

const shape = () =>
  page.evaluate(() => {
    const kinds: Record<string, number> = {};
    for (const n of Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node')))
      kinds[n.dataset.kind!] = (kinds[n.dataset.kind!] ?? 0) + 1;
    const edges = Array.from(document.querySelectorAll('.react-flow__edge'))
      .map((e) => (e.getAttribute('aria-label') ?? '').replace(/ \d+/g, ''))
      .sort();
    return JSON.stringify({ kinds: Object.entries(kinds).sort(), edges });
  });
const preset = await shape();

// Setup, not counted: an empty canvas, the column folded into the rail again.
await page.getByRole('button', { name: 'Edit the diagram' }).click();
await page.getByRole('button', { name: 'Clear', exact: true }).click();
await page.getByRole('button', { name: 'Clear the diagram' }).click();
await page.getByRole('button', { name: 'Edit the diagram' }).click();
await page.locator('.react-flow__node').first().waitFor({ state: 'detached' }).catch(() => {});
await page.waitForTimeout(500); // the refit after folding (a look, not a test)

let actions = 0;
const palette = page.getByRole('region', { name: 'Components' });
const canvas = (await page.locator('.react-flow').boundingBox())!;
const settle = () => page.waitForTimeout(150);

async function drag(name: string, to: { x: number; y: number }) {
  actions++;
  const from = (await palette.getByRole('button', { name: `Add ${name}` }).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await settle();
}
const boxIds = () =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node[data-kind="server"]'), (n) => n.dataset.id!),
  );
async function newBox(to: { x: number; y: number }) {
  const before = await boxIds();
  await drag('Server', to);
  const id = (await boxIds()).find((i) => !before.includes(i))!;
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}
async function into(box: Locator, names: string[]) {
  for (const name of names) {
    const r = (await box.boundingBox())!;
    await drag(name, { x: r.x + r.width / 2, y: r.y + r.height / 2 + 10 });
  }
}
const byKind = (kind: string, i = 0) => page.locator(`.react-flow__node[data-kind="${kind}"]`).nth(i);
async function connect(from: Locator, to: Locator) {
  actions++;
  await from.hover();
  const arrow = (await from.locator('.pv-arrow--right').boundingBox())!;
  await page.mouse.move(arrow.x + arrow.width / 2, arrow.y + arrow.height / 2);
  await page.mouse.down();
  const t = (await to.boundingBox())!;
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2, { steps: 8 });
  await page.mouse.up();
  await settle();
}

await drag('User', { x: canvas.x + 80, y: canvas.y + 330 });
const web = await newBox({ x: canvas.x + 300, y: canvas.y + 330 });
await into(web, ['NGINX', 'Static files', 'Media files']);
const app = await newBox({ x: canvas.x + 560, y: canvas.y + 250 });
await into(app, ['Gunicorn', 'Django']);
const db = await newBox({ x: canvas.x + 820, y: canvas.y + 330 });
await into(db, ['PostgreSQL', 'Redis']);
await connect(byKind('user'), byKind('nginx'));
await connect(byKind('nginx'), byKind('static'));
await connect(byKind('nginx'), byKind('media'));
await connect(byKind('nginx'), byKind('gunicorn'));
await connect(byKind('gunicorn'), byKind('django'));
await connect(byKind('django'), byKind('postgres'));
await connect(byKind('django'), byKind('redis'));
// The second app server: select the app box by its header, Ctrl+D copies it with its contents.
const a = (await app.boundingBox())!;
actions++;
await page.mouse.click(a.x + 30, a.y + 10);
actions++;
await page.keyboard.press('Control+d');
await settle();
await connect(byKind('nginx'), byKind('gunicorn', 1));
await connect(byKind('django', 1), byKind('postgres'));
await connect(byKind('django', 1), byKind('redis'));
await page.waitForTimeout(300);
await page.screenshot({ path: `${OUT}/rebuild-count.png` });

await page.getByRole('tab', { name: 'Problems' }).click();
const problems = await page.getByText(/^Problems \d+ found|^No problems found/).first().textContent();
console.log(`actions: ${actions}`);
console.log(`same components and connections as the preset: ${(await shape()) === preset}`);
console.log(`problems panel: ${problems?.trim()}`);
await browser.close();

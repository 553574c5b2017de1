// Screenshots for looking at the app: node scripts/shoot.mjs [baseUrl] [outDir]
// Takes every scene in Turkish and English at 1280×720 and 1920×1080 (needs `npm run preview`).
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const out = process.argv[3] ?? '/tmp/shots';
const only = process.env.SHOTS; // e.g. "production:en:1280"
mkdirSync(out, { recursive: true });
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const scenes = ['local', 'development', 'staging', 'production', 'realworld'];
for (const [w, h] of [[1280, 720], [1920, 1080]]) {
  for (const lang of ['tr', 'en']) {
    for (const scene of scenes) {
      const key = `${scene}:${lang}:${w}`;
      if (only && !only.split(',').some((o) => key.startsWith(o))) continue;
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`${base}?lang=${lang}&scene=${scene}${process.env.EXTRA ?? ''}`);
      await page.waitForSelector('.react-flow__node');
      await page.waitForTimeout(600);
      if (process.env.CLICK) await page.locator(process.env.CLICK).first().click();
      if (process.env.DARK) await page.locator('.topbar__controls .btn').click();
      await page.screenshot({ path: `${out}/${scene}-${lang}-${w}.png` });
      await page.close();
    }
  }
}
await browser.close();
console.log(`screenshots in ${out}`);

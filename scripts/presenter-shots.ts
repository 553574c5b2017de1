/**
 * Screenshots of presenter mode at 1280×720 (the projector), for docs/ and for looking at.
 *
 *   BASE=http://127.0.0.1:4214 npx tsx scripts/presenter-shots.ts                 # docs/presenter-{tr,en}.png
 *   BASE=… npx tsx scripts/presenter-shots.ts out/ nginx:4 scaling:5 local:1     # any steps, into out/
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './chromium';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4214';
const [dir = 'docs', ...steps] = process.argv.slice(2);
const width = Number(process.env.W ?? 1280);
const height = Number(process.env.H ?? 720);
const card = process.env.CARD === '1';
mkdirSync(dir, { recursive: true });

const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
const jobs = steps.length
  ? steps.flatMap((s) => ['tr', 'en'].map((lang) => ({ lang, lesson: s.split(':')[0]!, step: Number(s.split(':')[1] ?? 1) })))
  : ['tr', 'en'].map((lang) => ({ lang, lesson: 'scaling', step: 5, file: `presenter-${lang}.png` }));
for (const job of jobs) {
  const ctx = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.addInitScript(() => localStorage.setItem('prodviz.welcome.seen', '1'));
  await page.goto(`${BASE}/?lang=${job.lang}&lesson=${job.lesson}&step=${job.step}${card ? '' : '&present=1'}`);
  await page.locator(card ? '.lesson-card' : '.presenter').waitFor();
  // Let the traffic run a little so the packets and numbers show.
  await page.waitForTimeout(1500);
  const file = 'file' in job && job.file ? job.file : `${job.lesson}-${job.step}-${job.lang}${card ? '-card' : ''}-${width}.png`;
  await page.screenshot({ path: `${dir}/${file}` });
  console.log(`${dir}/${file}`);
  await ctx.close();
}
await browser.close();

import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const base = 'http://127.0.0.1:4213/';
async function shot(name, url, w, h, fn) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(base + url);
  await page.waitForTimeout(800);
  if (fn) await fn(page);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await page.close();
}
import fs from 'node:fs'; fs.mkdirSync('/tmp/shots', { recursive: true });
const which = process.argv[2] ?? 'all';
if (which === 'all' || which === 'tabs') {
  await shot('tabs-tr-1280', '?lang=tr', 1280, 720);
  await shot('tabs-en-1366', '?lang=en', 1366, 768);
  await shot('tabs-tr-1920', '?lang=tr', 1920, 1080);
}
if (which === 'all' || which === 'tip') {
  await shot('tip-p95-tr', '?lang=tr', 1280, 720, async (p) => { await p.locator('[data-stat="p95"] .glossary-tip').hover(); await p.getByRole('tooltip').waitFor(); });
}
if (which === 'all' || which === 'lesson') {
  await shot('lesson-chip-tr', '?lang=tr&lesson=performance&step=2', 1280, 720, async (p) => { await p.getByRole('region', { name: 'Ders' }).waitFor(); });
  await shot('lesson-aside-en', '?lang=en&lesson=wsgi&step=1', 1366, 768, async (p) => { await p.getByRole('region', { name: 'Lesson' }).waitFor(); });
  await shot('lesson-predict-tr', '?lang=tr&lesson=first-deploy&step=1', 1280, 720, async (p) => { const c = p.getByRole('region', { name: 'Ders' }); await c.waitFor(); await c.getByRole('button', { name: /Sonraki|İleri/ }).click(); await p.waitForTimeout(300); });
}
if (which === 'all' || which === 'dialogs') {
  await shot('lessons-path-tr', '?lang=tr', 1280, 720, async (p) => { await p.getByRole('button', { name: 'Dersler', exact: true }).click(); await p.getByRole('button', { name: '45 dakikalık ders' }).click(); await p.waitForTimeout(300); });
  await shot('glossary-en', '?lang=en', 1366, 768, async (p) => { await p.getByRole('button', { name: 'Lessons', exact: true }).click(); await p.getByRole('button', { name: 'Glossary' }).click(); await p.getByLabel(/Search the glossary/).fill('gunicorn'); await p.waitForTimeout(300); });
  await shot('interview-tr', '?lang=tr', 1920, 1080, async (p) => { await p.getByRole('button', { name: 'Quiz', exact: true }).click(); await p.getByRole('button', { name: /Mülakat soruları/ }).click(); await p.keyboard.press('ArrowRight'); await p.waitForTimeout(300); });
}
await browser.close();

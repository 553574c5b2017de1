/**
 * Measures presenter mode as the back row sees it, on every step of every lesson:
 * rendered node-name and role sizes (computed font size × the canvas zoom), how much of the
 * screen the diagram's nodes cover, the caption's share of the height, narration/title
 * sizes, how faded the not-highlighted nodes are, and — outside presenter mode — whether the
 * lesson card covers a highlighted node.
 *
 *   npx vite build && npx vite preview --port 4214 --strictPort --host 127.0.0.1 &
 *   BASE=http://127.0.0.1:4214 npx tsx scripts/measure-presenter.ts [--card] [--lang=tr]
 *
 * Prints one row per step and a summary (min / median / max).
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './chromium';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4214';
const lang = process.argv.find((a) => a.startsWith('--lang='))?.slice(7) ?? 'tr';
const cardMode = process.argv.includes('--card');
const sizes = cardMode
  ? [
      { width: 1280, height: 720 },
      { width: 1366, height: 768 },
    ]
  : [{ width: 1280, height: 720 }];

interface Row {
  lesson: string;
  step: string;
  name: number;
  role: number;
  cover: number;
  caption: number;
  narration: number;
  title: number;
  faded: number;
  metrics: number;
  cardHits: number;
}

async function settle(page: Page) {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 700)))),
  );
}

function measure(page: Page): Promise<Row> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = vp ? new DOMMatrixReadOnly(getComputedStyle(vp).transform).a : 1;
    const onScreen = (r: DOMRect) => r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh && r.width > 0;
    const px = (sel: string) => {
      const out: number[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
        if (!onScreen(el.getBoundingClientRect())) continue;
        out.push(parseFloat(getComputedStyle(el).fontSize) * zoom);
      }
      return out.length ? Math.min(...out) : 0;
    };
    const nodes = Array.from(document.querySelectorAll<HTMLElement>(".react-flow__node"));
    let l = Infinity,
      t = Infinity,
      r = -Infinity,
      b = -Infinity;
    for (const n of nodes) {
      const q = n.getBoundingClientRect();
      if (!onScreen(q)) continue;
      l = Math.min(l, Math.max(0, q.left));
      t = Math.min(t, Math.max(0, q.top));
      r = Math.max(r, Math.min(vw, q.right));
      b = Math.max(b, Math.min(vh, q.bottom));
    }
    const cover = r > l ? ((r - l) * (b - t)) / (vw * vh) : 0;
    const cap = document.querySelector<HTMLElement>('.presenter');
    const fs = (sel: string) => {
      const el = document.querySelector<HTMLElement>(sel);
      return el ? parseFloat(getComputedStyle(el).fontSize) : 0;
    };
    let faded = 1;
    for (const n of nodes) faded = Math.min(faded, parseFloat(getComputedStyle(n).opacity));
    const card = document.querySelector<HTMLElement>('.lesson-card')?.getBoundingClientRect();
    const hl = (document.documentElement.dataset.lessonHighlight ?? '')
      .split(' ')
      .filter(Boolean);
    let cardHits = 0;
    if (card)
      for (const id of hl) {
        const q = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
        if (q && q.left < card.right && q.right > card.left && q.top < card.bottom && q.bottom > card.top) cardHits++;
      }
    const counter = document.querySelector('.presenter__counter, .lesson-card__counter')?.textContent ?? '';
    return {
      lesson: new URL(location.href).searchParams.get('lesson') ?? '',
      step: counter.replace(/[^\d/ ]/g, '').trim(),
      name: px('.pv-node__name, .pv-server__name'),
      role: px('.pv-node__role'),
      cover: Math.round(cover * 100),
      caption: cap ? Math.round((cap.getBoundingClientRect().height / vh) * 100) : 0,
      narration: fs('.presenter__narration'),
      title: fs('.presenter__title'),
      faded,
      metrics: fs('.metrics .stat__value'),
      cardHits,
    };
  });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]?.toFixed(1)} · median ${s[Math.floor(s.length / 2)]?.toFixed(1)} · max ${s[s.length - 1]?.toFixed(1)}`;
};

const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
for (const size of sizes) {
  const ctx = await browser.newContext({ viewport: size, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  // tsx keeps function names with a __name helper the page does not have.
  await page.addInitScript('window.__name = (f) => f');
  await page.addInitScript(() => {
    try {
      localStorage.setItem('prodviz.welcome.seen', '1');
    } catch {
      /* ignore */
    }
  });
  await page.goto(`${BASE}/?lang=${lang}&lesson=environments&step=1`);
  await page.locator('.lesson-card, .presenter').first().waitFor();
  if (!cardMode) {
    await page.getByRole('button', { name: lang === 'tr' ? 'Sunum' : 'Present', exact: true }).click();
    await page.locator('.presenter').waitFor();
  }
  const rows: Row[] = [];
  let last = '';
  let same = 0;
  for (let i = 0; i < 300; i++) {
    await settle(page);
    const row = await measure(page);
    const key = `${row.lesson} ${row.step}`;
    // A "predict first" step takes two presses (reveal, then next); the end of the course none.
    if (key === last) {
      if (++same >= 2) break;
    } else {
      same = 0;
      last = key;
      rows.push(row);
    }
    if (cardMode) await page.keyboard.press('PageDown');
    else await page.keyboard.press('ArrowRight');
  }
  console.log(`\n${cardMode ? 'lesson card' : 'presenter'} · ${size.width}×${size.height} · ${lang} · ${rows.length} steps`);
  if (cardMode) {
    const hits = rows.filter((r) => r.cardHits > 0);
    for (const r of hits) console.log(`  card covers ${r.cardHits} highlighted node(s): ${r.lesson} ${r.step}`);
    console.log(`  steps where the card covers a highlighted node: ${hits.length} / ${rows.length}`);
  } else {
    for (const r of rows)
      console.log(
        `  ${r.lesson.padEnd(15)} ${r.step.padEnd(6)} name ${r.name.toFixed(1).padStart(5)} role ${r.role.toFixed(1).padStart(5)} cover ${String(r.cover).padStart(3)} % caption ${String(r.caption).padStart(3)} % faded ${r.faded.toFixed(2)}`,
      );
    console.log(`  node name px   ${stats(rows.map((r) => r.name))}`);
    console.log(`  role px        ${stats(rows.map((r) => r.role))}`);
    console.log(`  nodes cover %  ${stats(rows.map((r) => r.cover))}`);
    console.log(`  caption %      ${stats(rows.map((r) => r.caption))}`);
    console.log(`  narration px   ${stats(rows.map((r) => r.narration))}`);
    console.log(`  title px       ${stats(rows.map((r) => r.title))}`);
    console.log(`  faded opacity  ${stats(rows.map((r) => r.faded))}`);
    console.log(`  metrics px     ${stats(rows.map((r) => r.metrics))}`);
  }
  await ctx.close();
}
await browser.close();

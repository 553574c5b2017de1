/**
 * Switching environments on a slow laptop: how long a click on an environment tab takes to
 * its next paint (Event Timing, what INP measures), CPU throttled. Loads the production scene
 * at 1280×720, then clicks Staging and Production in turn and prints each interaction's
 * duration and its processing time (the event handlers and React's synchronous render).
 *
 *   npm run build && npm run bench:switch [-- --throttle 4 --switches 8 --dist dist]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import { startPreview } from './preview';

const { values } = parseArgs({
  options: {
    throttle: { type: 'string' },
    switches: { type: 'string' },
    port: { type: 'string' },
    dist: { type: 'string' },
  },
  strict: true,
});
const throttle = Math.max(1, Number(values.throttle ?? 4));
const switches = Math.max(2, Number(values.switches ?? 8));
const port = Number(values.port ?? 4195);
const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, values.dist ?? 'dist');

interface Timing {
  duration: number;
  processing: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main() {
  const server = await startPreview(dist, port);
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // Every click's Event Timing entry (duration: input to the next paint, rounded to 8 ms).
    await page.addInitScript(() => {
      const w = window as unknown as { __clicks: Timing[] };
      w.__clicks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as PerformanceEventTiming[]) {
          if (e.name === 'click') w.__clicks.push({ duration: e.duration, processing: e.processingEnd - e.processingStart });
        }
      }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
    });
    await page.goto(`${server.url}?scene=production&lang=en`);
    // A person arriving: the diagram is drawn without React Flow until the first input, which
    // the app hears once its script runs (src/ui/canvas/flowWake.ts).
    await page.locator('.canvas-wrap').waitFor();
    await page.mouse.move(640, 400);
    await page.locator('.react-flow__edge').first().waitFor({ state: 'attached' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const scenes = ['staging', 'production'] as const;
    for (let i = 0; i < switches; i++) {
      const scene = scenes[i % 2] as string;
      await page.locator(`#tab-${scene}`).click();
      // The new scene's diagram is on screen: its nodes are there and measured (edges drawn).
      await page.waitForFunction(
        (s) => document.querySelector(`#tab-${s}[aria-selected="true"]`) !== null && document.querySelectorAll('.react-flow__edge').length > 0,
        scene,
        { polling: 100 },
      );
      // Quiet before the next click, so each interaction is measured on its own.
      await page.waitForTimeout(1200);
    }
    const clicks = await page.evaluate(() => (window as unknown as { __clicks: Timing[] }).__clicks);
    process.stdout.write(`\nbench:switch — environment tab clicks at 1280×720, CPU ${throttle > 1 ? `throttled ${throttle}×` : 'unthrottled'}, ${clicks.length} of ${switches} over 16 ms\n`);
    process.stdout.write(`click to next paint (ms): ${clicks.map((c) => Math.round(c.duration)).join(', ')}\n`);
    process.stdout.write(`  of which handlers and React's synchronous work (ms): ${clicks.map((c) => Math.round(c.processing)).join(', ')}\n`);
    process.stdout.write(`median ${Math.round(median(clicks.map((c) => c.duration)))} ms, worst ${Math.round(Math.max(...clicks.map((c) => c.duration)))} ms\n`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

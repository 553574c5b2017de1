/**
 * Total blocking time of a page load, CPU throttled (what Lighthouse's TBT counts, without its
 * network simulation, so a handful of runs settle what one Lighthouse run cannot): loads the
 * production scene on Lighthouse's phone viewport (412×823) under a trace, waits `--settle` ms (then
 * checks the diagram's edges were drawn), and sums every main-thread task after
 * the first contentful paint beyond 50 ms. Several builds are run interleaved (A, B, A, B…),
 * since these machines are noisy; each run prints its long tasks, then each build its median.
 *
 *   npm run build && npm run bench:blocking -- --dist dist [--dist /tmp/other] [--runs 5 --throttle 4]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import { rendererMain, type TraceEvent } from './trace';
import { startPreview, type Preview } from './preview';

const { values } = parseArgs({
  options: {
    throttle: { type: 'string' },
    runs: { type: 'string' },
    port: { type: 'string' },
    dist: { type: 'string', multiple: true },
    settle: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    path: { type: 'string' },
  },
  strict: true,
});
const throttle = Math.max(1, Number(values.throttle ?? 4));
const runs = Math.max(1, Number(values.runs ?? 5));
const port = Number(values.port ?? 4196);
const settle = Number(values.settle ?? 6000);
const viewport = { width: Number(values.width ?? 412), height: Number(values.height ?? 823) };
const path = values.path ?? '?scene=production&lang=en';
const root = resolve(import.meta.dirname, '..');
const dists = (values.dist ?? ['dist']).map((d) => resolve(root, d));


const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/** One load: the blocking time after the first contentful paint and the long tasks (ms). */
async function measure(browser: import('@playwright/test').Browser, url: string) {
  const page = await browser.newPage({ viewport });
  try {
    const cdp = await page.context().newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,loading,blink.user_timing', transferMode: 'ReportEvents' });
    await page.goto(url);
    // A fixed wait, not a poll: Playwright's polling runs scripts on the page's main thread,
    // which would be counted as the page's own long tasks.
    await page.waitForTimeout(settle);
    await cdp.send('Tracing.end');
    await complete;
    const drawn = (await page.locator('.pv-static__edge, .react-flow__edge').count()) > 0;

    const main = rendererMain(events);
    const fcp = events.find((e) => e.name === 'firstContentfulPaint')?.ts;
    // The navigation to the page (not the blank page the tab opened with).
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL)?.ts;
    if (nav === undefined) throw new Error('no navigationStart in the trace');
    if (fcp === undefined) throw new Error('no firstContentfulPaint in the trace');
    const long = events
      .filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'RunTask' && e.ts >= fcp && (e.dur ?? 0) > 50_000)
      .sort((a, b) => a.ts - b.ts)
      .map((e) => ({ at: Math.round((e.ts - nav) / 1000), ms: Math.round((e.dur ?? 0) / 1000) }));
    const tbt = long.reduce((s, t) => s + t.ms - 50, 0);
    return { fcp: Math.round((fcp - nav) / 1000), tbt, long, drawn };
  } finally {
    await page.close();
  }
}

async function main() {
  const servers: Preview[] = [];
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    for (const [i, d] of dists.entries()) servers.push(await startPreview(d, port + i));
    process.stdout.write(`\nbench:blocking — ${path}, ${viewport.width}×${viewport.height}, CPU ${throttle}×, ${runs} run(s) per build, interleaved\n\n`);
    const tbts: number[][] = dists.map(() => []);
    for (let r = 0; r < runs; r++) {
      for (const [i, d] of dists.entries()) {
        const m = await measure(browser, `${servers[i]?.url}${path}`);
        tbts[i]?.push(m.tbt);
        process.stdout.write(
          `${String.fromCharCode(65 + i)} run ${r + 1}: FCP ${m.fcp} ms, blocking ${m.tbt} ms; tasks over 50 ms after FCP: ${m.long.map((t) => `${t.ms}@${t.at}`).join(', ') || 'none'}${m.drawn ? '' : ` — no edge drawn within ${settle} ms`}  (${d})\n`,
        );
      }
    }
    process.stdout.write('\n');
    for (const [i, d] of dists.entries()) {
      const xs = tbts[i] ?? [];
      process.stdout.write(`${String.fromCharCode(65 + i)}: median blocking ${median(xs)} ms (min ${Math.min(...xs)}, max ${Math.max(...xs)})  ${d}\n`);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

/**
 * Frame-pacing benchmark (Chromium): requestAnimationFrame deltas on the production scene,
 * idle, at fixed arrival rates (50 req/s and the slider's top rate) and with ~2,000 and
 * ~10,000 packets in flight; prints mean fps, p95 frame time, main-thread busy time per frame
 * and each case's fps as a ratio of idle measured in the same run.
 *
 *   npm run build && npm run bench:frames [-- --seconds 4 --rounds 3 --port 4191]
 *     --throttle 4         CPU throttled 4× (CDP Emulation.setCPUThrottlingRate, page and workers)
 *     --nodes 200          a 200-node topology (production with extra app servers)
 *     --app-servers 10     the production scene scaled out to 10 app servers
 *     --rates 50,2000      fixed arrival rates, req/s (default: 50 and the slider's top)
 *     --targets 2000,10000 packets in flight (default unthrottled: 2000,10000; throttled: none)
 *     --engine main        the in-process engine (?engine=main) instead of the worker
 *
 * It starts `vite preview` on the built dist/ itself and drives the app through the
 * `window.__prodviz` hook (src/ui/benchHook.ts), which automation-driven browsers get.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { BenchHook } from '../src/ui/benchHook';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import { RPS_MAX } from '../src/state/simConstants';
import { bigTopology } from './bigTopology';
import { startPreview } from './preview';

type Hook = BenchHook;
type HookWindow = Window & { __prodviz?: Hook };

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    port: { type: 'string' },
    targets: { type: 'string' },
    rounds: { type: 'string' },
    'app-servers': { type: 'string' },
    throttle: { type: 'string' },
    nodes: { type: 'string' },
    rates: { type: 'string' },
    engine: { type: 'string' },
    dist: { type: 'string' },
  },
  strict: true,
});
const seconds = Number(values.seconds ?? 4);
const port = Number(values.port ?? 4191);
const throttle = Math.max(1, Number(values.throttle ?? 1));
const targetsArg = values.targets ?? (throttle > 1 ? 'none' : '2000,10000');
const targets = targetsArg === 'none' ? [] : targetsArg.split(',').map(Number);
const rates = (values.rates ?? `50,${RPS_MAX}`).split(',').filter(Boolean).map(Number);
const nodes = values.nodes ? Math.max(1, Number(values.nodes)) : null;
const engineParam = values.engine === 'main' ? '&engine=main' : '';
const rounds = Math.max(1, Number(values.rounds ?? 3));
/** Scale the production scene out first (issue 4 measures 10 app servers at saturating load). */
const appServers = values['app-servers'] ? Math.max(1, Number(values['app-servers'])) : null;
const root = resolve(import.meta.dirname, '..');
/** The build to serve (default dist/; a copy lets you keep building while it runs). */
const dist = resolve(root, values.dist ?? 'dist');

function fail(message: string): never {
  process.stderr.write(`bench:frames: ${message}\n`);
  process.exit(2);
}

if (!existsSync(resolve(dist, 'index.html'))) fail(`no ${dist}/index.html — run \`npm run build\` first`);
if (!Number.isFinite(seconds) || seconds <= 0) fail('--seconds must be a positive number');
if (!Number.isFinite(throttle)) fail('--throttle must be a number ≥ 1');
if (rates.some((r) => !Number.isFinite(r) || r < 0)) fail('--rates must be numbers ≥ 0');

interface Sample {
  fps: number;
  meanMs: number;
  p95Ms: number;
  frames: number;
  inFlight: number;
}

/** rAF deltas over `ms`, measured inside the page; also the mean packets in flight. */
async function measure(page: Page, ms: number): Promise<Sample> {
  return page.evaluate(
    (ms) =>
      new Promise<Sample>((done) => {
        const hook = (window as HookWindow).__prodviz!;
        const deltas: number[] = [];
        let inFlightSum = 0;
        let start = 0;
        let last = 0;
        const tick = (ts: number) => {
          if (start === 0) {
            start = ts;
            last = ts;
          } else {
            deltas.push(ts - last);
            inFlightSum += hook.inFlight();
            last = ts;
          }
          if (ts - start < ms) {
            requestAnimationFrame(tick);
            return;
          }
          const sorted = [...deltas].sort((a, b) => a - b);
          const total = deltas.reduce((a, b) => a + b, 0);
          const meanMs = total / Math.max(1, deltas.length);
          done({
            fps: 1000 / meanMs,
            meanMs,
            p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
            frames: deltas.length,
            inFlight: inFlightSum / Math.max(1, deltas.length),
          });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

const inFlight = (page: Page) => page.evaluate(() => (window as HookWindow).__prodviz!.inFlight());
const setRps = (page: Page, rps: number) =>
  page.evaluate((r) => (window as HookWindow).__prodviz!.setRps(r), rps);

/** Mean packets in flight over ~`ms` of wall time. */
async function averageInFlight(page: Page, ms: number): Promise<number> {
  let sum = 0;
  let n = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    sum += await inFlight(page);
    n++;
    await page.waitForTimeout(50);
  }
  return sum / Math.max(1, n);
}

/** Adjust the arrival rate until about `target` packets are in flight; returns the rps used. */
async function reach(page: Page, target: number, startRps: number): Promise<number> {
  let rps = startRps;
  await setRps(page, rps);
  for (let i = 0; i < 10; i++) {
    const got = await averageInFlight(page, 1200);
    if (Math.abs(got - target) <= target * 0.08) break;
    const factor = got > 0 ? target / got : 4;
    rps = Math.max(1, Math.round(rps * Math.min(4, Math.max(0.25, factor))));
    await setRps(page, rps);
  }
  return rps;
}

const fmt = (n: number, d = 1) => n.toFixed(d).padStart(7);

/**
 * CDP throttling set on the page applies to its main thread only; a dedicated worker is a
 * target of its own. Attach to each worker target and throttle it the same way.
 */
async function throttleWorkers(browser: Browser, rate: number): Promise<string> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'worker');
  if (workers.length === 0) return 'no workers';
  const results: string[] = [];
  for (const w of workers) {
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: w.targetId, flatten: false });
    const reply = new Promise<string>((done) => {
      const onMessage = (e: { sessionId: string; message: string }) => {
        if (e.sessionId !== sessionId) return;
        const msg = JSON.parse(e.message) as { id?: number; error?: { message: string } };
        if (msg.id !== 1) return;
        session.off('Target.receivedMessageFromTarget', onMessage);
        done(msg.error ? `error: ${msg.error.message}` : 'throttled');
      };
      session.on('Target.receivedMessageFromTarget', onMessage);
      setTimeout(() => done('no answer'), 3000);
    });
    await session.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Emulation.setCPUThrottlingRate', params: { rate } }),
    });
    results.push(await reply);
  }
  return `${workers.length} ${results.join(', ')}`;
}

async function main() {
  const { url, stop } = await startPreview(dist, port).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  try {
    const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      // tsx (esbuild keepNames) wraps named functions in __name(); give the page a no-op one.
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      await page.goto(`${url}?scene=production&lang=en${engineParam}`);
      // A person arriving: the diagram is drawn without React Flow until the first input, which
      // the app hears once its script runs (src/ui/canvas/flowWake.ts).
      await page.locator('.canvas-wrap').waitFor();
      await page.mouse.move(640, 400);
      await page.waitForSelector('.react-flow__node');
      await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
      await page.waitForTimeout(1000);
      if (appServers !== null) {
        const got = await page.evaluate(
          (n) => (window as HookWindow).__prodviz!.setAppServers(n),
          appServers,
        );
        await page.waitForFunction(
          (n) => document.querySelectorAll('.react-flow__node[data-kind="gunicorn"]').length === n,
          got,
        );
      }

      if (nodes !== null) {
        const got = await page.evaluate(
          (t) => (window as HookWindow).__prodviz!.loadTopology(t),
          bigTopology(nodes),
        );
        await page.waitForFunction(
          (n) => document.querySelectorAll('.react-flow__node').length === n,
          got,
        );
        await page.waitForTimeout(1000);
      }
      const engineKind = await page.evaluate(() => (window as HookWindow).__prodviz!.engineKind?.() ?? 'main');
      const nodeCount = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);

      const ms = seconds * 1000;
      const cdp = await page.context().newCDPSession(page);
      let workerThrottle = 'no workers';
      if (throttle > 1) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        workerThrottle = await throttleWorkers(browser, throttle);
      }
      await cdp.send('Performance.enable');
      const taskSeconds = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      };
      const hook = <T>(fn: (h: Hook) => T) =>
        page.evaluate(
          (src) => new Function('h', `return (${src})(h)`)((window as HookWindow).__prodviz) as T,
          fn.toString(),
        );
      await hook((h) => {
        h.pause();
        h.reset();
        h.setRps(0);
        h.setSpeed(1);
      });

      // Find the arrival rate that keeps each target number of packets in flight.
      const cases: {
        name: string;
        rps: number;
        packets: boolean;
        samples: (Sample & { busyMs: number; drawMs: number })[];
      }[] = [{ name: 'idle (paused, 0 packets)', rps: 0, packets: true, samples: [] }];
      for (const r of rates) {
        cases.push({ name: `${r} req/s${r === RPS_MAX ? ' (slider top)' : ''}`, rps: r, packets: true, samples: [] });
      }
      let rps = 2000;
      if (targets.length > 0) await hook((h) => h.play());
      for (const target of targets) {
        rps = await reach(page, target, rps);
        cases.push({ name: `~${target} packets`, rps, packets: true, samples: [] });
      }
      // The same load as the first target with the packet layer off: what the simulation and
      // the rest of the app cost on their own.
      const first = cases[1];
      if (first)
        cases.push({
          name: `${first.name}, layer off`,
          rps: first.rps,
          packets: false,
          samples: [],
        });

      // Measure the cases in turns, so a noisy neighbour on the machine spreads over all of them.
      for (let round = 0; round < rounds; round++) {
        for (const c of cases) {
          await hook((h) => {
            h.pause();
            h.reset();
            h.setRps(0);
          });
          await page.evaluate((on) => (window as HookWindow).__prodviz!.setPackets(on), c.packets);
          if (c.rps > 0) {
            await setRps(page, c.rps);
            await hook((h) => h.play());
            await page.waitForTimeout(2500); // fill the pipes to the steady state
          } else {
            await page.waitForTimeout(500);
          }
          const t0 = await taskSeconds();
          await hook((h) => h.drawMs());
          const sample = await measure(page, ms);
          const drawMs = await hook((h) => h.drawMs());
          const busyMs = (((await taskSeconds()) - t0) * 1000) / Math.max(1, sample.frames);
          c.samples.push({ ...sample, busyMs, drawMs });
        }
      }
      await hook((h) => h.pause());

      const median = (xs: number[]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      };
      const rows = cases.map((c) => ({
        name: c.name,
        rps: c.rps,
        inFlight: median(c.samples.map((x) => x.inFlight)),
        fps: median(c.samples.map((x) => x.fps)),
        p95: median(c.samples.map((x) => x.p95Ms)),
        busy: median(c.samples.map((x) => x.busyMs)),
        draw: median(c.samples.map((x) => x.drawMs)),
      }));
      const idleFps = rows[0]!.fps;

      process.stdout.write(
        `\nbench:frames — production scene${appServers !== null ? ` with ${appServers} app servers` : ''}${nodes !== null ? ` grown to ${nodeCount} nodes` : ''}, engine: ${engineKind}, CPU ${throttle > 1 ? `throttled ${throttle}× (workers: ${workerThrottle})` : 'unthrottled'}, 1280×720, ${rounds} rounds × ${seconds} s per case (medians), Chromium ${browser.version()}\n\n`,
      );
      process.stdout.write(
        'case                          packets      rps   mean fps   p95 ms  main ms/frame  packet-layer ms/frame  fps/idle\n',
      );
      for (const r of rows) {
        process.stdout.write(
          `${r.name.padEnd(28)}${fmt(r.inFlight, 0)}  ${fmt(r.rps, 0)}   ${fmt(r.fps)}  ${fmt(r.p95)}        ${fmt(r.busy, 2)}             ${fmt(r.draw, 2)}      ${(
            r.fps / idleFps
          ).toFixed(3)}\n`,
        );
      }
      const goal = (name: string, ok: boolean, text: string) =>
        process.stdout.write(`goal: ${name} → ${text} ${ok ? 'met' : 'NOT met'}\n`);
      process.stdout.write('\n');
      for (const r of rows.slice(1)) {
        const ratio = r.fps / idleFps;
        if (r.name.startsWith('50 req/s') && throttle > 1 && nodes === null)
          goal(`${r.name} ≥ 58 fps, p95 ≤ 18 ms`, r.fps >= 58 && r.p95 <= 18, `${r.fps.toFixed(1)} fps, p95 ${r.p95.toFixed(1)} ms`);
        if (r.name.includes('slider top') && nodes === null)
          goal(`${r.name} ≥ 0.9 × idle`, ratio >= 0.9, ratio.toFixed(3));
        if (r.name === '~10000 packets' && throttle === 1)
          goal(`${r.name} ≥ 0.95 × idle`, ratio >= 0.95, ratio.toFixed(3));
        if (r.name === '~2000 packets' && throttle === 1)
          goal(`${r.name} ≥ 0.9 × idle`, ratio >= 0.9, ratio.toFixed(3));
        if (nodes !== null && !r.name.includes('layer off'))
          goal(`${nodeCount} nodes, ${r.name} ≥ 50 fps`, r.fps >= 50, `${r.fps.toFixed(1)} fps`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:frames: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});

/**
 * Where a frame's time goes (Chromium): plays the production scene at a rate for a few
 * seconds under the CPU profiler and a trace, then prints the main thread's long tasks
 * (> 50 ms), the time per trace category (script, style, layout, paint, raster…) and the
 * functions with the most self time.
 *
 *   npm run build && npm run bench:profile [-- --rps 50 --seconds 4 --throttle 4 --nodes 200 --engine main]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import type { BenchHook } from '../src/ui/benchHook';
import { bigTopology } from './bigTopology';

type HookWindow = Window & { __prodviz?: BenchHook };

const { values } = parseArgs({
  options: {
    rps: { type: 'string' },
    seconds: { type: 'string' },
    throttle: { type: 'string' },
    nodes: { type: 'string' },
    engine: { type: 'string' },
    port: { type: 'string' },
    dist: { type: 'string' },
    top: { type: 'string' },
  },
  strict: true,
});
const rps = Number(values.rps ?? 50);
const seconds = Number(values.seconds ?? 4);
const throttle = Math.max(1, Number(values.throttle ?? 1));
const nodes = values.nodes ? Number(values.nodes) : null;
const port = Number(values.port ?? 4192);
const top = Number(values.top ?? 25);
const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, values.dist ?? 'dist');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time, µs: what the thread really ran, whatever else the machine was doing. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { frame?: string }; beginData?: { dirtyObjects?: number; totalObjects?: number } };
}

async function main() {
  const server = spawn(resolve(root, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', dist], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => server.exitCode === null && server.kill('SIGTERM'));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${url}?scene=production&lang=en${values.engine === 'main' ? '&engine=main' : ''}`);
    await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
    if (nodes !== null) {
      const n = await page.evaluate((t) => (window as HookWindow).__prodviz!.loadTopology(t), bigTopology(nodes));
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, n);
    }
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.evaluate((r) => {
      const h = (window as HookWindow).__prodviz!;
      h.setRps(r);
      h.play();
    }, rps);
    await page.waitForTimeout(2000);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(seconds * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    await page.evaluate(() => (window as HookWindow).__prodviz!.pause());

    // Main thread of the page: the renderer's CrRendererMain.
    const mainTid = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
    const onMain = trace.traceEvents.filter((e) => e.tid === mainTid && e.ph === 'X' && e.dur !== undefined);
    const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
    const long = tasks.filter((e) => e.dur! > 50_000).map((e) => e.dur! / 1000);
    const byName = new Map<string, number>();
    const countByName = new Map<string, number>();
    for (const e of onMain) {
      if (['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) continue;
      byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur! / 1000);
      countByName.set(e.name, (countByName.get(e.name) ?? 0) + 1);
    }
    process.stdout.write(
      `\nbench:profile — ${rps} req/s, ${seconds} s, CPU ${throttle > 1 ? `throttled ${throttle}×` : 'unthrottled'}${nodes ? `, ${nodes} nodes` : ''}, engine ${values.engine === 'main' ? 'main' : 'worker'}\n`,
    );
    process.stdout.write(`main-thread tasks: ${tasks.length}, busy ${(tasks.reduce((a, e) => a + e.dur!, 0) / 1000).toFixed(0)} ms; long tasks (> 50 ms): ${long.length}${long.length ? ` (${long.map((x) => x.toFixed(0)).join(', ')} ms)` : ''}\n`);
    // CPU time, not wall time: on a busy machine a task's wall time includes the time the
    // thread waited for a core; its thread time does not. Per animation frame of the page.
    const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length || 1;
    const cpu = (tid: number | undefined) =>
      trace.traceEvents.filter((e) => e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')).reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000;
    const workerTids = trace.traceEvents.filter((e) => e.name === 'thread_name' && /DedicatedWorker/.test(e.args?.name ?? '')).map((e) => e.tid);
    const mainCpu = cpu(mainTid);
    const workerCpu = workerTids.reduce((a, tid) => a + cpu(tid), 0);
    process.stdout.write(
      `animation frames: ${frames} (${(frames / seconds).toFixed(1)}/s); CPU time: main thread ${mainCpu.toFixed(0)} ms (${(mainCpu / frames).toFixed(2)} ms/frame), workers ${workerCpu.toFixed(0)} ms (${(workerCpu / frames).toFixed(2)} ms/frame)\n`,
    );
    const layouts = onMain.filter((e) => e.name === 'Layout');
    if (layouts.length > 0) {
      const mean = (f: (e: TraceEvent) => number) => (layouts.reduce((a, e) => a + f(e), 0) / layouts.length).toFixed(0);
      process.stdout.write(
        `layouts: ${layouts.length}, mean ${mean((e) => e.dur! / 1000)} ms, ${mean((e) => e.args?.beginData?.dirtyObjects ?? 0)} of ${mean((e) => e.args?.beginData?.totalObjects ?? 0)} layout objects dirty\n`,
      );
    }
    process.stdout.write('\ntrace events on the main thread (inclusive ms, count):\n');
    for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 14)) process.stdout.write(`${ms.toFixed(1).padStart(9)}  ${String(countByName.get(name)).padStart(5)}×  ${name}\n`);

    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    process.stdout.write('\nself time by function (ms):\n');
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(1).padStart(9)}  ${name}\n`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:profile: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

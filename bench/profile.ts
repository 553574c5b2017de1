/**
 * Where a frame's time goes (Chromium): plays the production scene at a rate for a few
 * seconds under the CPU profiler and a trace, then prints the main thread's long tasks
 * (> 50 ms), the time per trace category (script, style, layout, paint, raster…) and the
 * functions with the most self time.
 *
 *   npm run build && npm run bench:profile [-- --rps 50 --seconds 4 --throttle 4 --nodes 200 --app-servers 10 --engine main]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import type { BenchHook } from '../src/ui/benchHook';
import { bigTopology } from './bigTopology';
import { startPreview } from './preview';

type HookWindow = Window & { __prodviz?: BenchHook };

const { values } = parseArgs({
  options: {
    rps: { type: 'string' },
    seconds: { type: 'string' },
    throttle: { type: 'string' },
    nodes: { type: 'string' },
    'app-servers': { type: 'string' },
    engine: { type: 'string' },
    port: { type: 'string' },
    dist: { type: 'string' },
    top: { type: 'string' },
    paused: { type: 'boolean' },
    'packets-off': { type: 'boolean' },
    css: { type: 'string' },
    fn: { type: 'string' },
    'layout-roots': { type: 'boolean' },
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
  children?: number[];
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
  ts?: number;
  args?: {
    name?: string;
    data?: { frame?: string };
    beginData?: { dirtyObjects?: number; totalObjects?: number };
    endData?: { layoutRoots?: { nodeId?: number; depth?: number }[] };
  };
}

async function main() {
  const server = await startPreview(dist, port);
  const url = server.url;
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${url}?scene=production&lang=en${values.engine === 'main' ? '&engine=main' : ''}`);
    // A person arriving: the diagram is drawn without React Flow until the first input, which
    // the app hears once its script runs (src/ui/canvas/flowWake.ts).
    await page.locator('.canvas-wrap').waitFor();
    await page.mouse.move(640, 400);
    await page.waitForFunction(() => (window as HookWindow).__prodviz?.ready() === true);
    if (values['app-servers']) {
      const got = await page.evaluate((n) => (window as HookWindow).__prodviz!.setAppServers(n), Number(values['app-servers']));
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node[data-kind="gunicorn"]').length === n, got);
    }
    if (nodes !== null) {
      const n = await page.evaluate((t) => (window as HookWindow).__prodviz!.loadTopology(t), bigTopology(nodes));
      await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node').length === n, n);
    }
    // Attribution: extra CSS (e.g. '.eventlog{display:none}') shows what a part of the page costs.
    if (values.css) await page.addStyleTag({ content: values.css });
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.evaluate((r) => {
      const h = (window as HookWindow).__prodviz!;
      h.setRps(r);
      h.play();
    }, rps);
    if (values['packets-off']) await page.evaluate(() => (window as HookWindow).__prodviz!.setPackets(false));
    if (values.paused) await page.evaluate(() => (window as HookWindow).__prodviz!.pause());
    await page.waitForTimeout(2000);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    // The sampling profiler costs the page time of its own: only when its tables are asked for.
    const sampling = top > 0 || values.fn !== undefined;
    if (sampling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.waitForTimeout(seconds * 1000);
    const { profile } = sampling
      ? ((await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } })
      : { profile: { nodes: [] as ProfileNode[], samples: [] as number[], timeDeltas: [] as number[] } };
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
    // Main-thread CPU per frame: every task's thread time, counted in the animation frame it
    // ran in (from one FireAnimationFrame to the next), the first second left out (tracing's
    // own start-up task lands there). A busy machine stretches wall time, not thread time, so
    // this is the column to compare before/after — its p95 is the frames a summary lands in.
    const fires = onMain.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts!).sort((a, b) => a - b);
    const from = (fires[0] ?? 0) + 1_000_000;
    const bounds = fires.filter((t) => t >= from);
    const perFrame = new Array<number>(Math.max(0, bounds.length - 1)).fill(0);
    for (const e of tasks) {
      if (e.ts! < bounds[0]! || e.ts! >= bounds[bounds.length - 1]!) continue;
      let lo = 0;
      let hi = bounds.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (bounds[mid]! <= e.ts!) lo = mid;
        else hi = mid;
      }
      perFrame[lo]! += (e.tdur ?? 0) / 1000;
    }
    if (perFrame.length > 0) {
      const sorted = [...perFrame].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
      process.stdout.write(
        `main-thread CPU per frame (${perFrame.length} frames after the first second): mean ${(perFrame.reduce((a, b) => a + b, 0) / perFrame.length).toFixed(2)} ms, median ${q(0.5).toFixed(2)}, p90 ${q(0.9).toFixed(2)}, p95 ${q(0.95).toFixed(2)}, max ${q(1).toFixed(2)} ms; frames over 8 ms CPU: ${perFrame.filter((x) => x > 8).length}\n`,
      );
    }
    const layouts = onMain.filter((e) => e.name === 'Layout');
    if (layouts.length > 0) {
      const mean = (f: (e: TraceEvent) => number) => (layouts.reduce((a, e) => a + f(e), 0) / layouts.length).toFixed(0);
      process.stdout.write(
        `layouts: ${layouts.length}, mean ${mean((e) => e.dur! / 1000)} ms, ${mean((e) => e.args?.beginData?.dirtyObjects ?? 0)} of ${mean((e) => e.args?.beginData?.totalObjects ?? 0)} layout objects dirty\n`,
      );
    }
    // The heaviest tasks by kind (a summary's message vs a frame's): where the p95 spikes come from.
    const heavy = (name: string) => {
      const d = onMain.filter((e) => e.name === name).map((e) => e.dur! / 1000).sort((a, b) => b - a);
      return d.length ? `${name} ${d.length}×, max ${d.slice(0, 5).map((x) => x.toFixed(1)).join('/')} ms, median ${d[d.length >> 1]!.toFixed(2)} ms` : `${name} 0×`;
    };
    process.stdout.write(`${heavy('HandlePostMessage')}\n${heavy('FireAnimationFrame')}\n${heavy('Commit')}\n${heavy('TimerFire')}\n${heavy('Layerize')}\n${heavy('Layout')}\n${heavy('Paint')}\n`);
    if (values['layout-roots']) {
      // What each layout started from (DOM node → a CSS path), to find what a summary dirties.
      const ids = [...new Set(layouts.flatMap((e) => (e.args?.endData?.layoutRoots ?? []).map((r) => r.nodeId ?? 0)))].filter((id) => id > 0);
      await cdp.send('DOM.getDocument', { depth: -1 });
      const resolved = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: ids }).catch(() => ({ nodeIds: [] as number[] }));
      const describe = async (nodeId: number) => {
        const { object } = await cdp.send('DOM.resolveNode', { nodeId });
        const { result } = await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId!,
          returnByValue: true,
          functionDeclaration:
            'function(){if(this.nodeType===9)return "#document";const p=[];for(let e=this;e&&e.nodeType===1&&p.length<6;e=e.parentElement)p.unshift(e.tagName.toLowerCase()+(e.id?"#"+e.id:"")+(typeof e.className==="string"&&e.className?"."+e.className.trim().split(/\\s+/).slice(0,2).join("."):""));return p.join(" > ");}',
        });
        return String(result.value);
      };
      const counts = new Map<number, number>();
      for (const e of layouts) for (const r of e.args?.endData?.layoutRoots ?? []) counts.set(r.nodeId ?? 0, (counts.get(r.nodeId ?? 0) ?? 0) + 1);
      for (const e of layouts.slice(0, 4)) process.stdout.write(`  ${(e.dur! / 1000).toFixed(1)} ms ${JSON.stringify(e.args).slice(0, 400)}\n`);
      process.stdout.write('layout roots (count × element):\n');
      for (let i = 0; i < ids.length; i++) {
        const nodeId = resolved.nodeIds[i];
        const what = nodeId ? await describe(nodeId).catch(() => '?') : '(gone)';
        process.stdout.write(`  ${String(counts.get(ids[i]!)).padStart(4)}× ${what}\n`);
      }
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
    // Inclusive time of named functions (an unminified build keeps the names:
    // `npx vite build --minify false --outDir /tmp/nomin`): e.g. --fn onSummary,EventLog.
    if (values.fn) {
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const wanted = values.fn.split(',');
      const incl = new Map<string, number>(wanted.map((w) => [w, 0]));
      profile.samples.forEach((id, i) => {
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
          const name = byId.get(at)!.callFrame.functionName;
          if (incl.has(name) && !seen.has(name)) {
            seen.add(name);
            incl.set(name, incl.get(name)! + (profile.timeDeltas[i] ?? 0) / 1000);
          }
        }
      });
      process.stdout.write('\ninclusive time (ms):\n');
      for (const [name, ms] of incl) process.stdout.write(`${ms.toFixed(1).padStart(9)}  ${name}\n`);
    }
    process.stdout.write('\nself time by function (ms):\n');
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(1).padStart(9)}  ${name}\n`);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:profile: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

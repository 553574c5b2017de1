/**
 * The long tasks of a page load (Chromium, CPU throttled): loads the production scene on a
 * phone-sized viewport under a trace and the CPU profiler, then prints every main-thread
 * task over 30 ms — when it started, how long it ran — with the app's functions that ran
 * inside it (inclusive share of its samples) and, with --self, the heaviest self time.
 * What Lighthouse's "long tasks" are, by name. Use an unminified build for names:
 *
 *   npx vite build --minify false --outDir /tmp/nomin
 *   npm run bench:load -- --dist /tmp/nomin [--throttle 4 --lang en --scene production --self]
 *
 * --tree PCT prints each task's call tree top-down: every frame with at least PCT % of the
 * task's samples, indented by depth (where a long task's time goes, caller by caller).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../scripts/chromium';
import { rendererMain, type TraceEvent } from './trace';
import { startPreview } from './preview';

const { values } = parseArgs({
  options: {
    throttle: { type: 'string' },
    port: { type: 'string' },
    dist: { type: 'string' },
    lang: { type: 'string' },
    scene: { type: 'string' },
    self: { type: 'boolean' },
    tree: { type: 'string' },
  },
  strict: true,
});
const throttle = Math.max(1, Number(values.throttle ?? 4));
const port = Number(values.port ?? 4194);
const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, values.dist ?? 'dist');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The trace's kinds of work inside a task (ms each, printed in brackets). */
const TOP_LEVEL = new Set(['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'EvaluateScript', 'v8.compile', 'FunctionCall', 'ParseHTML', 'ParseAuthorStyleSheet', 'TimerFire', 'FireAnimationFrame', 'HandlePostMessage', 'EventDispatch', 'MajorGC', 'MinorGC', 'v8.evaluateModule', 'ResizeObserverController::NotifyObservers', 'Commit']);

/** Names worth showing inside a task: components (Capitalised) and hooks/stores/known hot spots. */
const APP_NAME = /^([A-Z][a-z][A-Za-z0-9]{2,}|use[A-Z]\w*|\w+Store\w*|tick|sync|samplePath|translate|format\w*|preload\w*|load\w+|createRoot|toFlow\w*|rebuild)$/;

async function main() {
  const server = await startPreview(dist, port);
  const url = server.url;
  const browser = await chromium.launch({ executablePath: systemChromium(), args: CHROMIUM_ARGS });
  try {
    // Lighthouse's mobile viewport.
    const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
    const cdp = await page.context().newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.goto(`${url}?scene=${values.scene ?? 'production'}&lang=${values.lang ?? 'en'}`);
    // Polled slowly: Playwright's selector polling is itself a task on the page's thread.
    // The first view (no input: React Flow is not mounted, see flowWake.ts) or React Flow's.
    await page.waitForFunction(() => document.querySelector('.pv-static__edge, .react-flow__edge') !== null, null, { polling: 250 });
    const drawn = Date.now() - t0;
    await page.waitForTimeout(3000);
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
    };
    await cdp.send('Tracing.end');
    await complete;

    // The renderer's main thread: the CrRendererMain with the most task time.
    const main = rendererMain(events);
    const tasks = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'RunTask' && (e.dur ?? 0) > 30_000).sort((a, b) => a.ts - b.ts);
    const start = tasks[0]?.ts ?? 0;

    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const samples: [number, number][] = [];
    let ts = profile.startTime;
    profile.samples.forEach((id, i) => {
      ts += profile.timeDeltas[i] ?? 0;
      samples.push([ts, id]);
    });
    const label = (id: number) => {
      const cf = byId.get(id)?.callFrame;
      return cf ? `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop() ?? ''}:${cf.lineNumber}` : '?';
    };

    /** The samples' stacks merged top-down; frames under `minPct` % of the task are left out. */
    const printTree = (ids: number[], minPct: number) => {
      interface Frame { n: number; kids: Map<string, Frame> }
      const top: Frame = { n: 0, kids: new Map() };
      for (const id of ids) {
        const stack: string[] = [];
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(label(cur));
        // Recursion folded: a frame already on the path continues that frame (React's fiber walks).
        const path: Frame[] = [top];
        const names: string[] = [];
        let f = top;
        for (const name of stack.reverse()) {
          const again = names.indexOf(name);
          if (again >= 0) {
            f = path[again + 1] as Frame;
            path.length = again + 2;
            names.length = again + 1;
            continue;
          }
          let k = f.kids.get(name);
          if (!k) f.kids.set(name, (k = { n: 0, kids: new Map() }));
          k.n++;
          f = k;
          path.push(k);
          names.push(name);
        }
      }
      const walk = (f: Frame, depth: number) => {
        for (const [name, k] of [...f.kids].sort((a, b) => b[1].n - a[1].n)) {
          const pct = (k.n * 100) / ids.length;
          if (pct < minPct) continue;
          process.stdout.write(`${' '.repeat(22 + depth)}${Math.round(pct)}% ${name}\n`);
          walk(k, depth + 1);
        }
      };
      walk(top, 0);
    };

    process.stdout.write(
      `\nbench:load — ${url}, 412×823, CPU ${throttle > 1 ? `throttled ${throttle}×` : 'unthrottled'}; edges drawn ${drawn} ms after navigation (wall clock)\n`,
    );
    process.stdout.write(`main-thread tasks over 30 ms: ${tasks.length}, ${Math.round(tasks.reduce((s, t) => s + (t.dur ?? 0), 0) / 1000)} ms in all\n\n`);
    for (const t of tasks) {
      const end = t.ts + (t.dur ?? 0);
      const inside = samples.filter(([s]) => s >= t.ts && s <= end);
      const incl = new Map<string, number>();
      const self = new Map<string, number>();
      for (const [, id] of inside) {
        self.set(label(id), (self.get(label(id)) ?? 0) + 1);
        const seen = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const fn = byId.get(cur)?.callFrame.functionName ?? '';
          if (APP_NAME.test(fn) && !seen.has(fn)) {
            seen.add(fn);
            incl.set(fn, (incl.get(fn) ?? 0) + 1);
          }
        }
      }
      // What the browser did in it (trace events: style, layout, script, parse…), heaviest first.
      const kinds = new Map<string, number>();
      for (const e of events) {
        if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || e.name === 'RunTask' || e.ts < t.ts || e.ts >= end) continue;
        if (!TOP_LEVEL.has(e.name)) continue;
        kinds.set(e.name, (kinds.get(e.name) ?? 0) + (e.dur ?? 0));
      }
      const work = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${Math.round(v / 1000)}`).join(', ');
      const pct = (n: number) => `${Math.round((n * 100) / Math.max(1, inside.length))}%`;
      const top = [...incl].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${pct(v)}`);
      process.stdout.write(
        `${String(Math.round((t.ts - start) / 1000)).padStart(6)} ms  ${String(Math.round((t.dur ?? 0) / 1000)).padStart(4)} ms  [${work}]  ${inside.length === 0 ? '(no script: parse, style, layout)' : top.join(', ') || '(script outside named app code)'}\n`,
      );
      if (values.tree && inside.length > 0) printTree(inside.map(([, id]) => id), Number(values.tree));
      if (values.self && inside.length > 0) {
        const heavy = [...self].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${pct(v)}`);
        process.stdout.write(`                     self: ${heavy.join(', ')}\n`);
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

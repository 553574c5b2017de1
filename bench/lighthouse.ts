/**
 * Lighthouse performance, mobile (its default: a Moto G Power, slow 4G, CPU 4×) and desktop,
 * against the production build served by `vite preview`, with the system Chromium.
 *
 *   npm run build && npm run bench:lighthouse [-- --port 4193 --runs 1 --block CanvasRoot-]
 *
 * Lighthouse is not a dependency of the project (about 200 packages): install it next to it
 * without touching package.json, once: `npm i --no-save lighthouse@12` (or point LIGHTHOUSE_BIN
 * at one installed elsewhere).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemChromium } from '../scripts/chromium';
import { startPreview } from './preview';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    runs: { type: 'string' },
    dist: { type: 'string' },
    path: { type: 'string' },
    block: { type: 'string' },
  },
  strict: true,
});
const port = Number(values.port ?? 4193);
const runs = Math.max(1, Number(values.runs ?? 1));
const root = resolve(import.meta.dirname, '..');
const dist = resolve(root, values.dist ?? 'dist');
/** LIGHTHOUSE_BIN points at a lighthouse installed elsewhere. */
const bin = process.env.LIGHTHOUSE_BIN ?? resolve(root, 'node_modules/.bin/lighthouse');
const page = values.path ?? '?scene=production&lang=en';

function fail(message: string): never {
  process.stderr.write(`bench:lighthouse: ${message}\n`);
  process.exit(2);
}
if (!existsSync(bin)) fail('lighthouse is not installed: run `npm i --no-save lighthouse@12` once');
if (!existsSync(join(dist, 'index.html'))) fail(`no ${dist}/index.html — run \`npm run build\` first`);
const chrome = systemChromium();

interface Audit {
  displayValue?: string;
  numericValue?: number;
  details?: { items?: { duration?: number }[] } & Record<string, unknown>;
}
interface Report {
  categories: { performance: { score: number } };
  audits: Record<string, Audit>;
}

async function main() {
  const server = await startPreview(dist, port);
  const url = `${server.url}${page}`;
  const out = mkdtempSync(join(tmpdir(), 'prodviz-lh-'));
  process.stdout.write(`\nbench:lighthouse — ${url}, ${runs} run(s) each, Chromium ${chrome ?? "(Lighthouse's own)"}\n\n`);
  process.stdout.write('preset    score   LCP       TBT        FCP      SI       CLS    long tasks (ms)                    unused JS\n');
  try {
    for (const preset of ['mobile', 'desktop'] as const) {
      for (let r = 0; r < runs; r++) {
        const file = join(out, `${preset}-${r}.json`);
        const args = [
          url,
          '--only-categories=performance',
          '--output=json',
          `--output-path=${file}`,
          '--quiet',
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic',
        ];
        if (preset === 'desktop') args.push('--preset=desktop');
        // What the page scores without some of its files (e.g. --block 'CanvasRoot-*': no diagram).
        if (values.block) args.push(`--blocked-url-patterns=*${values.block}*`);
        const res = spawnSync(bin, args, { env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) }, stdio: ['ignore', 'ignore', 'inherit'] });
        if (res.status !== 0) fail(`lighthouse exited with ${res.status}`);
        const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
        const a = report.audits;
        const longTasks = (a['long-tasks']?.details?.items ?? []).map((i) => Math.round(i.duration ?? 0));
        process.stdout.write(
          `${preset.padEnd(8)}  ${String(Math.round(report.categories.performance.score * 100)).padStart(5)}   ${(a['largest-contentful-paint']?.displayValue ?? '').padEnd(8)}  ${(a['total-blocking-time']?.displayValue ?? '').padEnd(9)}  ${(a['first-contentful-paint']?.displayValue ?? '').padEnd(7)}  ${(a['speed-index']?.displayValue ?? '').padEnd(7)}  ${(a['cumulative-layout-shift']?.displayValue ?? '').padEnd(5)}  ${`${longTasks.length}: ${longTasks.slice(0, 6).join(', ')}`.padEnd(34)} ${a['unused-javascript']?.displayValue ?? ''}\n`,
        );
        // Where the time goes: the LCP element and its phases, the main thread by category,
        // the scripts that cost the most CPU (what to cut next).
        const lcpItems = (a['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { snippet?: string }; phase?: string; timing?: number }[] }[] } | undefined)?.items ?? [];
        const lcpNode = lcpItems[0]?.items?.[0]?.node?.snippet ?? '?';
        const phases = (lcpItems[1]?.items ?? []).map((p) => `${p.phase} ${Math.round(p.timing ?? 0)}`).join(', ');
        const work = ((a['mainthread-work-breakdown']?.details?.items ?? []) as { groupLabel?: string; duration?: number }[])
          .slice(0, 4)
          .map((i) => `${i.groupLabel} ${Math.round(i.duration ?? 0)}`)
          .join(', ');
        const boot = ((a['bootup-time']?.details?.items ?? []) as { url?: string; total?: number }[])
          .slice(0, 3)
          .map((i) => `${(i.url ?? '').replace(/^.*\//, '')} ${Math.round(i.total ?? 0)}`)
          .join(', ');
        process.stdout.write(`          LCP element ${lcpNode.slice(0, 90)}\n          LCP phases (ms): ${phases}\n          main thread (ms): ${work}\n          scripts (ms): ${boot}\n`);
      }
    }
  } finally {
    server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:lighthouse: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

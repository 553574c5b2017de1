// Prints the gzipped size of the JavaScript index.html loads up front (entry + modulepreloads).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// Issue 14's goal is 150 KB gzipped for what index.html loads before first paint; it is not
// reached (182.1 KB at the end of session 2: react-dom ~64 KB and @xyflow + d3 ~59 KB of it —
// see docs/notes/perf.md). The gate holds the line at a ceiling with ~3 KB of headroom so
// the size cannot grow further unnoticed while the splitting work goes on.
const GOAL_KB = 150;
const LIMIT_KB = Number(process.env.SIZE_LIMIT_KB ?? 185);
const dist = 'dist';
if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
  (m) => m[1],
);
let total = 0;
for (const src of new Set(scripts)) {
  const file = join(dist, src.replace(/^\.?\//, ''));
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB  ${src}`);
}
const kb = total / 1024;
console.log(`initial JS (gzipped): ${kb.toFixed(1)} KB (limit ${LIMIT_KB} KB; goal ${GOAL_KB} KB${kb > GOAL_KB ? ', not reached' : ''})`);
if (kb > LIMIT_KB) {
  console.error(`Initial JS is over the ${LIMIT_KB} KB budget.`);
  process.exit(1);
}

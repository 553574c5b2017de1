// Prints the gzipped size of the JavaScript index.html loads up front (boot script, entry, modulepreloads).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

// Issue 14's budget: 150 KB gzipped for what index.html loads before first paint. React Flow
// and d3 (~45 KB) are their own chunk, loaded while the page's frame renders (see
// src/ui/canvas/loadCanvas.ts); what is left is React and the app's shell.
const LIMIT_KB = Number(process.env.SIZE_LIMIT_KB ?? 150);
const dist = 'dist';
if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map(
  (m) => m[1],
);
// The built page's entry and its preloads are in the boot script's tag (data-entry,
// data-preload): it adds them right after the first paint (vite.config.ts entryAfterFirstPaint).
for (const m of html.matchAll(/data-(?:entry|preload)="([^"]*)"/g)) scripts.push(...m[1].split(' ').filter(Boolean));
if (!scripts.some((s) => /\/index-[^/]+\.js$/.test(s))) {
  console.error("index.html names no entry module: the size check would measure nothing.");
  process.exit(1);
}
let total = 0;
for (const src of new Set(scripts)) {
  const file = join(dist, src.replace(/^\.?\//, ''));
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB  ${src}`);
}
const kb = total / 1024;
console.log(`initial JS (gzipped): ${kb.toFixed(1)} KB (limit ${LIMIT_KB} KB)`);
if (kb > LIMIT_KB) {
  console.error(`Initial JS is over the ${LIMIT_KB} KB budget.`);
  process.exit(1);
}

/**
 * Access-log fitting throughput: generates a ~100 MB Gunicorn/NGINX log in memory and feeds
 * it to the fitter in 64 KB chunks, as the Web Worker does. Prints MB/s and lines/s.
 *   npm run bench:logs
 */
import { AccessLogFitter } from '../src/core/logs/accessLog';

const TARGET_MB = Number(process.argv[2] ?? 100);
const kinds = [
  (i: number) => `10.0.0.11 - - [27/Nov/2026:10:00:00 +0000] "GET /products/${i % 97}/ HTTP/1.0" 200 5120 "-" "Mozilla/5.0" ${20_000 + (i % 13) * 1000}`,
  (i: number) => `203.0.113.7 - - [27/Nov/2026:10:00:00 +0000] "GET /static/app.${i % 3}.css HTTP/1.1" 200 812 "https://example.org/" "Mozilla/5.0 (X11)" 0.002 -`,
  (i: number) => `203.0.113.7 - - [27/Nov/2026:10:00:00 +0000] "POST /api/orders/ HTTP/1.1" 201 44 "-" "Mozilla/5.0" rt=0.0${30 + (i % 50)} urt="0.0${28 + (i % 50)}"`,
];
const lines: string[] = [];
let bytes = 0;
for (let i = 0; bytes < TARGET_MB * 1024 * 1024; i++) {
  const l = kinds[i % kinds.length]!(i);
  lines.push(l);
  bytes += l.length + 1;
}
const text = lines.join('\n');
const CHUNK = 64 * 1024;
const t0 = performance.now();
const f = new AccessLogFitter();
for (let i = 0; i < text.length; i += CHUNK) f.push(text.slice(i, i + CHUNK));
const fit = f.finish();
const s = (performance.now() - t0) / 1000;
const mb = text.length / 1024 / 1024;
console.log(`log fit: ${mb.toFixed(0)} MB, ${fit.lines.toLocaleString('en')} lines in ${s.toFixed(2)} s → ${(mb / s).toFixed(1)} MB/s, ${Math.round(fit.lines / s).toLocaleString('en')} lines/s (bad ${fit.bad})`);

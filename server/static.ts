/**
 * Serves the built app (dist/) with the same headers deploy/nginx.conf sets: hashed assets
 * cached for a year (immutable), index.html and the service worker always revalidated,
 * a strict Content-Security-Policy and the OWASP headers. Text files are gzipped once and
 * kept in memory (the whole app is a few megabytes).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Keep in step with deploy/nginx.conf (test/deploy checks both). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);

interface Cached {
  body: Buffer;
  gz: Buffer | null;
  mtime: number;
}

export function staticHandler(root: string) {
  const cache = new Map<string, Cached>();
  const rootDir = normalize(root + sep);

  async function load(file: string): Promise<Cached | null> {
    let st;
    try {
      st = await stat(file);
    } catch {
      return null;
    }
    if (!st.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtime === st.mtimeMs) return hit;
    const body = await readFile(file);
    const gz = COMPRESSIBLE.has(extname(file)) && body.length > 1024 ? gzipSync(body) : null;
    const c = { body, gz, mtime: st.mtimeMs };
    cache.set(file, c);
    return c;
  }

  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS });
      res.end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, SECURITY_HEADERS);
      res.end();
      return;
    }
    if (pathname.includes('\0')) {
      res.writeHead(400, SECURITY_HEADERS);
      res.end();
      return;
    }
    let file = normalize(join(rootDir, pathname));
    if (!file.startsWith(rootDir) && file + sep !== rootDir) {
      res.writeHead(403, SECURITY_HEADERS);
      res.end();
      return;
    }
    if (pathname.endsWith('/')) file = join(file, 'index.html');
    let c = await load(file);
    let ext = extname(file);
    // The app's own routes (no extension) get index.html; a missing asset is a real 404.
    if (!c && !ext) {
      file = join(rootDir, 'index.html');
      ext = '.html';
      c = await load(file);
    }
    if (!c) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found');
      return;
    }
    const hashed = pathname.startsWith('/assets/');
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
      ...SECURITY_HEADERS,
    };
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = c.gz && acceptsGzip ? c.gz : c.body;
    if (body === c.gz) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

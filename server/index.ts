/**
 * One origin for the app and its live classes: serves dist/ (or Vite in dev) and the sync
 * server's WebSocket under /live, its HTTP API under /live/api.
 *
 *   npm start            vite build, then this on port 4173 (PORT, HOST to change)
 *   npm run dev          this with --dev: Vite's dev server in middleware mode, same port
 *   --live-only          only /live (behind nginx, see deploy/): no static files
 *
 * Environment: PORT (4173), HOST (0.0.0.0, so students' laptops can reach it),
 * LIVE_DATA_DIR (./data/live), DIST_DIR (./dist), TRUST_PROXY=1 behind a reverse proxy.
 * SIGTERM / SIGINT save every open class and exit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { LiveServer } from './live.ts';
import { handleLongRequests, MAX_HEADER_BYTES } from './longUrl.ts';
import { SECURITY_HEADERS, staticHandler } from './static.ts';

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const liveOnly = args.has('--live-only');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '0.0.0.0';
const dataDir = resolve(process.env.LIVE_DATA_DIR ?? 'data/live');
const distDir = resolve(process.env.DIST_DIR ?? 'dist');
const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);

mkdirSync(dataDir, { recursive: true });
const live = new LiveServer({
  dataDir,
  trustProxy: process.env.TRUST_PROXY === '1',
  maxFailedJoins: num(process.env.LIVE_MAX_FAILED_JOINS),
  maxCreates: num(process.env.LIVE_MAX_CREATES),
});
await live.open();

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
let app: Handler;
// Long share links and ?scene= values: 64 KB instead of Node's 16 KB; longer ones are sent
// to the app with a notice instead of a bare 431 (server/longUrl.ts).
const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES });
handleLongRequests(server);

if (dev) {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({ server: { middlewareMode: true, hmr: { server } }, appType: 'spa' });
  app = vite.middlewares as unknown as Handler;
} else if (liveOnly) {
  app = (_req, res) => {
    res.writeHead(404, SECURITY_HEADERS);
    res.end();
  };
} else {
  const serve = staticHandler(distDir);
  app = (req, res) => void serve(req, res);
}

server.on('request', (req: IncomingMessage, res: ServerResponse) => {
  void live.handleHttp(req, res).then((handled) => {
    if (!handled)
      app(req, res, () => {
        res.statusCode = 404;
        res.end();
      });
  });
});

server.on('upgrade', (req, socket, head) => {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/live') live.handleUpgrade(req, socket, head);
  else if (!dev) socket.destroy(); // in dev, Vite's HMR answers its own upgrades
});

server.listen(port, host, () => {
  const where = [`http://127.0.0.1:${port}/`];
  if (host === '0.0.0.0') {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) where.push(`http://${a.address}:${port}/`);
  }
  console.log(`ProdViz${liveOnly ? ' live server' : ''}${dev ? ' (dev)' : ''} on ${where.join('  ')}  (live data: ${dataDir})`);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[live] ${signal}: saving classes and stopping`);
  server.close();
  try {
    await live.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
// A bug in one handler must not take the class down: log it and keep serving.
process.on('uncaughtException', (e) => console.error('[live] uncaught', e));
process.on('unhandledRejection', (e) => console.error('[live] unhandled', e));

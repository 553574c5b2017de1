/**
 * Long addresses through the real servers (issue 16): the Node server (`npm start`'s
 * server/index.ts) and the Debian nginx running deploy/nginx/prodviz.conf, each on a free
 * port of 127.0.0.1 and stopped by PID. Up to 64 KB the app is served; beyond, a page request
 * is sent to `/?notice=too-long` (the app says why) instead of a bare 431/414.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasNginx, startDeployNginx, type DeployNginx } from '../e2e/deployNginx';
import { freePort, startAppServer, type AppServer } from '../e2e/liveServer';
import { TOO_LONG_LOCATION } from './longUrl';

interface Reply {
  status: number;
  head: string;
  body: string;
}

/** One raw HTTP/1.1 request (no client-side limits in the way). */
function request(port: number, method: string, path: string, headers = ''): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolveReply({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`);
  });
}

const INDEX = '<!doctype html><title>ProdViz</title><div id="root"></div>';
const query = (bytes: number) => `/?lang=en&scene=${'x'.repeat(bytes)}`;
let dist = '';

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'prodviz-dist-'));
  writeFileSync(join(dist, 'index.html'), INDEX);
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the Node server', () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({ DIST_DIR: dist });
  }, 40_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves the app for a ?scene= of 40 KB (Node alone stops at 16 KB)', async () => {
    const reply = await request(server.port, 'GET', query(40_000));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<div id="root">');
  });

  it('sends a page request over 64 KB to the app with a notice, not a blank 431', async () => {
    const reply = await request(server.port, 'GET', query(80_000));
    expect(reply.status).toBe(303);
    expect(reply.head).toMatch(/\r\nLocation: \/\?notice=too-long(\r\n|$)/i);
    expect(reply.body).toContain('Open ProdViz');
    expect(reply.body).toContain("ProdViz'i aç");
    const head = await request(server.port, 'HEAD', query(80_000));
    expect(head.status).toBe(303);
    expect(head.body).toBe('');
    // The place it sends to is served.
    expect((await request(server.port, 'GET', TOO_LONG_LOCATION)).status).toBe(200);
  });

  it('answers any other oversized request with a short page that links to the app', async () => {
    const reply = await request(server.port, 'POST', '/live/api/classes', `X-Big: ${'y'.repeat(80_000)}\r\nContent-Length: 0\r\n`);
    expect(reply.status).toBe(431);
    expect(reply.body).toContain('<a href="/">Open ProdViz</a>');
    expect(reply.head).toMatch(/\r\nContent-Security-Policy: /i);
  });
});

describe.skipIf(!hasNginx())('deploy/nginx/prodviz.conf on the Debian nginx', () => {
  let port = 0;
  let nginx: DeployNginx | null = null;

  beforeAll(async () => {
    const upstream = await freePort(); // nothing listens: only the static paths are asked for
    nginx = await startDeployNginx({ dist: resolve(dist), upstreamPort: upstream, workerConnections: 64 });
    port = nginx.port;
    // Up when it answers (bounded: 10 s).
    for (let i = 0; i < 200; i++) {
      const status = await request(port, 'GET', '/').then((r) => r.status, () => 0);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 20_000);

  afterAll(async () => {
    await nginx?.stop();
  });

  it('serves the app for a ?scene= of 40 KB (the default 8 KB buffer answered 414)', async () => {
    const reply = await request(port, 'GET', query(40_000));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<div id="root">');
  });

  it('sends an address over 64 KB to the app with a notice instead of a bare 414', async () => {
    const reply = await request(port, 'GET', query(80_000));
    expect(reply.status).toBe(303);
    expect(reply.head).toMatch(/\r\nLocation: \/\?notice=too-long(\r\n|$)/i);
  });

  it('the Docker variant has the same limits', () => {
    const docker = readFileSync('deploy/nginx/docker.conf', 'utf8');
    for (const line of ['large_client_header_buffers 4 64k;', 'error_page 414 /prodviz-too-long;', `return 303 ${TOO_LONG_LOCATION};`])
      expect(docker).toContain(line);
  });
});

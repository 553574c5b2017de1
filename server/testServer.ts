/** Starts the live server on a free port (tests and the benchmark); stop() saves and closes. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveServer, type LiveOptions } from './live.ts';

export async function startLive(opts: LiveOptions) {
  const live = new LiveServer(opts);
  await live.open();
  const server = createServer((req, res) => {
    void live.handleHttp(req, res).then((handled) => {
      if (!handled) {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/live') live.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    live,
    port,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/live`,
    async stop() {
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export async function createClass(http: string): Promise<{ code: string; token: string }> {
  const res = await fetch(`${http}/live/api/classes`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`create class: ${res.status}`);
  return (await res.json()) as { code: string; token: string };
}

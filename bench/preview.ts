/**
 * Serves a build for a browser benchmark: `vite preview` of `dist` on 127.0.0.1:`port`,
 * refusing a port that already answers (a server left there would answer instead of this
 * build), waiting until it serves, and stopping it by its PID when `stop` is called or the
 * process exits.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

export interface Preview {
  /** http://127.0.0.1:port/ */
  url: string;
  stop: () => void;
}

export async function startPreview(dist: string, port: number): Promise<Preview> {
  const url = `http://127.0.0.1:${port}/`;
  if (await fetch(url).then(() => true, () => false)) {
    throw new Error(`port ${port} is already in use: stop what listens there first`);
  }
  const server = spawn(
    resolve(root, 'node_modules/.bin/vite'),
    ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', dist],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
  };
  process.on('exit', stop);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited with ${server.exitCode} (port ${port} in use?)`);
    if (await fetch(url).then((r) => r.ok, () => false)) return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${url}`);
}

/**
 * The Debian nginx running deploy/nginx/prodviz.conf for tests: a temp prefix, a free port on
 * 127.0.0.1, the given dist/ and upstream (the live server's port), checked with `nginx -t`,
 * started in the foreground and stopped by its PID. Used by e2e/live-nginx.spec.ts and
 * server/longUrl.test.ts. The caller waits until it answers (how differs per test).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './liveServer';

export const NGINX = '/usr/sbin/nginx';
export const hasNginx = (): boolean => existsSync(NGINX);

export interface DeployNginx {
  port: number;
  prefix: string;
  process: ChildProcess;
  /** Stops nginx by its PID and waits for it; removes the prefix unless KEEP_NGINX is set. */
  stop(): Promise<void>;
}

export async function startDeployNginx(opts: {
  dist: string;
  upstreamPort: number;
  workerConnections?: number;
}): Promise<DeployNginx> {
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'prodviz-nginx-'));
  mkdirSync(join(prefix, 'snippets'));
  mkdirSync(join(prefix, 'tmp'));
  copyFileSync('/etc/nginx/mime.types', join(prefix, 'mime.types'));
  copyFileSync(
    'deploy/nginx/prodviz-security-headers.conf',
    join(prefix, 'snippets/prodviz-security-headers.conf'),
  );
  const site = readFileSync('deploy/nginx/prodviz.conf', 'utf8')
    .replace('server 127.0.0.1:4174;', `server 127.0.0.1:${opts.upstreamPort};`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('listen [::]:80;', '')
    .replace('root /srv/prodviz/dist;', `root ${opts.dist};`);
  writeFileSync(join(prefix, 'prodviz.conf'), site);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections ${opts.workerConnections ?? 256}; }
http {
  include mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  include prodviz.conf;
}
`,
  );
  const conf = join(prefix, 'nginx.conf');
  const check = spawnSync(NGINX, ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx -t failed:\n${check.stderr}`);
  }
  const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-g', 'daemon off; user root;'], {
    stdio: 'ignore',
  });
  return {
    port,
    prefix,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await exited;
      }
      if (!process.env.KEEP_NGINX) rmSync(prefix, { recursive: true, force: true });
    },
  };
}

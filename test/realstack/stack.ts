/**
 * The generated configs running for real on this machine: a private PostgreSQL and Redis on
 * free ports, a minimal Django project laid out as the generated files expect it (its
 * config/settings.py IS the generated one), one Gunicorn per app server started from the
 * generated gunicorn.service exactly as systemd would (User/Group, WorkingDirectory,
 * Environment, EnvironmentFile, ExecStart), and NGINX from the generated nginx.conf.
 *
 * What is rewritten, and why (everything else is the generated text, byte for byte):
 * - nginx.conf: `listen 80` / `listen 443` become 127.0.0.1 and free ports (no well-known
 *   ports on a shared machine; no IPv6 listener), the upstream's 10.0.0.x:8000 become
 *   127.0.0.1:<free port> per app server, and the redirect keeps the HTTPS port
 *   (`https://$host:<port>$request_uri`) because it is not 443. Paths (project, logs, pid,
 *   certificate, ACME webroot) come from DeployPaths, not from rewriting.
 * - ExecStart: `--bind 0.0.0.0:8000` becomes `127.0.0.1:<free port>` (two app servers on one
 *   machine). Nothing else.
 * Every process is started here, recorded by PID and stopped by PID; `stop()` checks that no
 * process mentioning the stack's temporary directory is left.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfigs, type ConfigFile, type ConfigFileId, type ConfigSettings, type DeployPaths } from '../../src/core/export/configs';
import type { Topology } from '../../src/core/topology/types';

export const DOMAIN = 'shop.example.com';
const PY = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
const PG_BIN = (() => {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return '';
  const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(base, v, 'bin') : '';
})();
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const SYSTEMD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What the real stack needs; `missing()` names the Debian packages to install. */
export function missing(): string[] {
  const out: string[] = [];
  const ok = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    return !r.error && r.status === 0;
  };
  if (!ok(NGINX, ['-v'])) out.push('nginx');
  if (!existsSync('/usr/bin/gunicorn')) out.push('gunicorn');
  if (!PG_BIN || !existsSync(join(PG_BIN, 'initdb'))) out.push('postgresql');
  if (!ok('redis-server', ['--version'])) out.push('redis-server');
  if (!ok('openssl', ['version'])) out.push('openssl');
  for (const [mod, pkg] of [
    ['django', 'python3-django'],
    ['psycopg2', 'python3-psycopg2'],
    ['redis', 'python3-redis'],
    ['django_redis', 'python3-django-redis'],
    ['yaml', 'python3-yaml'],
  ] as const)
    if (!ok(PY, ['-c', `import ${mod}`])) out.push(pkg);
  return out;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
}

/** argv prefix that runs a command as `user:group` the way systemd's User=/Group= do (exec, same PID). */
function asUser(user: string, group: string): string[] {
  if (!IS_ROOT) return [];
  return ['setpriv', `--reuid=${user}`, `--regid=${group}`, '--init-groups', '--'];
}

function run(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): string {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd as string, args, { encoding: 'utf8', env: opts.env ?? process.env, cwd: opts.cwd, input: opts.input });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  log: string;
}

/** Minimal Django project files (config/settings.py is the generated one, written separately). */
const PROJECT: Record<string, string> = {
  'manage.py': [
    '#!/usr/bin/env python3',
    'import os, sys',
    'if __name__ == "__main__":',
    '    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")',
    '    from django.core.management import execute_from_command_line',
    '    execute_from_command_line(sys.argv)',
    '',
  ].join('\n'),
  'config/__init__.py': '',
  'config/wsgi.py': [
    'import os',
    'from django.core.wsgi import get_wsgi_application',
    'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")',
    'application = get_wsgi_application()',
    '',
  ].join('\n'),
  'config/urls.py': [
    'from django.urls import path',
    'from . import views',
    'urlpatterns = [',
    '    path("dyn/", views.dyn),',
    '    path("slow/", views.slow),',
    '    path("work/", views.work),',
    '    path("upload/", views.upload),',
    ']',
    '',
  ].join('\n'),
  'config/views.py': [
    '"""Probe views: what the real-stack test and the calibration benchmark ask the app."""',
    'import time',
    'from django.core.cache import cache',
    'from django.core.files.base import ContentFile',
    'from django.core.files.storage import default_storage',
    'from django.db import connection',
    'from django.http import JsonResponse',
    'from django.views.decorators.csrf import csrf_exempt',
    '',
    '',
    'def _who(request):',
    '    sock = request.META.get("gunicorn.socket")',
    '    return {',
    '        "port": sock.getsockname()[1] if sock else None,',
    '        "host": request.get_host(),',
    '        "secure": request.is_secure(),',
    '        "xff": request.META.get("HTTP_X_FORWARDED_FOR"),',
    '        "xrealip": request.META.get("HTTP_X_REAL_IP"),',
    '        "proto": request.META.get("HTTP_X_FORWARDED_PROTO"),',
    '    }',
    '',
    '',
    'def dyn(request):',
    '    """A dynamic page that uses PostgreSQL and Redis."""',
    '    with connection.cursor() as c:',
    '        c.execute("INSERT INTO hits DEFAULT VALUES")',
    '        c.execute("SELECT count(*) FROM hits")',
    '        hits = c.fetchone()[0]',
    '        c.execute("SHOW server_version")',
    '        pg = c.fetchone()[0]',
    '    cache.add("visits", 0)',
    '    visits = cache.incr("visits")',
    '    info = cache.client.get_client().info("server")',
    '    return JsonResponse({**_who(request), "hits": hits, "visits": visits, "postgres": pg, "redis": info.get("redis_version")})',
    '',
    '',
    'def slow(request):',
    '    time.sleep(float(request.GET.get("s", "1")))',
    '    return JsonResponse(_who(request))',
    '',
    '',
    'def work(request):',
    '    """Service time you set: sleep ms (I/O wait), then a CPU loop of cpu ms."""',
    '    time.sleep(float(request.GET.get("ms", "0")) / 1000)',
    '    end = time.perf_counter() + float(request.GET.get("cpu", "0")) / 1000',
    '    while time.perf_counter() < end:',
    '        pass',
    '    return JsonResponse({"ok": True})',
    '',
    '',
    '@csrf_exempt',
    'def upload(request):',
    '    name = default_storage.save("uploads/probe.bin", ContentFile(request.body))',
    '    return JsonResponse({"name": name, "size": len(request.body)})',
    '',
  ].join('\n'),
};

export interface StackOptions {
  topology: Topology;
  settings?: Partial<ConfigSettings>;
  /** Start NGINX (default true). */
  nginx?: boolean;
  /** Gunicorn's stdout (the access log) goes to a file per app server; default true. */
  accessLog?: boolean;
}

export interface AppProc {
  name: string;
  port: number;
  proc: Proc | null;
  argv: string[];
  logFile: string;
}

export interface Stack {
  root: string;
  files: Map<ConfigFileId, ConfigFile>;
  httpPort: number;
  httpsPort: number;
  apps: AppProc[];
  procs: Proc[];
  /** Env deploy.yml's test job sets (for check --deploy). */
  projectDir: string;
  acmeDir: string;
  startApp(i: number): Promise<void>;
  stopApp(i: number): Promise<void>;
  /** Where the generated files were told things live (pass them to generateConfigs for variants). */
  paths: DeployPaths;
  settings: ConfigSettings;
  /** Takes app server i's command from another generated gunicorn.service (restart it to apply). */
  useUnit(i: number, unitText: string): void;
  stop(): Promise<void>;
  python(args: string[], env?: NodeJS.ProcessEnv): string;
  envFile: Record<string, string>;
}

function spawnProc(name: string, argv: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; logFile: string }): Proc {
  const fd = openSync(opts.logFile, 'a');
  const [cmd, ...args] = argv;
  const child = spawn(cmd as string, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', fd, fd] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${argv.join(' ')}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, pid: child.pid, child, exited, log: opts.logFile };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops one process by its PID: `signal`, then SIGKILL after `graceMs`. */
export async function stopProc(p: Proc, signal: NodeJS.Signals, graceMs = 8000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  process.kill(p.pid, signal);
  const done = await Promise.race([p.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!done && alive(p.pid)) {
    process.kill(p.pid, 'SIGKILL');
    await p.exited;
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 20_000, proc?: Proc): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited: ${readFileSync(proc.log, 'utf8').slice(-2000)}`);
    }
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${ms} ms${proc ? `: ${readFileSync(proc.log, 'utf8').slice(-2000)}` : ''}`);
}

async function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** systemd's view of a unit: [Service] keys (ExecStart, User, Group, WorkingDirectory, Environment, EnvironmentFile). */
export function parseUnit(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    (out[key] ??= []).push(line.slice(eq + 1));
  }
  return out;
}

/** KEY=VALUE lines, as systemd's EnvironmentFile= reads them. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return env;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const root = mkdtempSync(join(tmpdir(), 'prodviz-realstack-'));
  chmodSync(root, 0o755);
  const procs: Proc[] = [];
  const projectDir = join(root, 'srv', 'app');
  const logs = join(root, 'logs');
  const acmeDir = join(root, 'certbot');
  for (const d of [projectDir, join(projectDir, 'config'), join(projectDir, 'media'), logs, join(logs, 'nginx'), acmeDir]) mkdirSync(d, { recursive: true });
  for (const d of [join(root, 'srv'), projectDir, logs, acmeDir]) chmodSync(d, 0o755);

  // The service user of the generated unit (User=django, Group=www-data): what a server has after
  // `adduser --system django`. Created only when running as root and it does not exist.
  const unitUser = 'django';
  const unitGroup = userExists('www-data') ? 'www-data' : 'nogroup';
  if (IS_ROOT && !userExists(unitUser)) run(['useradd', '--system', '--no-create-home', '--shell', '/usr/sbin/nologin', unitUser]);

  const stack: Partial<Stack> & { procs: Proc[] } = { procs, root, projectDir, acmeDir };
  const stopAll = async () => {
    for (const p of [...procs].reverse()) {
      await stopProc(p, p.name === 'postgres' ? 'SIGINT' : p.name.startsWith('gunicorn') ? 'SIGINT' : 'SIGTERM');
    }
  };
  try {
    // TLS: a throwaway self-signed certificate for the domain.
    run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${DOMAIN}`, '-days', '2', '-keyout', join(root, 'key.pem'), '-out', join(root, 'cert.pem')]);

    // PostgreSQL: a private cluster on a free port, run by the postgres user as Debian does.
    const pgPort = await freePort();
    const pgData = join(root, 'pgdata');
    const pgSock = join(root, 'pgsock');
    mkdirSync(pgData);
    mkdirSync(pgSock);
    const pgUser = IS_ROOT ? 'postgres' : '';
    if (pgUser) {
      const [u, g] = [idOf('-u', pgUser), idOf('-g', pgUser)];
      chownSync(pgData, u, g);
      chownSync(pgSock, u, g);
    }
    const asPg = pgUser ? asUser(pgUser, pgUser) : [];
    run([...asPg, join(PG_BIN, 'initdb'), '-D', pgData, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync']);
    const pg = spawnProc(
      'postgres',
      [...asPg, join(PG_BIN, 'postgres'), '-D', pgData, '-p', String(pgPort), '-k', pgSock, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=40'],
      { env: { PATH: SYSTEMD_PATH, LANG: 'C.UTF-8' }, logFile: join(logs, 'postgres.log') },
    );
    procs.push(pg);
    const psql = (sql: string, db = 'postgres') => run([...asPg, join(PG_BIN, 'psql'), '-h', pgSock, '-p', String(pgPort), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
    await waitFor('PostgreSQL', () => spawnSync(join(PG_BIN, 'pg_isready'), ['-h', pgSock, '-p', String(pgPort)]).status === 0, 20_000, pg);
    const dbPassword = 'pg-test-only-pw';
    psql(`CREATE ROLE django LOGIN PASSWORD '${dbPassword}'`);
    psql('CREATE DATABASE app OWNER django');
    psql('CREATE TABLE hits (id serial PRIMARY KEY, at timestamptz DEFAULT now()); ALTER TABLE hits OWNER TO django', 'app');

    // Redis: bound to the private address (here 127.0.0.1), with a password, as the ops tab says.
    const redisPort = await freePort();
    const redisDir = join(root, 'redis');
    mkdirSync(redisDir);
    const redisUser = IS_ROOT && userExists('redis') ? 'redis' : '';
    if (redisUser) chownSync(redisDir, idOf('-u', redisUser), idOf('-g', redisUser));
    const redisPassword = 'redis-test-only-pw';
    const redis = spawnProc(
      'redis',
      [...(redisUser ? asUser(redisUser, redisUser) : []), 'redis-server', '--port', String(redisPort), '--bind', '127.0.0.1', '--requirepass', redisPassword, '--save', '', '--appendonly', 'no', '--dir', redisDir],
      { env: { PATH: SYSTEMD_PATH }, logFile: join(logs, 'redis.log') },
    );
    procs.push(redis);
    await waitFor('Redis', () => spawnSync('redis-cli', ['-p', String(redisPort), '-a', redisPassword, '--no-auth-warning', 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 10_000, redis);

    // The generated files, for this machine's paths.
    const settings: ConfigSettings = { https: true, securityHeaders: true, domain: DOMAIN, appAddresses: ['127.0.0.1', '127.0.0.1'], nginxAddress: '127.0.0.1', ...o.settings };
    const paths: DeployPaths = {
      projectDir,
      venvBin: '/usr/bin',
      nginxLogDir: join(logs, 'nginx'),
      nginxPidFile: join(root, 'nginx.pid'),
      mimeTypes: '/etc/nginx/mime.types',
      certificate: join(root, 'cert.pem'),
      certificateKey: join(root, 'key.pem'),
      acmeWebroot: acmeDir,
    };
    const generated = generateConfigs(o.topology, settings, { source: 'realstack', paths });
    const files = new Map(generated.map((f) => [f.id, f]));
    const file = (id: ConfigFileId) => {
      const f = files.get(id);
      if (!f) throw new Error(`no ${id}`);
      return f.content;
    };
    for (const [name, text] of Object.entries(PROJECT)) writeFileSync(join(projectDir, name), text);
    writeFileSync(join(projectDir, 'config', 'settings.py'), file('settings'));
    writeFileSync(join(projectDir, 'gunicorn.conf.py'), file('gunicornConf'));
    writeFileSync(join(root, 'gunicorn.service'), file('systemd'));
    writeFileSync(join(root, 'deploy.yml'), file('workflow'));
    const envFile = {
      DJANGO_SECRET_KEY: 'realstack-test-only-5f1e2d3c4b5a69788796a5b4c3d2e1f0-not-secret',
      DATABASE_URL: `postgres://django:${dbPassword}@127.0.0.1:${pgPort}/app`,
      REDIS_URL: `redis://:${redisPassword}@127.0.0.1:${redisPort}/0`,
    };
    writeFileSync(join(projectDir, '.env'), Object.entries(envFile).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o640 });
    if (IS_ROOT) {
      const [u, g] = [idOf('-u', unitUser), idOf('-g', unitGroup)];
      chownSync(join(projectDir, '.env'), 0, g);
      chownSync(join(projectDir, 'media'), u, g);
    }

    // The unit, read as systemd reads it.
    const unit = parseUnit(file('systemd'));
    const workDir = unit.WorkingDirectory?.[0] ?? '';
    if (workDir !== projectDir) throw new Error(`WorkingDirectory ${workDir} is not the project`);
    const env: NodeJS.ProcessEnv = { PATH: SYSTEMD_PATH, LANG: 'C.UTF-8' };
    for (const e of unit.Environment ?? []) {
      const eq = e.indexOf('=');
      env[e.slice(0, eq)] = e.slice(eq + 1);
    }
    for (const ef of unit.EnvironmentFile ?? []) {
      const path = ef.replace(/^-/, '');
      if (existsSync(path)) Object.assign(env, parseEnvFile(readFileSync(path, 'utf8')));
      else if (!ef.startsWith('-')) throw new Error(`EnvironmentFile ${path} missing`);
    }
    const user = unit.User?.[0] ?? '';
    const group = unit.Group?.[0] ?? '';
    if (user !== unitUser) throw new Error(`the unit runs as ${user}`);
    const python = (args: string[], extra: NodeJS.ProcessEnv = {}) => run([...asUser(user, group === 'www-data' ? unitGroup : group), PY, ...args], { env: { ...env, ...extra }, cwd: projectDir });
    // collectstatic as the deploy does (the service user writes STATIC_ROOT here).
    if (IS_ROOT) {
      mkdirSync(join(projectDir, 'staticfiles'));
      chownSync(join(projectDir, 'staticfiles'), idOf('-u', unitUser), idOf('-g', unitGroup));
    }
    python(['manage.py', 'collectstatic', '--noinput', '-v', '0']);

    const argvOf = (unitText: string, port: number) => {
      const execStart = (parseUnit(unitText).ExecStart?.[0] ?? '').split(/\s+/);
      const argv = execStart.map((a) => (a === '0.0.0.0:8000' ? `127.0.0.1:${port}` : a));
      if (!argv.includes(`127.0.0.1:${port}`)) throw new Error(`ExecStart has no --bind 0.0.0.0:8000: ${execStart.join(' ')}`);
      return argv;
    };
    const apps: AppProc[] = [];
    const upstreamCount = (file('nginx').match(/^\s*server \S+:8000 /gm) ?? []).length;
    for (let i = 0; i < upstreamCount; i++) {
      const port = await freePort();
      apps.push({ name: `app${i + 1}`, port, proc: null, argv: argvOf(file('systemd'), port), logFile: join(logs, `gunicorn-app${i + 1}.log`) });
    }
    const useUnit = (i: number, unitText: string) => {
      const a = apps[i];
      if (!a) throw new Error(`no app ${i}`);
      a.argv = argvOf(unitText, a.port);
    };
    const startApp = async (i: number) => {
      const a = apps[i];
      if (!a) throw new Error(`no app ${i}`);
      const p = spawnProc(`gunicorn-${a.name}`, [...asUser(user, group === 'www-data' ? unitGroup : group), ...a.argv], { env, cwd: workDir, logFile: a.logFile });
      a.proc = p;
      procs.push(p);
      await waitFor(`Gunicorn ${a.name}`, () => tcpOpen(a.port), 30_000, p);
    };
    const stopApp = async (i: number) => {
      const a = apps[i];
      if (!a?.proc) return;
      await stopProc(a.proc, 'SIGINT');
      procs.splice(procs.indexOf(a.proc), 1);
      a.proc = null;
    };
    for (let i = 0; i < apps.length; i++) await startApp(i);

    // NGINX from the generated nginx.conf (see the header for the three rewrites).
    const httpPort = await freePort();
    const httpsPort = await freePort();
    let appIndex = 0;
    let conf = file('nginx')
      .replace(/^(\s*)listen 80;$/gm, `$1listen 127.0.0.1:${httpPort};`)
      .replace(/^(\s*)listen 443 ssl;$/gm, `$1listen 127.0.0.1:${httpsPort} ssl;`)
      .replace(/^\s*listen \[::\]:\d+( ssl)?;\n/gm, '')
      .replace(/^(\s*server )\S+:8000( )/gm, (_m, pre: string, post: string) => `${pre}127.0.0.1:${apps[appIndex++]?.port ?? 0}${post}`)
      .replace('return 301 https://$host$request_uri;', `return 301 https://$host:${httpsPort}$request_uri;`);
    if (!IS_ROOT) conf = conf.replace(/^user www-data;\n/m, '');
    writeFileSync(join(root, 'nginx.conf'), conf);
    if (o.nginx !== false) {
      const ngx = spawnProc('nginx', [NGINX, '-p', root + '/', '-c', join(root, 'nginx.conf'), '-g', 'daemon off;'], { env: { PATH: SYSTEMD_PATH }, logFile: join(logs, 'nginx-stderr.log') });
      procs.push(ngx);
      await waitFor('NGINX', () => tcpOpen(httpPort), 10_000, ngx);
    }

    const stop = async () => {
      await stopAll();
      procs.length = 0;
      const left = leftovers(root);
      rmSync(root, { recursive: true, force: true });
      if (left.length) throw new Error(`processes left running: ${left.join('; ')}`);
    };
    return Object.assign(stack, { files, httpPort, httpsPort, apps, startApp, stopApp, useUnit, stop, python, envFile, paths, settings }) as Stack;
  } catch (e) {
    await stopAll();
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

/** Processes whose command line mentions the stack's directory (there must be none after stop). */
export function leftovers(root: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(root)) out.push(`${pid} ${cmd.trim()}`);
    } catch {
      /* gone */
    }
  }
  return out;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  raw: string[];
  body: string;
  ms: number;
}

/** One request to NGINX (or any port) on 127.0.0.1, with the site's Host header. */
export function request(
  port: number,
  path: string,
  o: { tls?: boolean; method?: string; body?: Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const lib = o.tls ? https : http;
    const req = lib.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: o.method ?? 'GET',
        agent: false,
        headers: { Host: DOMAIN, ...(o.body ? { 'Content-Length': String(o.body.length), 'Content-Type': 'application/octet-stream' } : {}), ...o.headers },
        ...(o.tls ? { servername: DOMAIN, rejectUnauthorized: false } : {}),
        timeout: o.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout ${path}`)));
    req.on('error', reject);
    if (o.body) req.write(o.body);
    req.end();
  });
}

/** How many times a header appears in a response (rawHeaders keeps duplicates). */
export function headerCount(r: Reply, name: string): number {
  let n = 0;
  for (let i = 0; i < r.raw.length; i += 2) if ((r.raw[i] ?? '').toLowerCase() === name.toLowerCase()) n++;
  return n;
}

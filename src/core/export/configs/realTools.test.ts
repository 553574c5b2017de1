/**
 * The generated files fed to the real tools: `nginx -t` (Debian nginx), `systemd-analyze
 * verify` (systemd), `docker-compose config` (Debian docker-compose), and python3 (runs
 * gunicorn.conf.py, parses deploy.yml with PyYAML) — for every scene under each
 * HTTPS/headers setting, and for seeded random topologies. A tool that is not installed
 * skips its test with a message saying what to install; .ci/run installs them all.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../topology/scenes';
import type { Topology } from '../../topology/types';
import { SCENE_IDS } from '../../topology/types';
import { deployModel, generateConfigs, type ConfigFile, type ConfigFileId, type ConfigSettings, type DeployModel } from './index';
import { randomCase } from './testing';

const run = promisify(execFile);

function installed(bin: string, args: string[]): boolean {
  const r = spawnSync(bin, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** Debian puts nginx in /usr/sbin, which a normal user's PATH may lack. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

const HAS = {
  nginx: installed(NGINX, ['-v']),
  systemd: installed('systemd-analyze', ['--version']),
  compose: installed('docker-compose', ['version', '--short']),
  python: installed('python3', ['-c', 'import yaml']),
  openssl: installed('openssl', ['version']),
};
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

function title(what: string, ok: boolean, install: string): string {
  if (ok) return what;
  const why = `SKIPPED: ${install} is not installed (apt-get install -y ${install}); .ci/run installs it`;
  console.warn(`[realTools] ${what} — ${why}`);
  return `${what} — ${why}`;
}

interface Case {
  label: string;
  topology: Topology;
  settings: ConfigSettings;
}

const RANDOM_CASES = 60;
/** docker-compose (Python) takes about a second per file: it checks the first 24 random cases. */
const COMPOSE_RANDOM_CASES = 24;
const CASES: Case[] = [];
for (const id of SCENE_IDS)
  for (const https of [true, false])
    for (const securityHeaders of [true, false])
      CASES.push({ label: `${id}-${https ? 'https' : 'http'}-${securityHeaders ? 'headers' : 'plain'}`, topology: SCENES[id].topology, settings: { https, securityHeaders, domain: 'shop.example.com' } });
for (let seed = 1; seed <= RANDOM_CASES; seed++) {
  const c = randomCase(seed);
  CASES.push({ label: `random-${seed}`, topology: c.topology, settings: c.settings });
}

let root = '';
const written = new Map<string, { dir: string; files: ConfigFile[]; model: DeployModel }>();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'prodviz-configs-'));
  // A stand-in for the virtualenv's gunicorn: systemd-analyze checks that ExecStart is executable.
  mkdirSync(join(root, 'venv-bin'));
  writeFileSync(join(root, 'venv-bin', 'gunicorn'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(root, 'venv-bin', 'gunicorn'), 0o755);
  // nginx -t loads the certificate: a throwaway self-signed one.
  if (HAS.openssl)
    spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=shop.example.com', '-days', '2', '-keyout', join(root, 'key.pem'), '-out', join(root, 'cert.pem')], { stdio: 'ignore' });
  for (const c of CASES) {
    const dir = join(root, c.label);
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const files = generateConfigs(c.topology, c.settings, {
      source: c.label.split('-')[0],
      paths: {
        venvBin: join(root, 'venv-bin'),
        nginxLogDir: join(dir, 'logs'),
        nginxPidFile: join(dir, 'nginx.pid'),
        certificate: join(root, 'cert.pem'),
        certificateKey: join(root, 'key.pem'),
      },
    });
    for (const f of files) writeFileSync(join(dir, f.name), f.content);
    written.set(c.label, { dir, files, model: deployModel(c.topology, c.settings) });
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs `check` over every case, a few at a time; collects failures so one report names them all. */
async function eachCase(
  check: (c: Case, dir: string, model: DeployModel) => Promise<void>,
  options: { parallel?: number; uniqueBy?: ConfigFileId; randomCases?: number } = {},
): Promise<number> {
  const { parallel = 4, uniqueBy, randomCases = RANDOM_CASES } = options;
  // A file identical to one already checked (e.g. docker-compose.yml does not change with the
  // headers setting) is not run through a slow tool twice.
  const seen = new Set<string>();
  const todo = CASES.filter((c) => {
    const seed = /^random-(\d+)$/.exec(c.label)?.[1];
    if (seed && Number(seed) > randomCases) return false;
    if (!uniqueBy) return true;
    const content = written.get(c.label)?.files.find((f) => f.id === uniqueBy)?.content ?? c.label;
    if (seen.has(content)) return false;
    seen.add(content);
    return true;
  });
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const c = todo[next++] as Case;
      const w = written.get(c.label);
      if (!w) throw new Error(`not written: ${c.label}`);
      try {
        await check(c, w.dir, w.model);
      } catch (e) {
        failures.push(`${c.label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  expect(failures).toEqual([]);
  return todo.length;
}

function meaningful(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .filter((l) => !/syntax is ok|test is successful/.test(l))
    // As a normal user nginx says `user` only matters to root; the file is meant for root.
    .filter((l) => IS_ROOT || !/the "user" directive makes sense only if the master process runs with super-user privileges/.test(l));
}

const N = CASES.length;

describe('generated configs pass the real tools', () => {
  it.skipIf(!HAS.nginx || !HAS.openssl)(
    title(`nginx -t accepts nginx.conf (${N} cases)`, HAS.nginx && HAS.openssl, HAS.nginx ? 'openssl' : 'nginx'),
    async () => {
      await eachCase(async (_c, dir) => {
        const { stderr } = await run(NGINX, ['-t', '-p', dir + '/', '-c', join(dir, 'nginx.conf')]);
        expect(meaningful(stderr)).toEqual([]);
      });
      console.info(`[realTools] nginx -t: ${N} files passed`);
    },
    120_000,
  );

  it.skipIf(!HAS.nginx)(
    title('nginx -t rejects a broken file (the check has teeth)', HAS.nginx, 'nginx'),
    async () => {
      const w = written.get(CASES[0]!.label)!;
      const broken = join(w.dir, 'broken.conf');
      writeFileSync(broken, w.files.find((f) => f.id === 'nginx')!.content.replace('proxy_pass http://django_app;', 'proxy_pass http://django_app'));
      await expect(run(NGINX, ['-t', '-p', w.dir + '/', '-c', broken])).rejects.toThrow(/emerg/);
    },
  );

  it.skipIf(!HAS.systemd)(
    title(`systemd-analyze verify accepts gunicorn.service (${N} cases, each distinct unit once)`, HAS.systemd, 'systemd'),
    async () => {
      const checked = await eachCase(async (_c, dir) => {
        const { stdout, stderr } = await run('systemd-analyze', ['verify', join(dir, 'gunicorn.service')]);
        expect((stdout + stderr).split('\n').filter((l) => l.includes('gunicorn.service'))).toEqual([]);
      }, { uniqueBy: 'systemd' });
      console.info(`[realTools] systemd-analyze verify: ${checked} distinct units passed`);
    },
    120_000,
  );

  it.skipIf(!HAS.systemd)(
    title('systemd-analyze verify rejects a unit whose ExecStart is missing', HAS.systemd, 'systemd'),
    async () => {
      const w = written.get(CASES[0]!.label)!;
      const bad = join(w.dir, 'bad', 'gunicorn.service');
      mkdirSync(join(w.dir, 'bad'));
      writeFileSync(bad, w.files.find((f) => f.id === 'systemd')!.content.replace(/^ExecStart=.*$/m, 'ExecStart=/nonexistent/gunicorn'));
      await expect(run('systemd-analyze', ['verify', bad])).rejects.toThrow(/not executable|No such file/);
    },
  );

  it.skipIf(!HAS.compose)(
    title(`docker-compose config accepts docker-compose.yml (${N - RANDOM_CASES + COMPOSE_RANDOM_CASES} cases, each distinct file once)`, HAS.compose, 'docker-compose'),
    async () => {
      const env = { ...process.env, POSTGRES_PASSWORD: 'test-only', DJANGO_SECRET_KEY: 'test-only', COMPOSE_PROJECT_NAME: 'prodviz' };
      const checked = await eachCase(async (_c, dir, m) => {
        const { stdout, stderr } = await run('docker-compose', ['-f', join(dir, 'docker-compose.yml'), 'config', '--services'], { env });
        expect(stderr.trim()).toBe('');
        const expected = [
          ...m.appServers.map((a) => a.service),
          ...(m.static ? ['collectstatic'] : []),
          ...(m.database === 'postgres' ? ['db'] : []),
          ...(m.redis ? ['redis'] : []),
          'nginx',
        ];
        expect(stdout.trim().split('\n').sort()).toEqual(expected.sort());
      }, { uniqueBy: 'compose', randomCases: COMPOSE_RANDOM_CASES });
      console.info(`[realTools] docker-compose config: ${checked} distinct files passed`);
      // Without its secrets the file refuses to start.
      const w = written.get(CASES[0]!.label)!;
      const noSecrets = { ...process.env, POSTGRES_PASSWORD: '', DJANGO_SECRET_KEY: '' };
      await expect(run('docker-compose', ['-f', join(w.dir, 'docker-compose.yml'), 'config', '-q'], { env: noSecrets })).rejects.toThrow(/DJANGO_SECRET_KEY/);
    },
    300_000,
  );

  it.skipIf(!HAS.python)(
    title(`python3 runs gunicorn.conf.py and PyYAML parses deploy.yml (${N} cases)`, HAS.python, 'python3-yaml'),
    async () => {
      const script = [
        'import json, sys, yaml',
        'out = {}',
        'for d in sys.argv[1:]:',
        '    ns = {}',
        '    exec(compile(open(d + "/gunicorn.conf.py").read(), "gunicorn.conf.py", "exec"), ns)',
        '    wf = yaml.safe_load(open(d + "/deploy.yml"))',
        '    out[d] = {"conf": {k: v for k, v in ns.items() if k in ("wsgi_app", "bind", "workers", "worker_class", "timeout")},',
        '              "jobs": {k: j.get("needs") for k, j in wf["jobs"].items()}}',
        'print(json.dumps(out))',
      ].join('\n');
      const dirs = CASES.map((c) => written.get(c.label)!.dir);
      const { stdout } = await run('python3', ['-c', script, ...dirs], { maxBuffer: 16 << 20 });
      const parsed = JSON.parse(stdout) as Record<string, { conf: Record<string, unknown>; jobs: Record<string, unknown> }>;
      for (const c of CASES) {
        const w = written.get(c.label)!;
        const a = w.model.appServers[0]!;
        const r = parsed[w.dir]!;
        expect(r.conf, c.label).toEqual({
          wsgi_app: 'config.wsgi:application',
          bind: '0.0.0.0:8000',
          workers: a.workers,
          worker_class: a.workerClass === 'async' ? 'gevent' : a.workerClass,
          timeout: a.timeoutS,
        });
        expect(r.jobs, c.label).toEqual({ test: null, build: 'test', deploy: 'build' });
      }
    },
    60_000,
  );
});

// Which file ids the tools above cover (the Dockerfile has no offline checker here).
export const COVERED: ConfigFileId[] = ['nginx', 'systemd', 'compose', 'gunicornConf', 'workflow'];

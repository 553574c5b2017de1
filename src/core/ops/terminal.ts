/**
 * A read-only teaching shell: it answers `ps aux`, `top`, `systemctl status gunicorn`, `ls`,
 * `cd`, `pwd`, `cat` from the live simulation state, and refuses everything that would change
 * the server (the UI's systemctl buttons do that). Output is what the real commands print,
 * in English, as on a real Ubuntu server; hints for the learner are i18n keys.
 */
import type { ProcessRow } from './processes';
import { formatSeconds, serviceLines, type UnitConfig, type UnitState } from './systemd';

export type ShellHint = 'readOnly' | 'unknown' | 'help';

export interface ShellResult {
  lines: string[];
  cwd: string;
  /** The learner-facing note the UI adds under the output (translated). */
  hint?: ShellHint;
  clear?: boolean;
}

export interface ShellContext {
  cwd: string;
  /** Simulated ms now. */
  now: number;
  host: string;
  processes: ProcessRow[];
  /** The Gunicorn unit on this server, when it has one. */
  unit: { state: UnitState; config: UnitConfig; workers: number; masterPid: number | null } | null;
  /** CPU cores and memory (MB) of the box, for top. */
  cores: number;
  memoryMb: number;
}

export const HOME = '/home/deploy';
/** The app where the generated files put it (gunicorn.service's WorkingDirectory). */
export const START_DIR = '/srv/app';

/** The files of a small Django deployment; directories end with '/'. */
const TREE: Record<string, string[]> = {
  '/': ['etc/', 'home/', 'run/', 'srv/', 'usr/', 'var/'],
  '/etc': ['nginx/', 'systemd/', 'hostname', 'hosts'],
  '/etc/nginx': ['mime.types', 'nginx.conf'],
  '/etc/systemd': ['system/'],
  '/etc/systemd/system': ['gunicorn.service', 'multi-user.target.wants/'],
  // `systemctl enable gunicorn` put this link here: that is what starts it at boot.
  '/etc/systemd/system/multi-user.target.wants': ['gunicorn.service'],
  '/home': ['deploy/'],
  '/home/deploy': [],
  '/run': ['nginx.pid', 'systemd/'],
  '/run/systemd': [],
  '/srv': ['app/'],
  '/srv/app': ['config/', 'media/', 'orders/', 'staticfiles/', 'templates/', 'venv/', 'Dockerfile', 'docker-compose.yml', 'gunicorn.conf.py', 'manage.py', 'requirements.txt'],
  '/srv/app/config': ['__init__.py', 'asgi.py', 'settings.py', 'urls.py', 'wsgi.py'],
  '/srv/app/orders': ['__init__.py', 'models.py', 'tests.py', 'urls.py', 'views.py'],
  '/srv/app/media': ['uploads/'],
  '/srv/app/media/uploads': [],
  '/srv/app/staticfiles': ['admin/', 'css/', 'js/'],
  '/srv/app/staticfiles/admin': [],
  '/srv/app/staticfiles/css': ['app.css'],
  '/srv/app/staticfiles/js': ['app.js'],
  '/srv/app/templates': ['base.html'],
  '/srv/app/venv': ['bin/', 'lib/', 'pyvenv.cfg'],
  '/srv/app/venv/bin': ['activate', 'django-admin', 'gunicorn', 'pip', 'python3'],
  '/srv/app/venv/lib': ['python3.12/'],
  '/srv/app/venv/lib/python3.12': [],
  '/usr': ['bin/', 'lib/', 'sbin/'],
  '/usr/bin': ['python3', 'redis-server', 'systemctl'],
  '/usr/lib': [],
  '/usr/sbin': ['nginx'],
  '/var': ['log/', 'www/'],
  '/var/log': ['nginx/', 'syslog'],
  '/var/log/nginx': ['access.log', 'error.log'],
  '/var/www': [],
};

/** Resolves a path against cwd (`~`, `..`, `.`, absolute and relative). */
export function resolvePath(cwd: string, arg: string): string {
  let p = arg;
  if (p === '~' || p.startsWith('~/')) p = HOME + p.slice(1);
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function isDir(path: string): boolean {
  return Object.prototype.hasOwnProperty.call(TREE, path);
}

function isFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const name = path.slice(slash + 1);
  return (TREE[dir] ?? []).includes(name);
}

/** "12.3s" style simulated uptime. */
function ago(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
}

/**
 * The unit the Configs panel generates (gunicorn.service), in short: Gunicorn listens on
 * 0.0.0.0:8000 because NGINX runs on another machine (a unix socket only works on the same one).
 */
function unitFile(cfg: UnitConfig, workers: number): string[] {
  return [
    '[Unit]',
    'Description=Gunicorn: the Django app server',
    'After=network.target',
    '',
    '[Service]',
    'User=django',
    'Group=www-data',
    'WorkingDirectory=/srv/app',
    'EnvironmentFile=-/srv/app/.env',
    `ExecStart=/srv/app/venv/bin/gunicorn config.wsgi --workers ${workers} --worker-class sync --bind 0.0.0.0:8000 --timeout 30`,
    'ExecReload=/bin/kill -s HUP $MAINPID',
    ...serviceLines(cfg),
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ];
}

/** `systemctl status gunicorn` from the unit's state. */
export function systemctlStatus(ctx: ShellContext): string[] {
  const u = ctx.unit;
  if (!u) return ['Unit gunicorn.service could not be found.'];
  const s = u.state;
  const since = `since T+${ago(s.since)}; ${ago(ctx.now - s.since)} ago`;
  let active: string;
  if (s.active === 'active') active = `active (running) ${since}`;
  else if (s.sub === 'auto-restart') active = `activating (auto-restart) (Result: signal) ${since}`;
  else if (s.active === 'failed') active = `failed (Result: signal) ${since}`;
  else active = `inactive (dead) ${since}`;
  const lines = [
    `${s.active === 'active' ? '●' : s.active === 'failed' ? '×' : '○'} gunicorn.service - Gunicorn: the Django app server`,
    '     Loaded: loaded (/etc/systemd/system/gunicorn.service; enabled; preset: enabled)',
    `     Active: ${active}`,
  ];
  const mine = ctx.processes.filter((p) => p.name === 'gunicorn');
  if (s.active === 'active' && u.masterPid !== null) {
    const mem = mine.reduce((a, p) => a + p.memMb, 0);
    lines.push(
      `   Main PID: ${u.masterPid} (gunicorn)`,
      `      Tasks: ${mine.length}`,
      `     Memory: ${mem.toFixed(1)}M`,
      '     CGroup: /system.slice/gunicorn.service',
    );
    mine.forEach((p, i) => lines.push(`             ${i === mine.length - 1 ? '└─' : '├─'}${p.pid} ${p.command}`));
  } else if (s.sub === 'auto-restart' && s.restartAt !== null) {
    lines.push(`    Process: killed (code=killed, signal=KILL)`, `   Restarts: ${s.restarts}; next start in ${ago(s.restartAt - ctx.now)} (RestartSec=${formatSeconds(u.config.restartSec)})`);
  } else if (s.active === 'failed') {
    lines.push('    Process: killed (code=killed, signal=KILL)', '   (no Restart=always: the unit stays down until someone starts it)');
  }
  if (s.restarts > 0 && s.active === 'active') lines.push(`   Restarts: ${s.restarts}`);
  return lines;
}

function psAux(ctx: ShellContext): string[] {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  const out = ['USER         PID %CPU %MEM    RSS COMMAND'];
  for (const p of ctx.processes) {
    const mem = (p.memMb / Math.max(1, ctx.memoryMb)) * 100;
    out.push(`${p.user.padEnd(9)} ${pad(p.pid, 6)} ${pad(p.cpu.toFixed(1), 4)} ${pad(mem.toFixed(1), 4)} ${pad(Math.round(p.memMb * 1024), 6)} ${p.command}`);
  }
  return out;
}

function top(ctx: ShellContext): string[] {
  const cpu = ctx.processes.reduce((a, p) => a + p.cpu, 0);
  const used = ctx.processes.reduce((a, p) => a + p.memMb, 0);
  const load = cpu / 100;
  const out = [
    `top - T+${ago(ctx.now)} up,  1 user,  load average: ${load.toFixed(2)}, ${load.toFixed(2)}, ${load.toFixed(2)}`,
    `Tasks: ${ctx.processes.length} total,   ${ctx.processes.filter((p) => p.cpu > 0.5).length} running`,
    `%Cpu(s): ${Math.min(100, cpu / ctx.cores).toFixed(1)} us   (${ctx.cores} cores)`,
    `MiB Mem : ${ctx.memoryMb.toFixed(1)} total, ${(ctx.memoryMb - used).toFixed(1)} free, ${used.toFixed(1)} used`,
    '',
    '    PID USER      %CPU    RES COMMAND',
  ];
  const sorted = [...ctx.processes].sort((a, b) => b.cpu - a.cpu || a.pid - b.pid);
  for (const p of sorted) {
    out.push(`${String(p.pid).padStart(7)} ${p.user.padEnd(9)} ${p.cpu.toFixed(1).padStart(5)} ${`${p.memMb.toFixed(0)}m`.padStart(6)} ${p.name}`);
  }
  return out;
}

const MUTATING = new Set(['rm', 'mkdir', 'touch', 'mv', 'cp', 'kill', 'pkill', 'killall', 'reboot', 'shutdown', 'apt', 'apt-get', 'pip', 'git', 'docker', 'nano', 'vim', 'vi', 'chmod', 'chown']);

/** Runs one command line. Never changes anything but the working directory. */
export function runCommand(input: string, ctx: ShellContext): ShellResult {
  const words = input.trim().split(/\s+/).filter(Boolean);
  const cwd = ctx.cwd;
  if (words.length === 0) return { lines: [], cwd };
  if (words[0] === 'sudo') words.shift();
  const [cmd = '', ...args] = words;
  const operands = args.filter((a) => !a.startsWith('-'));
  switch (cmd) {
    case 'help':
      return { lines: ['ps aux   top   systemctl status gunicorn   systemctl is-enabled gunicorn   ls   cd   pwd   cat   whoami   clear'], cwd, hint: 'help' };
    case 'clear':
      return { lines: [], cwd, clear: true };
    case 'pwd':
      return { lines: [cwd], cwd };
    case 'whoami':
      return { lines: ['deploy'], cwd };
    case 'hostname':
      return { lines: [ctx.host], cwd };
    case 'ps':
      return { lines: psAux(ctx), cwd };
    case 'top':
    case 'htop':
      return { lines: top(ctx), cwd };
    case 'systemctl': {
      const [verb, unit = ''] = operands;
      const name = unit.replace(/\.service$/, '');
      if (verb === 'status') {
        if (name === 'gunicorn') return { lines: systemctlStatus(ctx), cwd };
        return { lines: [`Unit ${name || '?'}.service could not be found.`], cwd };
      }
      // `systemctl enable gunicorn` ran at deploy time: it starts at boot.
      if (verb === 'is-enabled' && name === 'gunicorn' && ctx.unit) return { lines: ['enabled'], cwd };
      return { lines: [], cwd, hint: 'readOnly' };
    }
    case 'ls': {
      const target = resolvePath(cwd, operands[0] ?? '.');
      if (isDir(target)) return { lines: [(TREE[target] ?? []).join('  ')].filter(Boolean), cwd };
      if (isFile(target)) return { lines: [operands[0] ?? target], cwd };
      return { lines: [`ls: cannot access '${operands[0] ?? target}': No such file or directory`], cwd };
    }
    case 'cd': {
      const arg = operands[0] ?? '~';
      const target = resolvePath(cwd, arg);
      if (isDir(target)) return { lines: [], cwd: target };
      if (isFile(target)) return { lines: [`bash: cd: ${arg}: Not a directory`], cwd };
      return { lines: [`bash: cd: ${arg}: No such file or directory`], cwd };
    }
    case 'cat': {
      const arg = operands[0];
      if (!arg) return { lines: [], cwd };
      const target = resolvePath(cwd, arg);
      if (target === '/etc/systemd/system/gunicorn.service' && ctx.unit) return { lines: unitFile(ctx.unit.config, ctx.unit.workers), cwd };
      if (target === '/etc/hostname') return { lines: [ctx.host], cwd };
      if (isDir(target)) return { lines: [`cat: ${arg}: Is a directory`], cwd };
      if (isFile(target)) return { lines: [`cat: ${arg}: Permission denied`], cwd, hint: 'readOnly' };
      return { lines: [`cat: ${arg}: No such file or directory`], cwd };
    }
    default:
      if (MUTATING.has(cmd)) return { lines: [], cwd, hint: 'readOnly' };
      return { lines: [`bash: ${cmd}: command not found`], cwd, hint: 'unknown' };
  }
}

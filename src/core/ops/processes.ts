/**
 * The process table of one server box, derived from the live simulation: what `ps aux` and
 * `top` show. PIDs are deterministic (seed + node id + how often the unit started), CPU per
 * process comes from the node's time-averaged busy slots, memory from the catalog figures.
 */
import { CATALOG } from '../catalog/catalog';
import { gunicornRuntime } from '../catalog/runtime';
import type { MetricsSnapshot } from '../sim/types';
import type { TopoNode, Topology } from '../topology/types';
import { isRunning, type UnitState } from './systemd';

export interface ProcessRow {
  pid: number;
  user: string;
  /** Short name (top's COMMAND column). */
  name: string;
  /** Full command line (ps aux's COMMAND column). */
  command: string;
  /** %CPU of one core. */
  cpu: number;
  /** Resident memory, MB. */
  memMb: number;
  /** Gunicorn's role, for the process view. */
  role?: 'master' | 'worker';
  /** The canvas node this process belongs to. */
  nodeId?: string;
}

/** 32-bit FNV-1a; small and dependency-free so the process table needs no engine code. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic PID base for a node's processes (Linux PIDs run up to 32768 by default). */
export function pidBase(seed: number, nodeId: string): number {
  return 1000 + (hash32(`${seed}:${nodeId}`) % 20_000);
}

/** Master and worker PIDs of a Gunicorn unit in its current generation. */
export function gunicornPids(seed: number, nodeId: string, unit: UnitState, workers: number): { master: number; workers: number[] } {
  const master = pidBase(seed, nodeId) + (unit.generation - 1) * 97;
  const first = master + 1 + unit.reloads * workers;
  return { master, workers: Array.from({ length: workers }, (_, i) => first + i) };
}

export function workersOf(node: TopoNode): number {
  return Math.max(1, node.params?.workers ?? CATALOG.gunicorn.capacity.concurrency ?? 1);
}

/** The server box a node runs on, or the node itself when it is a box. */
export function boxOf(t: Topology, id: string): TopoNode | undefined {
  const n = t.nodes.find((x) => x.id === id);
  if (!n) return undefined;
  if (n.kind === 'server') return n;
  return n.parentId ? t.nodes.find((x) => x.id === n.parentId) : undefined;
}

/** Server boxes that run a Gunicorn (the app servers), in canvas order. */
export function appServers(t: Topology): TopoNode[] {
  return t.nodes.filter((b) => b.kind === 'server' && t.nodes.some((n) => n.parentId === b.id && (n.kind === 'gunicorn' || n.kind === 'runserver')));
}

/** A small deterministic spread (±10 %) so identical workers do not print identical numbers. */
function jitter(seed: number, key: string): number {
  return 0.9 + (hash32(`${seed}~${key}`) % 1000) / 5000;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface ProcessInput {
  topology: Topology;
  boxId: string;
  seed: number;
  /** Gunicorn units by node id; a Gunicorn without one counts as running. */
  units: Readonly<Record<string, UnitState>>;
  metrics: MetricsSnapshot | null;
}

/** The processes running on one server box, PID order. */
export function processTable(input: ProcessInput): ProcessRow[] {
  const { topology, boxId, seed, units, metrics } = input;
  const box = topology.nodes.find((n) => n.id === boxId);
  const boxUp = box?.params?.up !== false;
  const rows: ProcessRow[] = [
    { pid: 1, user: 'root', name: 'systemd', command: '/sbin/init', cpu: 0, memMb: 12 },
    { pid: 612, user: 'root', name: 'sshd', command: 'sshd: /usr/sbin/sshd -D [listener]', cpu: 0, memMb: 7 },
  ];
  if (!boxUp) return [];
  const children = topology.nodes.filter((n) => n.parentId === boxId);
  for (const n of children) {
    const up = n.params?.up !== false;
    const m = metrics?.nodes[n.id];
    const busy = m?.busyAvg ?? 0;
    const cap = CATALOG[n.kind].capacity;
    const base = pidBase(seed, n.id);
    switch (n.kind) {
      case 'gunicorn': {
        const unit = units[n.id];
        if (!up || (unit && !isRunning(unit))) break;
        const w = workersOf(n);
        const pids = gunicornPids(seed, n.id, unit ?? { generation: 1, reloads: 0 } as UnitState, w);
        // The generated gunicorn.service's ExecStart, run as its User=django.
        const bin = '/srv/app/venv/bin';
        const cls = n.params?.workerClass === 'async' ? 'gevent' : n.params?.workerClass === 'gthread' ? 'gthread --threads 4' : 'sync';
        const args = `gunicorn config.wsgi --workers ${w} --worker-class ${cls} --bind 0.0.0.0:8000 --timeout ${Math.max(1, Math.round(gunicornRuntime(n).timeoutS))}`;
        rows.push({ pid: pids.master, user: 'django', name: 'gunicorn', command: `${bin}/python3 ${bin}/${args}`, cpu: 0.1, memMb: round1(35 * jitter(seed, `${n.id}m`)), role: 'master', nodeId: n.id });
        pids.workers.forEach((pid, i) => {
          rows.push({
            pid,
            user: 'django',
            name: 'gunicorn',
            command: `${bin}/python3 ${bin}/${args}`,
            cpu: round1(Math.min(100, (busy / w) * 100 * jitter(seed, `${n.id}c${i}`))),
            memMb: round1((cap.memoryPerProcessMb ?? 120) * jitter(seed, `${n.id}w${pid}`)),
            role: 'worker',
            nodeId: n.id,
          });
        });
        break;
      }
      case 'runserver':
        if (!up) break;
        rows.push({ pid: base, user: 'deploy', name: 'python3', command: 'python3 manage.py runserver 0.0.0.0:8000', cpu: round1(Math.min(100, busy * 100)), memMb: cap.memoryPerProcessMb ?? 80, nodeId: n.id });
        break;
      case 'nginx': {
        if (!up) break;
        rows.push({ pid: base, user: 'root', name: 'nginx', command: 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;', cpu: 0, memMb: 2, nodeId: n.id, role: 'master' });
        const cores = Math.max(1, box?.params?.cores ?? 1);
        for (let i = 0; i < cores; i++) {
          rows.push({ pid: base + 1 + i, user: 'www-data', name: 'nginx', command: 'nginx: worker process', cpu: round1(Math.min(100, (busy / cores) * 5)), memMb: round1(6 * jitter(seed, `${n.id}n${i}`)), nodeId: n.id, role: 'worker' });
        }
        break;
      }
      case 'postgres':
        if (!up) break;
        rows.push({ pid: base, user: 'postgres', name: 'postgres', command: '/usr/lib/postgresql/16/bin/postgres -D /var/lib/postgresql/16/main', cpu: round1(Math.min(400, busy * 100)), memMb: 80, nodeId: n.id });
        break;
      case 'redis':
        if (!up) break;
        rows.push({ pid: base, user: 'redis', name: 'redis-server', command: '/usr/bin/redis-server 0.0.0.0:6379', cpu: round1(Math.min(100, busy * 100)), memMb: 10, nodeId: n.id });
        break;
      default:
        break;
    }
  }
  return rows.sort((a, b) => a.pid - b.pid);
}

import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot, NodeMetrics } from '../sim/types';
import { SCENES, cloneTopology } from '../topology/scenes';
import { appServers, boxOf, gunicornPids, processTable } from './processes';
import { crash, initialUnit, reload, DEFAULT_UNIT, type UnitState } from './systemd';
import { START_DIR, resolvePath, runCommand, type ShellContext } from './terminal';

const topo = cloneTopology(SCENES.production.topology);

function metricsWith(busy: number): MetricsSnapshot {
  const node = { busyAvg: busy } as NodeMetrics;
  return { nodes: { 'app1-gunicorn': node } } as unknown as MetricsSnapshot;
}

function ctx(unit: UnitState, busy = 2.5): ShellContext {
  const processes = processTable({ topology: topo, boxId: 'app1', seed: 42, units: { 'app1-gunicorn': unit }, metrics: metricsWith(busy) });
  const pids = gunicornPids(42, 'app1-gunicorn', unit, 5);
  return { cwd: START_DIR, now: 3000, host: 'app1', processes, unit: { state: unit, config: DEFAULT_UNIT, workers: 5, masterPid: pids.master }, cores: 2, memoryMb: 4096 };
}

describe('process table', () => {
  it('finds the app servers and the box of a node', () => {
    expect(appServers(topo).map((b) => b.id)).toEqual(['app1', 'app2']);
    expect(boxOf(topo, 'app2-django')?.id).toBe('app2');
  });

  it('shows a Gunicorn master and one process per worker, PIDs deterministic from the seed', () => {
    const rows = processTable({ topology: topo, boxId: 'app1', seed: 42, units: {}, metrics: metricsWith(2.5) });
    const g = rows.filter((r) => r.name === 'gunicorn');
    expect(g.filter((r) => r.role === 'master')).toHaveLength(1);
    expect(g.filter((r) => r.role === 'worker')).toHaveLength(5);
    const again = processTable({ topology: topo, boxId: 'app1', seed: 42, units: {}, metrics: metricsWith(2.5) });
    expect(again.map((r) => r.pid)).toEqual(rows.map((r) => r.pid));
    const other = processTable({ topology: topo, boxId: 'app1', seed: 43, units: {}, metrics: metricsWith(2.5) });
    expect(other.map((r) => r.pid)).not.toEqual(rows.map((r) => r.pid));
    // 2.5 busy workers over 5 ⇒ about 50 % CPU each
    for (const w of g.filter((r) => r.role === 'worker')) expect(Math.abs(w.cpu - 50)).toBeLessThan(10);
    for (const w of g.filter((r) => r.role === 'worker')) expect(w.memMb).toBeGreaterThan(100);
  });

  it('a stopped unit has no Gunicorn processes; a reload changes only the worker PIDs', () => {
    const down = processTable({ topology: topo, boxId: 'app1', seed: 1, units: { 'app1-gunicorn': crash(initialUnit(), 0, { restart: 'no', restartSec: 0 }) }, metrics: null });
    expect(down.some((r) => r.name === 'gunicorn')).toBe(false);
    const u = initialUnit();
    const a = gunicornPids(1, 'g', u, 3);
    const b = gunicornPids(1, 'g', reload(u), 3);
    expect(b.master).toBe(a.master);
    expect(b.workers.some((p) => a.workers.includes(p))).toBe(false);
  });
});

describe('teaching terminal', () => {
  it('ps aux lists the master and workers with their PIDs', () => {
    const c = ctx(initialUnit());
    const out = runCommand('ps aux', c).lines.join('\n');
    expect(out).toMatch(/^USER\s+PID %CPU %MEM/);
    for (const p of c.processes.filter((r) => r.name === 'gunicorn')) expect(out).toContain(String(p.pid));
    // The generated unit's ExecStart: a TCP bind NGINX on another machine can reach.
    expect(out).toContain('gunicorn config.wsgi --workers 5 --worker-class sync --bind 0.0.0.0:8000');
    expect(out).not.toContain('gunicorn.sock');
  });

  it('top sorts by CPU', () => {
    const out = runCommand('top', ctx(initialUnit())).lines;
    expect(out[0]).toMatch(/^top - /);
    const first = out[6] ?? '';
    expect(first).toContain('gunicorn');
  });

  it('systemctl status gunicorn follows the unit', () => {
    const c = ctx(initialUnit());
    const up = runCommand('sudo systemctl status gunicorn', c).lines.join('\n');
    expect(up).toContain('Active: active (running)');
    expect(up).toContain(`Main PID: ${c.unit?.masterPid} (gunicorn)`);
    const waiting = runCommand('systemctl status gunicorn.service', ctx(crash(initialUnit(), 2500, DEFAULT_UNIT))).lines.join('\n');
    expect(waiting).toContain('activating (auto-restart)');
    expect(waiting).toContain('next start in 0.5s');
    const failed = runCommand('systemctl status gunicorn', ctx(crash(initialUnit(), 0, { restart: 'no', restartSec: 0 }))).lines.join('\n');
    expect(failed).toContain('Active: failed');
  });

  it('ls and cd walk a read-only tree', () => {
    const c = ctx(initialUnit());
    expect(runCommand('ls', c).lines[0]).toContain('manage.py');
    const cd = runCommand('cd config', c);
    expect(cd.cwd).toBe('/srv/app/config');
    expect(runCommand('ls', { ...c, cwd: cd.cwd }).lines[0]).toContain('wsgi.py');
    expect(runCommand('cd', c).cwd).toBe('/home/deploy');
    expect(runCommand('cd /nope', c)).toMatchObject({ cwd: START_DIR, lines: ['bash: cd: /nope: No such file or directory'] });
    expect(runCommand('cd manage.py', c).lines[0]).toContain('Not a directory');
    expect(resolvePath('/home/deploy/app', '../../..')).toBe('/');
    expect(START_DIR).toBe('/srv/app');
    expect(runCommand('pwd', c).lines).toEqual([START_DIR]);
  });

  it('refuses to change anything and says so', () => {
    const c = ctx(initialUnit());
    expect(runCommand('rm -rf /', c).hint).toBe('readOnly');
    expect(runCommand('systemctl stop gunicorn', c).hint).toBe('readOnly');
    expect(runCommand('frobnicate', c)).toMatchObject({ hint: 'unknown', lines: ['bash: frobnicate: command not found'] });
    expect(runCommand('cat /etc/systemd/system/gunicorn.service', c).lines).toContain('Restart=always');
  });
});

import { describe, expect, it } from 'vitest';
import { applyConfig, crash, initialUnit, isRunning, reload, restart, serviceLines, start, stop, tick, type UnitConfig } from './systemd';

const always: UnitConfig = { restart: 'always', restartSec: 1000 };
const never: UnitConfig = { restart: 'no', restartSec: 1000 };

describe('gunicorn.service', () => {
  it('with Restart=always a crashed master comes back after RestartSec, in simulated time', () => {
    let u = crash(initialUnit(0), 500, always);
    expect(isRunning(u)).toBe(false);
    expect(u.sub).toBe('auto-restart');
    expect(u.restartAt).toBe(1500);
    u = tick(u, 1499);
    expect(isRunning(u)).toBe(false);
    u = tick(u, 1500);
    expect(isRunning(u)).toBe(true);
    expect(u.restarts).toBe(1);
    expect(u.generation).toBe(2);
    expect(u.since).toBe(1500);
  });

  it('without Restart=always it stays down until systemctl start', () => {
    let u = crash(initialUnit(0), 500, never);
    expect(u.active).toBe('failed');
    u = tick(u, 1_000_000);
    expect(isRunning(u)).toBe(false);
    u = start(u, 2000);
    expect(isRunning(u)).toBe(true);
    expect(u.last).toBe('started');
  });

  it('systemctl stop is never undone by Restart=always', () => {
    let u = stop(initialUnit(0), 100);
    expect(u.active).toBe('inactive');
    u = tick(u, 10_000);
    expect(isRunning(u)).toBe(false);
    // a stop during a pending auto-restart cancels it
    u = stop(crash(initialUnit(0), 0, always), 10);
    expect(tick(u, 5000).active).toBe('inactive');
  });

  it('restart gives a new master; reload keeps the master and replaces the workers', () => {
    const u0 = initialUnit(0);
    const r = restart(u0, 10);
    expect(r.generation).toBe(u0.generation + 1);
    const h = reload(u0);
    expect(h.generation).toBe(u0.generation);
    expect(h.reloads).toBe(1);
    expect(isRunning(h)).toBe(true);
    expect(reload(stop(u0, 0)).reloads).toBe(0);
  });

  it('switching to Restart=no while waiting leaves the unit failed', () => {
    const u = applyConfig(crash(initialUnit(0), 0, always), never);
    expect(u.active).toBe('failed');
    expect(tick(u, 99_999).active).toBe('failed');
  });

  it('writes the unit lines', () => {
    expect(serviceLines(always)).toEqual(['Restart=always', 'RestartSec=1']);
    expect(serviceLines(never)).toEqual([]);
    expect(serviceLines({ restart: 'always', restartSec: 500 })).toEqual(['Restart=always', 'RestartSec=0.5']);
  });
});

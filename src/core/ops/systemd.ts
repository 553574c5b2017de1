/**
 * A systemd unit (gunicorn.service) as a pure state machine in simulated time.
 *
 * systemctl start/stop/restart/reload and a crash of the main process move it between
 * states; with Restart=always a crashed unit is started again RestartSec after the crash,
 * without it (Restart=no) it stays failed until someone runs `systemctl start`. The caller
 * feeds it simulated time (tick) and mirrors `isRunning` into the node's `up` parameter.
 */

export type RestartPolicy = 'always' | 'no';

export interface UnitConfig {
  restart: RestartPolicy;
  /** RestartSec, ms of simulated time. */
  restartSec: number;
}

export const DEFAULT_UNIT: UnitConfig = { restart: 'always', restartSec: 1000 };

export type ActiveState = 'active' | 'inactive' | 'failed' | 'activating';
export type SubState = 'running' | 'dead' | 'failed' | 'auto-restart';

export interface UnitState {
  active: ActiveState;
  sub: SubState;
  /** Simulated ms of the last state change. */
  since: number;
  /** How many times the main process has been started (1 = first start); picks the master's PID. */
  generation: number;
  /** Graceful reloads since the master started (each one replaces the workers: new worker PIDs). */
  reloads: number;
  /** Automatic restarts so far (systemd's NRestarts). */
  restarts: number;
  /** When an automatic restart is due (sub = auto-restart), else null. */
  restartAt: number | null;
  /** The last thing that happened, for the journal line. */
  last: 'started' | 'stopped' | 'crashed' | 'restarted' | 'reloaded' | 'auto-restarted';
}

export function initialUnit(now = 0): UnitState {
  return { active: 'active', sub: 'running', since: now, generation: 1, reloads: 0, restarts: 0, restartAt: null, last: 'started' };
}

export function isRunning(u: UnitState): boolean {
  return u.active === 'active';
}

/** `systemctl start`: starts a stopped or failed unit; a running one stays as it is. */
export function start(u: UnitState, now: number): UnitState {
  if (u.active === 'active') return u;
  return { ...u, active: 'active', sub: 'running', since: now, generation: u.generation + 1, reloads: 0, restartAt: null, last: 'started' };
}

/** `systemctl stop`: stops it and cancels a pending automatic restart. Restart= never applies to a stop. */
export function stop(u: UnitState, now: number): UnitState {
  if (u.active === 'inactive') return u;
  return { ...u, active: 'inactive', sub: 'dead', since: now, restartAt: null, last: 'stopped' };
}

/** `systemctl restart`: stop then start; new PIDs. */
export function restart(u: UnitState, now: number): UnitState {
  return { ...u, active: 'active', sub: 'running', since: now, generation: u.generation + 1, reloads: 0, restartAt: null, last: 'restarted' };
}

/**
 * `systemctl reload` (SIGHUP to the Gunicorn master): the master stays, new workers start
 * before the old ones stop, so no request is dropped. Only a running unit can be reloaded.
 */
export function reload(u: UnitState): UnitState {
  if (u.active !== 'active') return u;
  return { ...u, reloads: u.reloads + 1, last: 'reloaded' };
}

/** The main process dies (kill -9, an out-of-memory kill, a bug). */
export function crash(u: UnitState, now: number, cfg: UnitConfig): UnitState {
  if (u.active !== 'active') return u;
  if (cfg.restart === 'always') {
    return { ...u, active: 'activating', sub: 'auto-restart', since: now, restartAt: now + cfg.restartSec, last: 'crashed' };
  }
  return { ...u, active: 'failed', sub: 'failed', since: now, restartAt: null, last: 'crashed' };
}

/** Let simulated time pass: a due automatic restart happens. */
export function tick(u: UnitState, now: number): UnitState {
  if (u.sub === 'auto-restart' && u.restartAt !== null && now >= u.restartAt) {
    return {
      ...u,
      active: 'active',
      sub: 'running',
      since: u.restartAt,
      generation: u.generation + 1,
      reloads: 0,
      restarts: u.restarts + 1,
      restartAt: null,
      last: 'auto-restarted',
    };
  }
  return u;
}

/** Changing Restart= on a unit waiting to restart: Restart=no leaves it failed. */
export function applyConfig(u: UnitState, cfg: UnitConfig): UnitState {
  if (u.sub === 'auto-restart' && cfg.restart === 'no') return { ...u, active: 'failed', sub: 'failed', restartAt: null };
  return u;
}

/** The [Service] lines this config means, as a developer would write them. */
export function serviceLines(cfg: UnitConfig): string[] {
  const lines = [];
  if (cfg.restart === 'always') {
    lines.push('Restart=always', `RestartSec=${formatSeconds(cfg.restartSec)}`);
  }
  return lines;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

/**
 * The "First deploy mistakes" lesson against the live engine: replayed to each step, the
 * staging scene really produces the status the narration promises (404, leaked 500, 400,
 * 502, OOM, 502 from Gunicorn's timeout, then 504 once NGINX's timeout is the shorter one).
 */
import { describe, expect, it } from 'vitest';
import lesson from '../../content/lessons/first-deploy.json';
import { Simulation } from '../sim/engine';
import { getScene } from '../topology/scenes';
import { stateAt } from './replay';
import type { Lesson } from './types';

const l = lesson as Lesson;
const fresh = (s: Parameters<typeof getScene>[0]) => getScene(s).topology;

function runStep(index: number, ms: number) {
  const state = stateAt(l, index, fresh);
  const sim = new Simulation(state.topologies.staging ?? fresh('staging'), { seed: 3, rps: state.traffic?.rps ?? 40, eventLog: 0 });
  sim.advanceTo(ms);
  return sim.metrics();
}
const stepOf = (title: string) => l.steps.findIndex((s) => s.title.en === title);

describe('first deploy mistakes, live', () => {
  it('a healthy first deploy answers without errors', () => {
    expect(runStep(0, 5_000).errored).toBe(0);
  });
  it('collectstatic forgotten: 404 for the static files', () => {
    expect(runStep(stepOf('collectstatic forgotten'), 5_000).totals.errorsByStatus['404'] ?? 0).toBeGreaterThan(0);
  });
  it('DEBUG on and the database down: 500s that leak the traceback', () => {
    const m = runStep(stepOf('The error page leaks'), 5_000);
    expect(m.totals.errorsByStatus['500'] ?? 0).toBeGreaterThan(0);
    expect(m.tracebacks).toBeGreaterThan(0);
  });
  it('ALLOWED_HOSTS missing: 400', () => {
    expect(runStep(stepOf('ALLOWED_HOSTS missing'), 5_000).totals.errorsByStatus['400'] ?? 0).toBeGreaterThan(0);
  });
  it('Gunicorn not running: 502', () => {
    expect(runStep(stepOf('Gunicorn is not running'), 5_000).totals.errorsByStatus['502'] ?? 0).toBeGreaterThan(0);
  });
  it('too many workers for the memory: the OOM killer kills workers', () => {
    const m = runStep(stepOf('Too many workers: out of memory'), 10_000);
    expect(m.nodes['app1-gunicorn']?.killed ?? 0).toBeGreaterThan(0);
  });
  it('a 40-second view: 502 from Gunicorn\'s 30 s timeout, and 504 once Gunicorn waits longer than NGINX', () => {
    const slow = runStep(stepOf('A slow view'), 45_000);
    expect(slow.totals.errorsByStatus['502'] ?? 0).toBeGreaterThan(0);
    expect(slow.totals.errorsByStatus['504'] ?? 0).toBe(0);
    const swapped = runStep(stepOf('If the timeouts swap'), 70_000);
    expect(swapped.totals.errorsByStatus['504'] ?? 0).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/engine';
import type { SimEvent } from '../sim/types';
import { SCENES, cloneTopology } from '../topology/scenes';
import type { Topology } from '../topology/types';
import { SLOW_MS, expectedWhenDown, isSlow, restoreSpeedParams, slowParams, startParams, stopParams, timeoutParams, withParams } from './failures';

const prod = () => cloneTopology(SCENES.production.topology);

function run(t: Topology, ms = 8000, rps = 80) {
  const sim = new Simulation(t, { seed: 7, rps, eventLog: 0 });
  const events: SimEvent[] = [];
  sim.onEvent((e) => {
    if (e.kind === 'timeout' || e.kind === 'error' || e.kind === 'complete') events.push(e);
  });
  sim.advanceTo(ms);
  return { m: sim.metrics(), events };
}

describe('failures answer as production does', () => {
  it('a healthy production scene answers without errors', () => {
    const { m } = run(prod());
    expect(m.completed).toBeGreaterThan(300);
    expect(m.totals.errorsByStatus).toEqual({});
  });

  it('database down ⇒ 500s for the dynamic requests, static still 200', () => {
    const { m, events } = run(withParams(prod(), 'postgres', stopParams()));
    expect(m.totals.errorsByStatus['500'] ?? 0).toBeGreaterThan(20);
    expect(events.some((e) => e.kind === 'complete' && e.type === 'static')).toBe(true);
    expect(events.some((e) => e.kind === 'error' && e.type === 'api' && e.status === 500)).toBe(true);
  });

  it('all upstreams down ⇒ NGINX 502; one down ⇒ the other takes the traffic', () => {
    let t = withParams(prod(), 'app1-gunicorn', stopParams());
    expect(run(t).m.totals.errorsByStatus).toEqual({});
    t = withParams(t, 'app2-gunicorn', stopParams());
    const { m } = run(t);
    expect(m.totals.errorsByStatus['502'] ?? 0).toBeGreaterThan(50);
    expect(Object.keys(m.totals.errorsByStatus)).toEqual(['502']);
  });

  it('Start brings a stopped node back', () => {
    const t = withParams(withParams(prod(), 'postgres', stopParams()), 'postgres', startParams());
    expect(run(t).m.totals.errorsByStatus).toEqual({});
  });

  it('slow upstream ⇒ NGINX 504 once proxy_read_timeout passes first', () => {
    let t = prod();
    for (const id of ['app1-django', 'app2-django']) t = withParams(t, id, slowParams());
    t = withParams(t, 'nginx', timeoutParams(1000));
    const { m, events } = run(t, 10_000, 20);
    expect(m.totals.errorsByStatus['504'] ?? 0).toBeGreaterThan(5);
    expect(events.some((e) => e.kind === 'timeout' && e.node === 'nginx')).toBe(true);
  });

  it('Gunicorn --timeout shorter than the view ⇒ the worker is killed ⇒ 502', () => {
    let t = prod();
    for (const id of ['app1-django', 'app2-django']) t = withParams(t, id, slowParams());
    for (const id of ['app1-gunicorn', 'app2-gunicorn']) t = withParams(t, id, timeoutParams(1000));
    const { m, events } = run(t, 10_000, 20);
    expect(m.totals.errorsByStatus['502'] ?? 0).toBeGreaterThan(5);
    expect(m.totals.errorsByStatus['504']).toBeUndefined();
    expect(events.some((e) => e.kind === 'timeout' && e.node === 'app1-gunicorn')).toBe(true);
  });

  it('Redis down ⇒ 500 (Django’s cache raises); with IGNORE_EXCEPTIONS the lookups fall through to PostgreSQL', () => {
    const healthy = run(prod()).m;
    expect(run(withParams(prod(), 'redis', stopParams())).m.totals.errorsByStatus['500'] ?? 0).toBeGreaterThan(0);
    const { m } = run(withParams(prod(), 'redis', { ...stopParams(), ignoreExceptions: true }));
    expect(m.totals.errorsByStatus).toEqual({});
    expect(m.completed).toBeGreaterThan(300);
    expect(m.nodes.postgres?.started ?? 0).toBeGreaterThan(healthy.nodes.postgres?.started ?? 0);
  });

  it('Slow down and Restore speed write the service time', () => {
    const node = prod().nodes.find((n) => n.id === 'postgres')!;
    expect(isSlow({ ...node, params: slowParams() })).toBe(true);
    expect(slowParams().serviceMs).toBe(SLOW_MS);
    expect(isSlow({ ...node, params: restoreSpeedParams('postgres') })).toBe(false);
    expect(restoreSpeedParams('postgres').serviceMs).toBe(3);
  });

  it('tells the class what to expect', () => {
    const t = prod();
    expect(expectedWhenDown(t, 'postgres')).toBe('e500');
    // Django's Redis cache raises (500) unless it ignores the errors; then the database answers.
    expect(expectedWhenDown(t, 'redis')).toBe('redisRaises');
    expect(expectedWhenDown(withParams(t, 'redis', { ignoreExceptions: true } as never), 'redis')).toBe('redisFallthrough');
    expect(expectedWhenDown(t, 'app1-gunicorn')).toBe('none');
    expect(expectedWhenDown(withParams(t, 'app2-gunicorn', stopParams()), 'app1-gunicorn')).toBe('e502');
    expect(expectedWhenDown(t, 'nginx')).toBe('allDown');
  });
});

import { describe, expect, it } from 'vitest';
import { SCENES } from '../topology/scenes';
import { validateTopology } from '../topology/graph';
import { DEPLOY_STEPS, kindsAddedAt, topologyAtStep } from './checklist';
import { composeServices, composeVolumes } from './compose';
import { STAGES, advance, idlePipeline, runToEnd, startPipeline } from './pipeline';

describe('CI/CD pipeline', () => {
  it('walks push → GitHub → test → build → CD → server → deploy', () => {
    let p = startPipeline(true);
    const seen: string[] = [];
    while (p.current !== null) {
      seen.push(STAGES[p.current] ?? '');
      p = advance(p);
    }
    expect(seen).toEqual([...STAGES]);
    expect(p.result).toBe('succeeded');
    expect(Object.values(p.status).every((s) => s === 'passed')).toBe(true);
  });

  it('a failing test stops it: nothing after the test runs', () => {
    const p = runToEnd(false);
    expect(p.result).toBe('failed');
    expect(p.status).toMatchObject({ push: 'passed', github: 'passed', test: 'failed', build: 'skipped', cd: 'skipped', server: 'skipped', deploy: 'skipped' });
    expect(advance(p)).toBe(p);
    expect(idlePipeline().result).toBe('idle');
  });
});

describe('section 14 checklist', () => {
  it('has eight steps that build up to the Production scene', () => {
    expect(DEPLOY_STEPS).toHaveLength(8);
    const full = topologyAtStep(8);
    const prod = SCENES.production.topology;
    expect(full.nodes.map((n) => n.id)).toEqual(prod.nodes.map((n) => n.id));
    expect(full.edges.map((e) => e.id)).toEqual(prod.edges.map((e) => e.id));
    expect(validateTopology(full)).toEqual([]);
    for (let s = 0; s <= 8; s++) expect(validateTopology(topologyAtStep(s))).toEqual([]);
  });

  it('each step only adds', () => {
    let prev = new Set(topologyAtStep(0).nodes.map((n) => n.id));
    expect([...prev]).toEqual(['user']);
    for (let s = 1; s <= 8; s++) {
      const t = topologyAtStep(s);
      const ids = new Set(t.nodes.map((n) => n.id));
      for (const id of prev) expect(ids.has(id)).toBe(true);
      for (const e of t.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      // a child never comes without its box
      for (const n of t.nodes) if (n.parentId) expect(ids.has(n.parentId)).toBe(true);
      prev = ids;
    }
    expect(topologyAtStep(3).nodes.some((n) => n.kind === 'postgres')).toBe(true);
    expect(topologyAtStep(5).nodes.filter((n) => n.kind === 'gunicorn')).toHaveLength(2);
    expect(topologyAtStep(5).nodes.some((n) => n.kind === 'nginx')).toBe(false);
    expect(kindsAddedAt(8)).toEqual(['static', 'media']);
    expect(kindsAddedAt(2)).toEqual([]);
  });
});

describe('Docker Compose view', () => {
  it('groups production into web, db, redis, nginx', () => {
    const s = composeServices(SCENES.production.topology);
    expect(s.map((x) => x.name)).toEqual(['web', 'db', 'redis', 'nginx']);
    const web = s[0]!;
    expect(web.build).toBe(true);
    expect(web.replicas).toBe(2);
    expect(web.nodeIds).toContain('app1-django');
    expect(web.dependsOn).toEqual(['db', 'redis']);
    expect(s.find((x) => x.name === 'nginx')?.ports).toEqual(['80:80', '443:443']);
    expect(s.find((x) => x.name === 'db')?.image).toBe('postgres:16');
    expect(composeVolumes(s)).toEqual(['media_volume', 'postgres_data', 'static_volume']);
  });

  it('local has only web (runserver, SQLite)', () => {
    const s = composeServices(SCENES.local.topology);
    expect(s.map((x) => x.name)).toEqual(['web']);
    expect(s[0]?.ports).toEqual(['8000:8000']);
  });
});

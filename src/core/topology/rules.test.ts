import { describe, expect, it } from 'vitest';
import { SCENES, cloneTopology } from './scenes';
import { checkTopology, RULE_IDS, type RuleId } from './rules';
import { SCENE_IDS, type Topology } from './types';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';

const PROD = { productionLike: true };
const rules = (t: Topology, ctx = PROD) => checkTopology(t, ctx).map((f) => f.rule);
const prod = () => cloneTopology(SCENES.production.topology);

function without(t: Topology, ...ids: string[]): Topology {
  return {
    nodes: t.nodes.filter((n) => !ids.includes(n.id)),
    edges: t.edges.filter((e) => !ids.includes(e.source) && !ids.includes(e.target)),
  };
}
function link(t: Topology, source: string, target: string): Topology {
  return { ...t, edges: [...t.edges, { id: `${source}->${target}`, source, target }] };
}
function unlink(t: Topology, source: string, target: string): Topology {
  return { ...t, edges: t.edges.filter((e) => !(e.source === source && e.target === target)) };
}

describe('the preset scenes', () => {
  it('production and real world are clean', () => {
    expect(rules(prod())).toEqual([]);
    expect(rules(cloneTopology(SCENES.realworld.topology))).toEqual([]);
  });
  it('staging is warned about its single app server only', () => {
    expect(rules(cloneTopology(SCENES.staging.topology))).toEqual(['single-app-server']);
  });
  it('local and development are fine for what they are', () => {
    expect(rules(cloneTopology(SCENES.local.topology), { productionLike: false })).toEqual([]);
    expect(rules(cloneTopology(SCENES.development.topology), { productionLike: false })).toEqual(
      [],
    );
  });
  it('runserver in a production-like scene is an error', () => {
    const found = checkTopology(cloneTopology(SCENES.development.topology), PROD);
    expect(found.find((f) => f.rule === 'runserver-in-production')).toMatchObject({
      severity: 'error',
      nodeIds: ['runserver'],
    });
  });
});

describe('each rule fires when broken and disappears when fixed', () => {
  const cases: { rule: RuleId; nodes: string[]; break: (t: Topology) => Topology }[] = [
    {
      rule: 'app-exposed',
      nodes: ['app1-gunicorn'],
      break: (t) => link(t, 'user', 'app1-gunicorn'),
    },
    {
      rule: 'no-database',
      nodes: ['app1-django', 'app2-django'],
      break: (t) => without(t, 'postgres'),
    },
    {
      rule: 'static-through-django',
      nodes: ['static', 'app1-django'],
      break: (t) => link(t, 'app1-django', 'static'),
    },
    {
      rule: 'single-app-server',
      nodes: ['app1-gunicorn'],
      break: (t) => without(t, 'app2', 'app2-gunicorn', 'app2-django'),
    },
    {
      rule: 'unused-cache',
      nodes: ['redis'],
      break: (t) => unlink(unlink(t, 'app1-django', 'redis'), 'app2-django', 'redis'),
    },
    {
      rule: 'workers-over-cores',
      nodes: ['app1-gunicorn'],
      break: (t) => ({
        ...t,
        nodes: t.nodes.map((n) =>
          n.id === 'app1-gunicorn' ? { ...n, params: { ...n.params, workers: 40 } } : n,
        ),
      }),
    },
    { rule: 'database-exposed', nodes: ['postgres'], break: (t) => link(t, 'nginx', 'postgres') },
    {
      rule: 'proxy-without-app',
      nodes: ['nginx'],
      break: (t) => unlink(unlink(t, 'nginx', 'app1-gunicorn'), 'nginx', 'app2-gunicorn'),
    },
    { rule: 'no-user', nodes: [], break: (t) => without(t, 'user') },
  ];

  it.each(cases)('$rule', ({ rule, nodes, break: breakIt }) => {
    const broken = breakIt(prod());
    const finding = checkTopology(broken, PROD).find((f) => f.rule === rule);
    expect(finding?.nodeIds).toEqual(nodes);
    expect(checkTopology(prod(), PROD).some((f) => f.rule === rule)).toBe(false);
  });

  it('unreachable nodes are noted (they get no traffic)', () => {
    const broken = unlink(prod(), 'nginx', 'media');
    const f = checkTopology(broken, PROD).find((x) => x.rule === 'unreachable');
    expect(f).toMatchObject({ severity: 'info', nodeIds: ['media'], vars: { count: 1 } });
  });

  it('workers-over-cores carries the numbers for its message', () => {
    const t = prod();
    const g = t.nodes.find((n) => n.id === 'app2-gunicorn')!;
    g.params = { ...g.params, workers: 64 };
    expect(checkTopology(t, PROD).find((f) => f.rule === 'workers-over-cores')?.vars).toEqual({
      workers: 64,
      cores: 2,
      recommended: 5,
    });
  });
});

describe('shape', () => {
  it('orders errors before warnings before notes, with stable ids', () => {
    const t = link(
      without(prod(), 'app2', 'app2-gunicorn', 'app2-django', 'postgres'),
      'nginx',
      'redis',
    );
    const found = checkTopology(t, PROD);
    const order = found.map((f) => f.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(checkTopology(t, PROD).map((f) => f.id)).toEqual(found.map((f) => f.id));
  });

  it('never throws on an empty or odd topology', () => {
    for (const scene of SCENE_IDS) checkTopology(SCENES[scene].topology, PROD);
    expect(checkTopology({ nodes: [], edges: [] }, PROD)).toEqual([]);
    expect(() =>
      checkTopology({ nodes: [], edges: [{ id: 'x', source: 'a', target: 'b' }] }, PROD),
    ).not.toThrow();
  });

  it('every rule has a message and a fix in both languages', () => {
    const tables = [en, tr] as unknown as {
      editor: { rules: Record<string, { message: string; fix: string }> };
    }[];
    const all: readonly RuleId[] = RULE_IDS;
    for (const table of tables)
      for (const rule of all) {
        expect(table.editor.rules[rule]?.message, rule).toBeTruthy();
        expect(table.editor.rules[rule]?.fix, rule).toBeTruthy();
      }
  });
});

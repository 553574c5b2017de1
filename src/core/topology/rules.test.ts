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
    // An empty canvas teaches from zero: what a working architecture still needs.
    expect(rules({ nodes: [], edges: [] })).toEqual(['no-user', 'no-entry', 'no-app', 'no-sql']);
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

describe('teaching from zero and the editor rules', () => {
  it('an empty canvas lists a user, a way in, an app server and a database, each with what to add', () => {
    const found = checkTopology({ nodes: [], edges: [] }, PROD);
    expect(found.map((f) => f.addKind)).toEqual(['user', 'nginx', 'gunicorn', 'postgres']);
    const dev = checkTopology({ nodes: [], edges: [] }, { productionLike: false });
    expect(dev.map((f) => f.addKind)).toEqual(['user', 'runserver', 'runserver', 'sqlite']);
  });
  it('a partial canvas lists only what is still missing', () => {
    const t: Topology = {
      nodes: [
        { id: 'user', kind: 'user', position: { x: 0, y: 0 } },
        { id: 'nginx', kind: 'nginx', position: { x: 300, y: 0 } },
      ],
      edges: [{ id: 'user->nginx', source: 'user', target: 'nginx' }],
    };
    expect(rules(t)).toEqual(['proxy-without-app', 'no-app', 'no-sql']);
  });
  it('components on top of each other are flagged, side by side they are not', () => {
    const t = prod();
    const redis = t.nodes.find((n) => n.id === 'redis')!;
    const pg = t.nodes.find((n) => n.id === 'postgres')!;
    redis.position = { x: pg.position.x + 20, y: pg.position.y + 10 };
    const found = checkTopology(t, PROD).filter((f) => f.rule === 'overlap');
    expect(found.map((f) => f.nodeIds)).toEqual([['postgres', 'redis']]);
    expect(rules(prod())).not.toContain('overlap');
  });
  it('an empty server box is noted', () => {
    const t = prod();
    t.nodes.push({ id: 'spare', kind: 'server', position: { x: 0, y: 900 }, size: { width: 242, height: 264 } });
    const found = checkTopology(t, PROD).filter((f) => f.rule === 'empty-box');
    expect(found.map((f) => f.nodeIds)).toEqual([['spare']]);
  });
  it('two web servers on one port in one box is an error; in two boxes it is fine', () => {
    const t = prod();
    t.nodes.push({ id: 'nginx-2', kind: 'nginx', parentId: 'web', position: { x: 16, y: 400 } });
    const found = checkTopology(t, PROD).filter((f) => f.rule === 'port-clash');
    expect(found.map((f) => [f.nodeIds, f.vars?.port])).toEqual([[['web', 'nginx', 'nginx-2'], 80]]);
    // Each app server's Gunicorn listens on 8000 on its own machine: no clash.
    expect(rules(prod())).not.toContain('port-clash');
  });
});

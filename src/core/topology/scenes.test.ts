import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';
import { CATALOG, isComponentKind } from '../catalog/catalog';
import { absolutePosition, canReachDataStore, successors, validateTopology } from './graph';
import { SCENE_LAYOUT, SCENES, cloneTopology, getScene } from './scenes';
import { SCENE_IDS, type TopoNode } from './types';

const LANGS = { en, tr } as const;

function lookup(dict: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      dict,
    );
}

function sizeOf(n: TopoNode): { width: number; height: number } {
  return n.size ?? { width: SCENE_LAYOUT.nodeWidth, height: SCENE_LAYOUT.nodeHeight };
}

describe.each(SCENE_IDS)('scene %s', (id) => {
  const scene = SCENES[id];
  const t = scene.topology;

  it('has the id it is stored under', () => {
    expect(scene.id).toBe(id);
  });

  it('uses only catalog kinds', () => {
    for (const n of t.nodes) expect(isComponentKind(n.kind), `${n.id}: ${n.kind}`).toBe(true);
  });

  it('is structurally valid (no duplicate ids, no dangling edges, parents are server boxes)', () => {
    expect(validateTopology(t)).toEqual([]);
  });

  it('has unique node and edge ids made of readable characters', () => {
    const ids = t.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const edgeIds = t.edges.map((e) => e.id);
    expect(new Set(edgeIds).size).toBe(edgeIds.length);
    for (const nid of ids) expect(nid).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('lets a request from the user reach a database', () => {
    expect(canReachDataStore(t)).toBe(true);
  });

  it('has exactly one user, with outgoing edges and no incoming ones', () => {
    const users = t.nodes.filter((n) => n.kind === 'user');
    expect(users).toHaveLength(1);
    expect(successors(t, 'user').length).toBeGreaterThan(0);
    expect(t.edges.some((e) => e.target === 'user')).toBe(false);
  });

  it('connects only processes, never server boxes', () => {
    const boxes = new Set(t.nodes.filter((n) => n.kind === 'server').map((n) => n.id));
    for (const e of t.edges) {
      expect(boxes.has(e.source) || boxes.has(e.target), e.id).toBe(false);
    }
  });

  it('gives every server box a size and a label key, and lists it before its children', () => {
    t.nodes.forEach((n, index) => {
      if (n.kind === 'server') {
        expect(n.size, n.id).toBeDefined();
        expect(n.labelKey, n.id).toBeDefined();
      }
      if (n.parentId !== undefined) {
        expect(t.nodes.findIndex((p) => p.id === n.parentId)).toBeLessThan(index);
      }
    });
  });

  it('keeps children inside their box, below the label header', () => {
    for (const n of t.nodes) {
      if (n.parentId === undefined) continue;
      const parent = t.nodes.find((p) => p.id === n.parentId);
      const box = parent?.size;
      expect(box, n.id).toBeDefined();
      if (!box) continue;
      const s = sizeOf(n);
      expect(n.position.x).toBeGreaterThanOrEqual(0);
      expect(n.position.y).toBeGreaterThanOrEqual(SCENE_LAYOUT.boxHeader);
      expect(n.position.x + s.width).toBeLessThanOrEqual(box.width);
      expect(n.position.y + s.height).toBeLessThanOrEqual(box.height);
    }
  });

  it('does not overlap nodes that sit side by side', () => {
    const rects = t.nodes.map((n) => ({ n, p: absolutePosition(t, n.id), s: sizeOf(n) }));
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        if (!a?.p || !b?.p) throw new Error('missing position');
        // A child overlaps its own box by design.
        if (a.n.id === b.n.parentId || b.n.id === a.n.parentId) continue;
        const apart =
          a.p.x + a.s.width <= b.p.x ||
          b.p.x + b.s.width <= a.p.x ||
          a.p.y + a.s.height <= b.p.y ||
          b.p.y + b.s.height <= a.p.y;
        expect(apart, `${a.n.id} / ${b.n.id}`).toBe(true);
      }
    }
  });

  it('lays the request path out left to right', () => {
    for (const e of t.edges) {
      const from = absolutePosition(t, e.source);
      const to = absolutePosition(t, e.target);
      expect(from && to && to.x >= from.x, e.id).toBe(true);
    }
  });

  it('has its text and box labels in both languages', () => {
    for (const [lang, dict] of Object.entries(LANGS)) {
      for (const field of ['title', 'purpose', 'audience', 'changes']) {
        const value = lookup(dict, `scenes.${id}.${field}`);
        expect(
          typeof value === 'string' && value.trim().length > 0,
          `${lang} scenes.${id}.${field}`,
        ).toBe(true);
      }
      for (const n of t.nodes) {
        if (n.labelKey === undefined) continue;
        const value = lookup(dict, n.labelKey);
        expect(typeof value === 'string' && value.length > 0, `${lang} ${n.labelKey}`).toBe(true);
        for (const m of String(value).matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
          expect(n.labelArgs?.[m[1] ?? ''], `${n.id} needs labelArgs.${m[1]}`).toBeDefined();
        }
      }
    }
  });

  it('marks only staging, production and real world as production-like', () => {
    expect(scene.productionLike).toBe(['staging', 'production', 'realworld'].includes(id));
  });

  it('never uses runserver when production-like, and always uses NGINX then Gunicorn', () => {
    const kinds = new Set(t.nodes.map((n) => n.kind));
    if (scene.productionLike) {
      expect(kinds.has('runserver')).toBe(false);
      expect(kinds.has('nginx')).toBe(true);
      expect(kinds.has('gunicorn')).toBe(true);
      expect(kinds.has('sqlite')).toBe(false);
    } else {
      expect(kinds.has('runserver')).toBe(true);
    }
  });

  it('gives every data store a catalog entry that stores data', () => {
    for (const n of t.nodes) {
      if (['postgres', 'sqlite', 'redis', 'static', 'media'].includes(n.kind))
        expect(CATALOG[n.kind].dataStore).toBe(true);
    }
  });
});

describe('scene titles', () => {
  it('reads Local, Development, Staging, Production, Real world in English', () => {
    expect(SCENE_IDS.map((id) => lookup(en, `scenes.${id}.title`))).toEqual([
      'Local',
      'Development',
      'Staging',
      'Production',
      'Real world',
    ]);
  });
});

describe('scene shapes', () => {
  const ids = (id: keyof typeof SCENES) => SCENES[id].topology.nodes.map((n) => n.id);

  it('local runs runserver, Django, SQLite and static files on the laptop', () => {
    expect(ids('local')).toEqual(['user', 'laptop', 'runserver', 'django', 'sqlite', 'static']);
    expect(successors(SCENES.local.topology, 'runserver')).toEqual(['django', 'static']);
  });

  it('development swaps SQLite for PostgreSQL on a shared server', () => {
    expect(ids('development')).toEqual([
      'user',
      'devserver',
      'runserver',
      'django',
      'postgres',
      'static',
    ]);
  });

  it('staging has one app server, production two, each Django using PostgreSQL and Redis', () => {
    const count = (id: keyof typeof SCENES) =>
      SCENES[id].topology.nodes.filter((n) => n.kind === 'gunicorn').length;
    expect(count('staging')).toBe(1);
    expect(count('production')).toBe(2);
    expect(count('realworld')).toBe(2);
    for (const id of ['staging', 'production', 'realworld'] as const) {
      const t = SCENES[id].topology;
      for (const d of t.nodes.filter((n) => n.kind === 'django')) {
        expect(successors(t, d.id)).toEqual(['postgres', 'redis']);
      }
      expect(successors(t, 'nginx')).toEqual(expect.arrayContaining(['static', 'media']));
    }
    expect(successors(SCENES.production.topology, 'nginx')).toEqual([
      'static',
      'media',
      'app1-gunicorn',
      'app2-gunicorn',
    ]);
  });

  it('real world puts a CDN between the user and NGINX', () => {
    const t = SCENES.realworld.topology;
    expect(successors(t, 'user')).toEqual(['cdn']);
    expect(successors(t, 'cdn')).toEqual(['nginx']);
  });

  it('sizes Gunicorn workers by the 2 × cores + 1 rule', () => {
    const t = SCENES.production.topology;
    const g = t.nodes.find((n) => n.id === 'app1-gunicorn');
    const box = t.nodes.find((n) => n.id === 'app1');
    expect(g?.params?.workers).toBe(2 * (box?.params?.cores ?? 0) + 1);
  });
});

describe('getScene and cloneTopology', () => {
  it('keeps the presets frozen', () => {
    expect(Object.isFrozen(SCENES.production.topology.nodes)).toBe(true);
    expect(() => {
      (SCENES.production.topology.nodes as TopoNode[]).push({
        id: 'x',
        kind: 'redis',
        position: { x: 0, y: 0 },
      });
    }).toThrow();
  });

  it('returns a deep, mutable copy', () => {
    const a = getScene('production');
    expect(a).toEqual(SCENES.production);
    const first = a.topology.nodes[0];
    if (!first) throw new Error('empty scene');
    first.position.x = 12345;
    a.topology.edges.pop();
    expect(SCENES.production.topology.nodes[0]?.position.x).not.toBe(12345);
    expect(getScene('production')).toEqual(SCENES.production);
    const c = cloneTopology(SCENES.local.topology);
    expect(c).toEqual(SCENES.local.topology);
    expect(c.nodes[0]).not.toBe(SCENES.local.topology.nodes[0]);
  });
});

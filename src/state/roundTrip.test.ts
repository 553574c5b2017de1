/**
 * Issue 16 (5, 6): what the app writes, it reads back. Every state the UI can reach — edits,
 * scaling at the sliders' ends, draining servers, names — survives save → reload → export →
 * import unchanged; out-of-range saved values are clamped per field on read.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseDocument, serializeDocument } from '../core/export/document';
import { LIMITS, appServers, setAppServers, setCores, setWeight, setWorkers } from '../core/topology/scaling';
import { SCENES, cloneTopology } from '../core/topology/scenes';
import type { Topology } from '../core/topology/types';
import { PARAM_LIMITS } from '../core/topology/limits';
import type * as Persist from './persistence';

const map = new Map<string, string>();
const fake: Storage = {
  get length() {
    return map.size;
  },
  clear: () => map.clear(),
  getItem: (k) => map.get(k) ?? null,
  key: (i) => [...map.keys()][i] ?? null,
  removeItem: (k) => void map.delete(k),
  setItem: (k, v) => void map.set(k, String(v)),
};
let persist: typeof Persist;
beforeAll(async () => {
  vi.stubGlobal('localStorage', fake);
  persist = await import('./persistence');
});
afterAll(() => vi.unstubAllGlobals());

type Step = (t: Topology) => Topology;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ n: fc.integer({ min: LIMITS.appServers.min, max: LIMITS.appServers.max }), drain: fc.boolean() }).map(
    ({ n, drain }) => (t: Topology) => setAppServers(t, n, { drain }),
  ),
  fc.record({ i: fc.nat(), w: fc.integer({ min: LIMITS.workers.min, max: LIMITS.workers.max }) }).map(
    ({ i, w }) => (t: Topology) => {
      const apps = appServers(t);
      const a = apps[i % apps.length];
      return a ? setWorkers(t, a.gunicornId, w) : t;
    },
  ),
  fc.record({ i: fc.nat(), c: fc.integer({ min: LIMITS.cores.min, max: LIMITS.cores.max }) }).map(
    ({ i, c }) => (t: Topology) => {
      const apps = appServers(t);
      const a = apps[i % apps.length];
      return a ? setCores(t, a.boxId, c) : t;
    },
  ),
  fc.record({ i: fc.nat(), w: fc.integer({ min: LIMITS.weight.min, max: LIMITS.weight.max }) }).map(
    ({ i, w }) => (t: Topology) => {
      const apps = appServers(t);
      const a = apps[i % apps.length];
      return a ? setWeight(t, a.boxId, w) : t;
    },
  ),
);

describe('what the app writes, it reads back', { timeout: 60_000 }, () => {
  it('the scaling panel never goes past the document limits', () => {
    for (const name of ['workers', 'cores', 'memoryMb', 'weight'] as const) {
      expect(LIMITS[name].min).toBeGreaterThanOrEqual(PARAM_LIMITS[name].min);
      expect(LIMITS[name].max).toBeLessThanOrEqual(PARAM_LIMITS[name].max);
    }
  });

  it('every reachable state survives save → reload → export → import unchanged', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        let t = cloneTopology(SCENES.production.topology);
        for (const s of steps) t = s(t);
        const exported = serializeDocument('production', t, false);
        map.clear();
        persist.saveScene('production', t);
        const reloaded = persist.readSavedTopologies().production ?? SCENES.production.topology;
        const again = serializeDocument('production', reloaded, false);
        expect(again).toBe(exported);
        const imported = parseDocument(again);
        expect(imported.ok && serializeDocument('production', imported.document.topology, false)).toBe(exported);
      }),
      { numRuns: 60, seed: 16 },
    );
  });

  it('a draining server and the Workers slider at its end are saved and read back', () => {
    let t = setAppServers(cloneTopology(SCENES.production.topology), 3);
    t = setAppServers(t, 1, { drain: true });
    t = setWorkers(t, appServers(t)[0]!.gunicornId, LIMITS.workers.max);
    expect(parseDocument(serializeDocument('production', t)).ok).toBe(true);
  });

  it('out-of-range saved values are clamped or dropped per field, not the whole document', () => {
    const t = cloneTopology(SCENES.production.topology) as unknown as { nodes: Record<string, unknown>[] };
    const gunicorn = t.nodes.find((n) => n.kind === 'gunicorn')!;
    gunicorn.params = { workers: 257, weight: -3 };
    const box = t.nodes.find((n) => n.kind === 'server')!;
    box.labelKey = 'scenes.labels.removedOne';
    const text = JSON.stringify({ format: 'prodviz', version: 1, scene: 'production', topology: t });
    expect(parseDocument(text).ok).toBe(false);
    map.clear();
    map.set(persist.saveKey('production'), text);
    const read = persist.readSavedTopologies().production!;
    const g = read.nodes.find((n) => n.kind === 'gunicorn')!;
    expect(g.params).toEqual({ workers: 256, weight: 0 });
    expect(read.nodes.find((n) => n.id === box.id)!.labelKey).toBeUndefined();
  });
});

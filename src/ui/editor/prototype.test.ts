/**
 * Issue 16 (1): every Object.prototype name at every key-like field of a document, through
 * the importer, a share link and saved state. Each one is either refused with a sentence that
 * names the reason, or accepted and then safe to name, simulate and turn into configs.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../core/sim/engine';
import { SCENES } from '../../core/topology/scenes';
import type { Topology } from '../../core/topology/types';
import { loadLazyStrings, translator } from '../../i18n';
import { nodeName } from '../canvas/flowModel';
import { documentErrorText } from './errorText';
import { readShareHash } from './shareLink';
import { generateConfigs } from '../../core/export/configs';
import { DEFAULT_SETTINGS } from '../../core/export/configs/types';
import { parseDocument, type ParseResult } from '../../core/export/document';
import { LABEL_KEYS } from '../../core/topology/labelKeys';

/** Every name a plain object inherits, plus the function-only `prototype`. */
const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

type Doc = {
  format: unknown;
  version: unknown;
  scene: unknown;
  topology: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
};

function base(): Doc {
  const topo = structuredClone(SCENES.production.topology) as Topology;
  return {
    format: 'prodviz',
    version: 1,
    scene: 'production',
    topology: topo as unknown as Doc['topology'],
  };
}

/** A key-like field and how to put `name` in it. */
const FIELDS: Record<string, (d: Doc, name: string) => void> = {
  'node id': (d, name) => {
    const old = d.topology.nodes.find((n) => n.kind === 'redis')!.id as string;
    for (const n of d.topology.nodes) if (n.id === old) n.id = name;
    for (const e of d.topology.edges) {
      if (e.source === old) e.source = name;
      if (e.target === old) e.target = name;
    }
  },
  'server box id': (d, name) => {
    const box = d.topology.nodes.find((n) => n.kind === 'server')!;
    const old = box.id;
    box.id = name;
    for (const n of d.topology.nodes) if (n.parentId === old) n.parentId = name;
  },
  parentId: (d, name) => {
    d.topology.nodes.find((n) => n.parentId !== undefined)!.parentId = name;
  },
  'edge id': (d, name) => {
    d.topology.edges[0]!.id = name;
  },
  'edge source': (d, name) => {
    d.topology.edges[0]!.source = name;
  },
  'edge target': (d, name) => {
    d.topology.edges[0]!.target = name;
  },
  kind: (d, name) => {
    d.topology.nodes[0]!.kind = name;
  },
  scene: (d, name) => {
    d.scene = name;
  },
  format: (d, name) => {
    d.format = name;
  },
  labelKey: (d, name) => {
    d.topology.nodes.find((n) => n.kind === 'server')!.labelKey = `scenes.labels.${name}`;
  },
  'bare labelKey': (d, name) => {
    d.topology.nodes.find((n) => n.kind === 'server')!.labelKey = name;
  },
  'catalog labelKey': (d, name) => {
    d.topology.nodes.find((n) => n.kind === 'server')!.labelKey = `catalog.${name}.name`;
  },
  'labelArgs key': (d, name) => {
    d.topology.nodes.find((n) => n.kind === 'server')!.labelArgs = { [name]: 2 };
  },
  'labelArgs value': (d, name) => {
    d.topology.nodes.find((n) => n.kind === 'server')!.labelArgs = { n: name };
  },
  'params key': (d, name) => {
    const n = d.topology.nodes.find((x) => x.kind === 'gunicorn')!;
    n.params = { ...(n.params as object), [name]: 3 };
  },
  'params string value': (d, name) => {
    const n = d.topology.nodes.find((x) => x.kind === 'gunicorn')!;
    n.params = { ...(n.params as object), workerClass: name };
  },
  label: (d, name) => {
    d.topology.nodes[0]!.label = name;
  },
};

const en = translator('en');
beforeAll(() => loadLazyStrings('en'));

/** Refused with a sentence, or safe to use everywhere a document goes. */
function expectSafe(result: ParseResult, what: string) {
  if (!result.ok) {
    const text = documentErrorText(result.error, en);
    expect(text, what).toMatch(/\w{3}/);
    expect(text, what).not.toMatch(/undefined|\[object|function/);
    return;
  }
  const { topology } = result.document;
  for (const node of topology.nodes) {
    const name = nodeName(node, en);
    expect(typeof name, what).toBe('string');
    expect(name.length, what).toBeGreaterThan(0);
    if (node.labelKey !== undefined) expect(LABEL_KEYS, what).toContain(node.labelKey);
  }
  const sim = new Simulation(topology, { seed: 1, rps: 50 });
  sim.advanceTo(2000);
  expect(sim.metrics().completed, what).toBeGreaterThanOrEqual(0);
  expect(generateConfigs(topology, { ...DEFAULT_SETTINGS }).length, what).toBeGreaterThan(0);
}

/** A fake localStorage for the saved-state path. */
function fakeStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => (map.has(k) ? map.get(k)! : null),
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

describe('prototype names at every key-like field', { timeout: 60_000 }, () => {
  const cases: { field: string; name: string; text: string }[] = [];
  for (const [field, put] of Object.entries(FIELDS)) {
    for (const name of NAMES) {
      const d = base();
      put(d, name);
      cases.push({ field, name, text: JSON.stringify(d) });
    }
  }

  it('are refused or safe through the importer', () => {
    for (const c of cases) expectSafe(parseDocument(c.text), `${c.field} = ${c.name}`);
  });

  it('never pass as a label key, an id or a parameter name', () => {
    for (const c of cases) {
      if (!['labelKey', 'bare labelKey', 'catalog labelKey', 'node id', 'server box id', 'labelArgs key', 'params key'].includes(c.field))
        continue;
      const result = parseDocument(c.text);
      expect(result.ok, `${c.field} = ${c.name}`).toBe(false);
    }
  });

  it('are refused or safe through a share link', () => {
    for (const c of cases) {
      const read = readShareHash(`#doc=${compressToEncodedURIComponent(c.text)}`, 'production');
      expect(read.ok || read.error.code !== 'link-too-large').toBe(true);
      expectSafe(read, `link: ${c.field} = ${c.name}`);
    }
  });

  it('are refused or safe through saved state (and a refused one is set aside)', async () => {
    const store = fakeStorage();
    (globalThis as { localStorage?: Storage }).localStorage = store;
    try {
      const { readSavedTopologies, saveKey, corruptKey, usePersistenceStore } = await import(
        '../../state/persistence'
      );
      for (const c of cases.filter((_, i) => i % 3 === 0)) {
        store.clear();
        usePersistenceStore.setState({ corrupt: {} });
        store.setItem(saveKey('production'), c.text);
        const saved = readSavedTopologies();
        const topology = saved.production;
        if (topology) expectSafe({ ok: true, document: { format: 'prodviz', version: 1, scene: 'production', topology } }, `saved: ${c.field} = ${c.name}`);
        else expect(store.getItem(corruptKey('production'))).toBe(c.text);
      }
    } finally {
      delete (globalThis as { localStorage?: Storage }).localStorage;
    }
  });
});

describe('translations never resolve to inherited members', () => {
  it('returns text or nothing for every prototype name at every depth', () => {
    for (const name of NAMES) {
      for (const key of [name, `scenes.${name}`, `scenes.labels.${name}`, `catalog.nginx.${name}`, `${name}.x`]) {
        const out = (en as (k: string, v?: Record<string, unknown>) => unknown)(key, { n: 1 });
        expect(typeof out, key).toBe('string');
      }
    }
  });

  it('a placeholder named after a prototype member stays empty', () => {
    const out = (en as (k: string, v?: Record<string, unknown>) => unknown)('scenes.labels.appServer', {});
    expect(out).toBe('App server ');
  });
});

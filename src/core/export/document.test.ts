import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCENES } from '../topology/scenes';
import { SCENE_IDS, type Topology } from '../topology/types';
import {
  DOCUMENT_LIMITS,
  documentFromJson,
  labelProblem,
  parseDocument,
  serializeDocument,
  type ParseResult,
} from './document';

const production = SCENES.production.topology;

function codeOf(result: ParseResult): string {
  return result.ok ? 'ok' : result.error.code;
}

function docWith(mutate: (doc: { topology: Topology } & Record<string, unknown>) => void): string {
  const doc = JSON.parse(serializeDocument('production', production));
  mutate(doc);
  return JSON.stringify(doc);
}

describe('export → import', () => {
  it.each(SCENE_IDS)('is the identity on the %s scene', (scene) => {
    const text = serializeDocument(scene, SCENES[scene].topology);
    const result = parseDocument(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.scene).toBe(scene);
    expect(result.document.topology).toEqual(SCENES[scene].topology);
    // and byte for byte on the second round
    expect(serializeDocument(scene, result.document.topology)).toBe(text);
  });

  it('keeps parameters it does not know yet', () => {
    const text = docWith((d) => {
      const n = d.topology.nodes[1] as { params?: Record<string, unknown> };
      n.params = { ...n.params, lbMethod: 'least-conn' };
    });
    const result = parseDocument(text);
    expect(result.ok && result.document.topology.nodes[1]?.params).toMatchObject({
      lbMethod: 'least-conn',
    });
  });

  it('puts server boxes before their children', () => {
    const text = docWith((d) => d.topology.nodes.reverse());
    const result = parseDocument(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ids = result.document.topology.nodes.map((n) => n.id);
    for (const n of result.document.topology.nodes)
      if (n.parentId) expect(ids.indexOf(n.parentId)).toBeLessThan(ids.indexOf(n.id));
  });
});

describe('refusals', () => {
  it('refuses text over 1 MB before parsing it', () => {
    expect(codeOf(parseDocument(' '.repeat(DOCUMENT_LIMITS.maxBytes + 1)))).toBe('too-large');
    // multi-byte characters count as bytes, not as characters
    expect(codeOf(parseDocument('ş'.repeat(DOCUMENT_LIMITS.maxBytes / 2 + 1)))).toBe('too-large');
  });

  it('refuses what is not JSON, or not a document', () => {
    expect(codeOf(parseDocument('{"format": "prodviz",'))).toBe('not-json');
    expect(codeOf(parseDocument('[]'))).toBe('not-document');
    expect(codeOf(parseDocument('"hello"'))).toBe('not-document');
    expect(codeOf(parseDocument('{"format":"excalidraw"}'))).toBe('not-document');
  });

  it('refuses versions it does not know', () => {
    expect(codeOf(parseDocument(docWith((d) => (d.version = 99))))).toBe('unknown-version');
    expect(codeOf(parseDocument(docWith((d) => (d.version = '1'))))).toBe('unknown-version');
  });

  it('refuses __proto__, constructor and prototype keys anywhere', () => {
    const text = serializeDocument('production', production).replace(
      '"kind": "user"',
      '"kind": "user", "__proto__": { "polluted": true }',
    );
    expect(codeOf(parseDocument(text))).toBe('forbidden-key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(codeOf(parseDocument(docWith((d) => (d.topology.nodes[0]!.id = '__proto__'))))).not.toBe(
      'ok',
    );
    expect(codeOf(parseDocument('{"constructor": {"prototype": {}}}'))).toBe('forbidden-key');
  });

  it('refuses labels with markup or that are too long', () => {
    const html = docWith((d) => (d.topology.nodes[0]!.label = '<img src=x onerror=alert(1)>'));
    expect(codeOf(parseDocument(html))).toBe('markup-in-label');
    const long = docWith(
      (d) => (d.topology.nodes[0]!.label = 'x'.repeat(DOCUMENT_LIMITS.maxLabelLength + 1)),
    );
    expect(codeOf(parseDocument(long))).toBe('label-too-long');
  });

  it('caps node and edge counts', () => {
    const many = docWith((d) => {
      for (let i = 0; i <= DOCUMENT_LIMITS.maxNodes; i++)
        d.topology.nodes.push({ id: `n${i}`, kind: 'redis', position: { x: i, y: 0 } });
    });
    expect(codeOf(parseDocument(many))).toBe('too-many-nodes');
    const edges = docWith((d) => {
      for (let i = 0; i <= DOCUMENT_LIMITS.maxEdges; i++)
        d.topology.edges.push({ id: `e${i}`, source: 'user', target: 'nginx' });
    });
    expect(codeOf(parseDocument(edges))).toBe('too-many-edges');
  });

  it('refuses wrong types, unknown kinds and unknown fields with a path', () => {
    const result = parseDocument(
      docWith((d) => ((d.topology.nodes[2]!.position as { x: unknown }).x = 'left')),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid', path: 'topology.nodes.2.position.x' },
    });
    expect(
      codeOf(
        parseDocument(docWith((d) => ((d.topology.nodes[0] as { kind: string }).kind = 'apache'))),
      ),
    ).toBe('invalid');
    expect(
      codeOf(
        parseDocument(
          docWith((d) => ((d.topology.nodes[0] as unknown as Record<string, unknown>).style = 'x')),
        ),
      ),
    ).toBe('invalid');
    expect(codeOf(parseDocument(docWith((d) => (d.topology.nodes[0]!.position.x = 1e300))))).toBe(
      'invalid',
    );
  });

  it('refuses broken structure: duplicate ids, edges to nowhere, a parent that is not a server', () => {
    expect(
      codeOf(parseDocument(docWith((d) => (d.topology.nodes[2]!.id = d.topology.nodes[1]!.id)))),
    ).toBe('broken-structure');
    expect(codeOf(parseDocument(docWith((d) => (d.topology.edges[0]!.target = 'nowhere'))))).toBe(
      'broken-structure',
    );
    expect(codeOf(parseDocument(docWith((d) => (d.topology.nodes[3]!.parentId = 'user'))))).toBe(
      'broken-structure',
    );
  });
});

describe('migrations', () => {
  it('reads a bare topology (version 0) into the scene the caller is on', () => {
    const result = parseDocument(JSON.stringify(SCENES.staging.topology), 'staging');
    expect(result.ok && result.document.scene).toBe('staging');
    expect(result.ok && result.document.topology).toEqual(SCENES.staging.topology);
  });
});

// ——— properties ———

const jsonValue = fc.jsonValue({ maxDepth: 6 });

/** Replaces one value somewhere inside `value` by `replacement`, chosen by `pick`. */
function mutateAt(value: unknown, pick: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...path, k]);
  };
  walk(value, []);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let cursor: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]!] = replacement;
  return copy;
}

function assertResultShape(result: ParseResult) {
  if (result.ok) {
    // A document that passed is one we would accept again, unchanged.
    const again = parseDocument(serializeDocument(result.document.scene, result.document.topology));
    expect(again).toEqual(result);
  } else {
    expect(typeof result.error.code).toBe('string');
  }
}

describe('properties', () => {
  it('never throws on arbitrary JSON values, as text or as values', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        assertResultShape(documentFromJson(value));
        assertResultShape(parseDocument(JSON.stringify(value)));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        assertResultShape(parseDocument(text));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on mutated valid documents, and accepts only valid ones', () => {
    const scene = fc.constantFrom(...SCENE_IDS);
    fc.assert(
      fc.property(scene, fc.nat(), jsonValue, (id, pick, replacement) => {
        const doc = JSON.parse(serializeDocument(id, SCENES[id].topology));
        assertResultShape(documentFromJson(mutateAt(doc, pick, replacement)));
      }),
      { numRuns: 600 },
    );
  });

  it('never throws when keys are dropped or duplicated items appended', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENE_IDS), fc.nat(), fc.nat(), (id, a, b) => {
        const doc = JSON.parse(serializeDocument(id, SCENES[id].topology));
        const nodes = doc.topology.nodes as Record<string, unknown>[];
        const node = nodes[a % nodes.length]!;
        const keys = Object.keys(node);
        delete node[keys[b % keys.length]!];
        doc.topology.edges.push(doc.topology.edges[b % doc.topology.edges.length]);
        assertResultShape(documentFromJson(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('export → import is the identity for any position and label a person could give', () => {
    const label = fc
      .string({ minLength: 1, maxLength: DOCUMENT_LIMITS.maxLabelLength })
      .filter((s) => labelProblem(s) === null);
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENE_IDS),
        fc.integer({ min: -5000, max: 5000 }),
        fc.double({ min: -5000, max: 5000, noNaN: true, noDefaultInfinity: true }),
        label,
        (id, x, y, name) => {
          const topology = structuredClone(SCENES[id].topology) as Topology;
          const node = topology.nodes[0]!;
          node.position = { x, y: Object.is(y, -0) ? 0 : y };
          node.label = name;
          const result = parseDocument(serializeDocument(id, topology));
          expect(result.ok && result.document.topology).toEqual(topology);
        },
      ),
      { numRuns: 300 },
    );
  });
});

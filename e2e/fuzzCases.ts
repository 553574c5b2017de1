/**
 * Arbitraries for e2e/fuzz.spec.ts: documents and share links in every input class the
 * app must survive, each with what must happen (accepted, refused, or whatever the app's
 * own reader says — the oracle). Not a spec file; Node side only.
 */
import fc from 'fast-check';
import lzString from 'lz-string';
import { COMPONENT_KINDS } from '../src/core/catalog/catalog';
import { parseDocument, serializeDocument, type ParseResult } from '../src/core/export/document';
import { lzBomb } from '../src/core/export/lzBomb';
import { inflateBounded, LINK_LIMITS } from '../src/core/export/shareCodec';
import { PROTOTYPE_NAMES } from '../src/core/topology/labelKeys';
import { PARAM_LIMITS } from '../src/core/topology/limits';
import { SCENES } from '../src/core/topology/scenes';
import { SCENE_IDS, type SceneId, type TopoNode, type Topology } from '../src/core/topology/types';

const { compressToEncodedURIComponent } = lzString;

type Json = unknown;
type Obj = Record<string, Json>;

/** What must happen: accepted, refused, or as the app's own reader decides. */
export type Expect = 'accept' | 'refuse' | 'oracle';

/** One document: its class (for the report), the bytes of the file, and what must happen. */
export interface DocCase {
  cls: string;
  expect: Expect;
  /** Builds the file's bytes; `marker` is a node id unique to this case (valid documents). */
  bytes: (marker: string) => Buffer;
}

export interface LinkCase {
  cls: string;
  expect: Expect;
  /** The text after `#doc=`. */
  packed: (marker: string) => string;
}

const PROTO = [...PROTOTYPE_NAMES];
const SAFE_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.',
  ...'çğıöşüÇĞİÖŞÜ',
  'é', 'ß', 'Ж', 'λ', '中', '文', 'ع', 'ש', '🚀', '👩‍💻', 'e\u0301',
];
const safeLabel = fc
  .array(fc.constantFrom(...SAFE_CHARS), { minLength: 1, maxLength: 20 })
  .map((cs) => cs.join('').slice(0, 80))
  .filter((s) => s.trim().length > 0);
const idArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,12}$/);

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Sets an own property even for names like `__proto__`, so JSON.stringify writes it. */
function setOwn(obj: Obj, key: string, value: Json) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function paramArb(): fc.Arbitrary<Obj> {
  const entries = Object.entries(PARAM_LIMITS).map(([name, l]) =>
    fc.tuple(
      fc.constant(name),
      l.integer ? fc.integer({ min: l.min, max: l.max }) : fc.double({ min: l.min, max: l.max, noNaN: true }),
    ),
  );
  return fc
    .array(fc.oneof(...entries, fc.tuple(fc.constant('workerClass'), fc.constantFrom('sync', 'gthread', 'async')), fc.tuple(fc.constant('up'), fc.boolean())), {
      maxLength: 4,
    })
    .map((pairs) => Object.fromEntries(pairs) as Obj);
}

interface NewNode {
  id: string;
  kind: string;
  x: number;
  y: number;
  label?: string;
  params?: Obj;
  inBox: boolean;
}

const newNodeArb: fc.Arbitrary<NewNode> = fc.record(
  {
    id: idArb,
    kind: fc.constantFrom(...COMPONENT_KINDS),
    x: fc.integer({ min: -3000, max: 3000 }),
    y: fc.integer({ min: -3000, max: 3000 }),
    label: safeLabel,
    params: paramArb(),
    inBox: fc.boolean(),
  },
  { requiredKeys: ['id', 'kind', 'x', 'y', 'inBox'] },
);

/** A valid document: a scene's preset with nodes removed and added, random params and edges. */
export const validDocArb = fc
  .record({
    scene: fc.constantFrom(...SCENE_IDS),
    drop: fc.array(fc.nat(), { maxLength: 3 }),
    add: fc.array(newNodeArb, { maxLength: 6 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    tweak: fc.array(fc.tuple(fc.nat(), paramArb()), { maxLength: 3 }),
  })
  .map(({ scene, drop, add, edges, tweak }) => (marker: string) => {
    const t = clone(SCENES[scene].topology) as Topology;
    let nodes: TopoNode[] = t.nodes;
    for (const d of drop) {
      const leaves = nodes.filter((n) => !nodes.some((m) => m.parentId === n.id));
      const gone = leaves[d % Math.max(1, leaves.length)];
      if (gone) nodes = nodes.filter((n) => n !== gone);
    }
    const ids = new Set(nodes.map((n) => n.id));
    let edgeList = t.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const boxes = nodes.filter((n) => n.kind === 'server' && n.parentId === undefined);
    for (const a of add) {
      let id = `${a.id}`;
      while (ids.has(id)) id += 'x';
      ids.add(id);
      const box = a.inBox && a.kind !== 'server' ? boxes[Math.abs(a.x) % Math.max(1, boxes.length)] : undefined;
      const node = { id, kind: a.kind, position: { x: a.x, y: a.y } } as TopoNode;
      if (box) node.parentId = box.id;
      if (a.label) node.label = a.label;
      if (a.params && Object.keys(a.params).length) node.params = a.params as TopoNode['params'];
      nodes.push(node);
    }
    for (const [i, p] of tweak) {
      const n = nodes[i % nodes.length];
      if (n) n.params = { ...n.params, ...p } as TopoNode['params'];
    }
    nodes.push({ id: marker, kind: 'user', position: { x: -400, y: -400 }, label: marker } as TopoNode);
    const all = [...ids];
    const edgeIds = new Set(edgeList.map((e) => e.id));
    for (const [s, d] of edges) {
      const source = all[s % all.length]!;
      const target = all[d % all.length]!;
      const id = `${source}->${target}`;
      if (source === target || edgeIds.has(id)) continue;
      edgeIds.add(id);
      edgeList = [...edgeList, { id, source, target }];
    }
    return { format: 'prodviz', version: 1, scene, topology: { nodes, edges: edgeList } } as Obj;
  });

type Mutation = { cls: string; expect: Expect; apply: (doc: Obj) => Json };

const anyJson = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const nodesOf = (doc: Obj) => (doc.topology as Obj).nodes as Obj[];
const edgesOf = (doc: Obj) => (doc.topology as Obj).edges as Obj[];
const pick = <T>(list: T[], i: number): T => list[i % list.length]!;

/** Every key-like field a prototype name can sit in, and whether that must be refused. */
const protoMutation: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(...PROTO),
    fc.constantFrom(
      'node.id', 'node.parentId', 'edge.id', 'edge.source', 'edge.target', 'node.kind', 'scene',
      'format', 'labelKey', 'labelKey.bare', 'labelArgs.key', 'params.key', 'doc.key',
      'topology.key', 'node.key', 'position.key', 'label', 'labelArgs.value', 'params.value',
    ),
    fc.nat(),
  )
  .map(([name, field, i]) => ({
    cls: `prototype name at ${field}`,
    // A prototype name as display text (a label) is fine; everywhere else it is refused.
    expect: field === 'label' || field === 'labelArgs.value' || field === 'params.value' ? 'oracle' : 'refuse',
    apply: (doc: Obj) => {
      const node = pick(nodesOf(doc), i);
      const edge = edgesOf(doc).length ? pick(edgesOf(doc), i) : undefined;
      switch (field) {
        case 'node.id': node.id = name; break;
        case 'node.parentId': node.parentId = name; break;
        case 'edge.id': if (edge) edge.id = name; else node.id = name; break;
        case 'edge.source': if (edge) edge.source = name; else node.id = name; break;
        case 'edge.target': if (edge) edge.target = name; else node.id = name; break;
        case 'node.kind': node.kind = name; break;
        case 'scene': doc.scene = name; break;
        case 'format': doc.format = name; break;
        case 'labelKey': node.labelKey = `scenes.labels.${name}`; break;
        case 'labelKey.bare': node.labelKey = name; break;
        case 'labelArgs.key': node.labelArgs = {}; setOwn(node.labelArgs as Obj, name, 1); break;
        case 'params.key': node.params = { ...(node.params as Obj) }; setOwn(node.params as Obj, name, 1); break;
        case 'doc.key': setOwn(doc, name, {}); break;
        case 'topology.key': setOwn(doc.topology as Obj, name, []); break;
        case 'node.key': setOwn(node, name, 'x'); break;
        case 'position.key': setOwn(node.position as Obj, name, 0); break;
        case 'label': node.label = name; break;
        case 'labelArgs.value': node.labelArgs = { n: name }; break;
        case 'params.value': node.params = { note: name }; break;
      }
      return doc;
    },
  }));

const outOfRange: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(
      ['workers', 0], ['workers', 257], ['workers', 2.5], ['workers', -1], ['workers', 1e9],
      ['cores', 0], ['cores', 1e6], ['memoryMb', 1], ['memoryMb', 1e12], ['hitRatio', 1.5],
      ['hitRatio', -0.1], ['serviceMs', -5], ['serviceMs', 1e9], ['weight', -3], ['weight', 1001],
      ['x', 1e7], ['y', -1e7], ['width', 5], ['height', 1e6], ['x', 1e308],
    ),
    fc.nat(),
  )
  .map(([[field, value], i]) => ({
    cls: 'out-of-range number',
    expect: 'refuse',
    apply: (doc: Obj) => {
      const node = pick(nodesOf(doc), i);
      if (field === 'x' || field === 'y') (node.position as Obj)[field] = value;
      else if (field === 'width' || field === 'height') node.size = { width: 100, height: 100, [field]: value };
      else node.params = { ...(node.params as Obj), [field]: value };
      return doc;
    },
  }));

const wrongType: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom(
      'version', 'scene', 'topology', 'nodes', 'edges', 'node', 'node.id', 'node.kind',
      'node.position', 'position.x', 'node.params', 'params.workers', 'params.up', 'node.label',
      'node.size', 'edge.source',
    ),
    anyJson,
    fc.nat(),
  )
  .map(([field, value, i]) => ({
    cls: `wrong type at ${field}`,
    expect: 'oracle',
    apply: (doc: Obj) => {
      const node = pick(nodesOf(doc), i);
      const edge = edgesOf(doc)[0];
      const topo = doc.topology as Obj;
      switch (field) {
        case 'version': doc.version = value; break;
        case 'scene': doc.scene = value; break;
        case 'topology': doc.topology = value; break;
        case 'nodes': topo.nodes = value; break;
        case 'edges': topo.edges = value; break;
        case 'node': nodesOf(doc)[i % nodesOf(doc).length] = value as Obj; break;
        case 'node.id': node.id = value; break;
        case 'node.kind': node.kind = value; break;
        case 'node.position': node.position = value; break;
        case 'position.x': (node.position as Obj).x = value; break;
        case 'node.params': node.params = value; break;
        case 'params.workers': node.params = { workers: value }; break;
        case 'params.up': node.params = { up: value }; break;
        case 'node.label': node.label = value; break;
        case 'node.size': node.size = value; break;
        case 'edge.source': if (edge) edge.source = value; break;
      }
      return doc;
    },
  }));

const deepNesting: fc.Arbitrary<Mutation> = fc
  .tuple(fc.integer({ min: 65, max: 3000 }), fc.boolean(), fc.constantFrom('params', 'label', 'doc', 'nodes'))
  .map(([depth, arrays, where]) => ({
    cls: 'deep nesting',
    expect: 'refuse',
    apply: (doc: Obj) => {
      let v: Json = 1;
      for (let d = 0; d < depth; d++) v = arrays ? [v] : { a: v };
      const node = nodesOf(doc)[0]!;
      if (where === 'params') node.params = { deep: v } as Obj;
      else if (where === 'label') node.label = v;
      else if (where === 'doc') doc.extra = v;
      else nodesOf(doc).push(v as Obj);
      return doc;
    },
  }));

const hugeString: fc.Arbitrary<Mutation> = fc
  .tuple(fc.integer({ min: 81, max: 200_000 }), fc.constantFrom('label', 'id', 'kind', 'labelArgs', 'extra', 'params'))
  .map(([n, where]) => ({
    cls: `huge string at ${where}`,
    expect: 'refuse',
    apply: (doc: Obj) => {
      const s = 'Ş'.repeat(n);
      const node = nodesOf(doc)[0]!;
      if (where === 'label') node.label = s;
      else if (where === 'id') node.id = s;
      else if (where === 'kind') node.kind = s;
      else if (where === 'labelArgs') node.labelArgs = { n: s };
      else if (where === 'params') node.params = { note: s };
      else doc.extra = s;
      return doc;
    },
  }));

const BAD_TEXT: [string, string][] = [
  ['bidi override', 'admin\u202Egnp.exe'],
  ['bidi isolate', 'a\u2066b\u2069'],
  ['C1 control', 'a\u0085b'],
  ['C0 control', 'a\u0007b'],
  ['DEL', 'a\u007fb'],
  ['lone high surrogate', 'x\uD800y'],
  ['lone low surrogate', '\uDC00z'],
  ['zero-width only', '\u200B\u200B'],
  ['BOM only', '\uFEFF'],
  ['word joiner only', '\u2060'],
  ['braille blank only', '\u2800\u2800'],
  ['spaces only', '   '],
  ['markup', '<img src=x onerror=alert(1)>'],
  ['empty', ''],
];
const GOOD_TEXT = ['Ağ geçidi', 'שרת', 'خادم', 'サーバー', '🚀 api', 'e\u0301te', 'a\u200Db', 'ok\u00A0ok'];

const badLabel: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...BAD_TEXT), fc.constantFrom('label', 'labelArgs'), fc.nat())
  .map(([[name, text], where, i]) => ({
    cls: `label: ${name}`,
    expect: 'refuse',
    apply: (doc: Obj) => {
      const node = pick(nodesOf(doc), i);
      if (where === 'label' || text === '') node.label = text;
      else node.labelArgs = { n: text };
      return doc;
    },
  }));

const goodUnicode: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...GOOD_TEXT), fc.nat())
  .map(([text, i]) => ({
    cls: 'label: legitimate Unicode (RTL letters, emoji, combining, ZWJ)',
    expect: 'accept',
    apply: (doc: Obj) => {
      pick(nodesOf(doc), i).label = text;
      return doc;
    },
  }));

const unknownKind: fc.Arbitrary<Mutation> = fc
  .tuple(fc.oneof(fc.constantFrom('kubernetes', 'Nginx', 'NGINX', ' nginx', ''), fc.string({ maxLength: 12 })), fc.nat())
  .filter(([k]) => !(COMPONENT_KINDS as readonly string[]).includes(k))
  .map(([kind, i]) => ({
    cls: 'unknown kind',
    expect: 'refuse',
    apply: (doc: Obj) => {
      pick(nodesOf(doc), i).kind = kind;
      return doc;
    },
  }));

const structure: fc.Arbitrary<Mutation> = fc
  .tuple(
    fc.constantFrom('dangling edge', 'duplicated node id', 'duplicated edge id', 'self loop', 'missing parent', 'parent not a server', 'parent cycle'),
    fc.nat(),
  )
  .map(([what, i]) => ({
    cls: what,
    expect: 'refuse',
    apply: (doc: Obj) => {
      const nodes = nodesOf(doc);
      const edges = edgesOf(doc);
      const node = pick(nodes, i);
      switch (what) {
        case 'dangling edge': edges.push({ id: 'dangle', source: node.id, target: 'nowhere' }); break;
        case 'duplicated node id': nodes.push({ ...clone(node), position: { x: 5, y: 5 } }); break;
        case 'duplicated edge id':
          edges.push({ id: 'twice', source: nodes[0]!.id, target: nodes[1]!.id }, { id: 'twice', source: nodes[1]!.id, target: nodes[0]!.id });
          break;
        case 'self loop': edges.push({ id: 'loop', source: node.id, target: node.id }); break;
        case 'missing parent': node.parentId = 'ghost'; break;
        case 'parent not a server': nodes.push({ id: 'kid', kind: 'redis', position: { x: 0, y: 0 }, parentId: nodes.find((n) => n.kind !== 'server')!.id }); break;
        case 'parent cycle':
          nodes.push(
            { id: 'boxa', kind: 'server', position: { x: 0, y: 0 }, parentId: 'boxb' },
            { id: 'boxb', kind: 'server', position: { x: 0, y: 0 }, parentId: 'boxa' },
          );
          break;
      }
      return doc;
    },
  }));

const shape: fc.Arbitrary<Mutation> = fc
  .constantFrom(
    { cls: 'version 2', expect: 'refuse', apply: (d: Obj) => ({ ...d, version: 2 }) },
    { cls: 'version "1"', expect: 'refuse', apply: (d: Obj) => ({ ...d, version: '1' }) },
    { cls: 'no format', expect: 'refuse', apply: (d: Obj) => ({ ...d, format: undefined }) },
    { cls: 'unknown field', expect: 'refuse', apply: (d: Obj) => ({ ...d, extra: true }) },
    { cls: 'bare topology (version 0)', expect: 'accept', apply: (d: Obj) => d.topology },
    { cls: 'JSON array', expect: 'refuse', apply: (d: Obj) => [d] },
    { cls: 'JSON string', expect: 'refuse', apply: () => 'prodviz' },
    { cls: 'JSON null', expect: 'refuse', apply: () => null },
    {
      cls: 'too many nodes',
      expect: 'refuse',
      apply: (d: Obj) => {
        for (let k = 0; k < 301; k++) nodesOf(d).push({ id: `n${k}`, kind: 'user', position: { x: k, y: 0 } });
        return d;
      },
    },
    {
      cls: 'too many edges',
      expect: 'refuse',
      apply: (d: Obj) => {
        const ids = nodesOf(d).map((n) => n.id);
        for (let k = 0; k < 1201; k++) edgesOf(d).push({ id: `e${k}`, source: ids[0], target: ids[1] });
        return d;
      },
    },
  ) as fc.Arbitrary<Mutation>;

const mutation = fc.oneof(
  { arbitrary: protoMutation, weight: 5 },
  { arbitrary: outOfRange, weight: 2 },
  { arbitrary: wrongType, weight: 3 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: badLabel, weight: 3 },
  { arbitrary: goodUnicode, weight: 1 },
  { arbitrary: unknownKind, weight: 1 },
  { arbitrary: structure, weight: 2 },
  { arbitrary: shape, weight: 2 },
);

/** Document text: valid (pretty or compact), or a valid one mutated. */
const docText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validDocArb, fc.boolean()).map(([build, pretty]) => ({ cls: 'valid document', expect: 'accept' as Expect, text: (m: string) => JSON.stringify(build(m), null, pretty ? 2 : undefined) })) },
  {
    weight: 7,
    arbitrary: fc.tuple(validDocArb, mutation).map(([build, mut]) => ({
      cls: mut.cls,
      expect: mut.expect,
      text: (m: string) => JSON.stringify(mut.apply(build(m))) ?? 'undefined',
    })),
  },
);

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Every document class, as file bytes. */
export const docCaseArb: fc.Arbitrary<DocCase> = fc.oneof(
  { weight: 14, arbitrary: docText.map((c) => ({ cls: c.cls, expect: c.expect, bytes: (m: string) => utf8(c.text(m)) })) },
  {
    weight: 2,
    arbitrary: fc.tuple(docText, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })).map(([c, f]) => ({
      cls: 'truncated JSON',
      expect: 'refuse' as Expect,
      bytes: (m: string) => {
        const text = c.text(m);
        return utf8(text.slice(0, Math.floor(text.length * f)));
      },
    })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }).map((s) => ({ cls: 'non-JSON text', expect: 'oracle' as Expect, bytes: () => utf8(s) })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('{', 'nodes: []', '<html><body>hi</body></html>', '{"format":"prodviz",}', 'NaN', '\u0000\u0000', "{'a':1}").map((s) => ({ cls: 'non-JSON text', expect: 'refuse' as Expect, bytes: () => utf8(s) })),
  },
  { weight: 1, arbitrary: fc.constant({ cls: 'empty file', expect: 'refuse' as Expect, bytes: () => Buffer.alloc(0) }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((b) => ({ cls: 'binary', expect: 'oracle' as Expect, bytes: () => Buffer.from(b) })) },
  {
    weight: 1,
    arbitrary: validDocArb.map((build) => ({ cls: 'UTF-8 BOM + valid document', expect: 'accept' as Expect, bytes: (m: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(build(m)))]) })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra) => ({ cls: 'file over 1 MB', expect: 'refuse' as Expect, bytes: () => Buffer.alloc(1024 * 1024 + extra, 0x20) })),
  },
);

/** Every link class: the app's own encoder, hostile documents, corrupted and oversized encodings. */
export const linkCaseArb: fc.Arbitrary<LinkCase> = fc.oneof(
  {
    weight: 4,
    arbitrary: validDocArb.map((build) => ({
      cls: 'valid link (app encoder)',
      expect: 'accept' as Expect,
      packed: (m: string) => {
        const d = build(m) as { scene: SceneId; topology: Topology };
        return compressToEncodedURIComponent(serializeDocument(d.scene, d.topology, false));
      },
    })),
  },
  { weight: 5, arbitrary: docText.map((c) => ({ cls: `link: ${c.cls}`, expect: c.expect, packed: (m: string) => compressToEncodedURIComponent(c.text(m)) })) },
  {
    weight: 2,
    arbitrary: fc.tuple(validDocArb, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })).map(([build, f]) => ({
      cls: 'truncated encoding',
      expect: 'oracle' as Expect,
      packed: (m: string) => {
        const p = compressToEncodedURIComponent(JSON.stringify(build(m)));
        return p.slice(0, Math.floor(p.length * f));
      },
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(validDocArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'ABCxyz019+-$')), { minLength: 1, maxLength: 5 })).map(([build, flips]) => ({
      cls: 'corrupted encoding',
      expect: 'oracle' as Expect,
      packed: (m: string) => {
        const p = [...compressToEncodedURIComponent(JSON.stringify(build(m)))];
        for (const [i, c] of flips) p[i % p.length] = c;
        return p.join('');
      },
    })),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9+$-]{0,300}$/).map((s) => ({ cls: 'random encoding', expect: 'oracle' as Expect, packed: () => s })) },
  { weight: 1, arbitrary: fc.constant({ cls: 'empty encoding', expect: 'refuse' as Expect, packed: () => '' }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => ({ cls: 'encoding over 200,000 characters', expect: 'refuse' as Expect, packed: () => 'A'.repeat(LINK_LIMITS.maxEncoded + n) })) },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 60_000 }).map((n) => ({ cls: 'decompression bomb', expect: 'refuse' as Expect, packed: () => lzBomb(n) })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 1000 }).map((n) => ({
      cls: 'unpacks over 1 MB',
      expect: 'refuse' as Expect,
      packed: () => overOneMb(n),
    })),
  },
);

const overMb = new Map<number, string>();
/** A link whose text is just over the unpacked limit (compressing 1 MB takes a while: memoised). */
function overOneMb(n: number): string {
  const key = n % 4;
  let packed = overMb.get(key);
  if (packed === undefined) {
    packed = compressToEncodedURIComponent(`{"format":"prodviz","x":"${'z'.repeat(LINK_LIMITS.maxText + key)}"}`);
    overMb.set(key, packed);
  }
  return packed;
}

// ——— the oracle: what the app's own readers say ———

export function oracleFile(bytes: Buffer, scene: SceneId): ParseResult {
  if (bytes.length > 1024 * 1024) return { ok: false, error: { code: 'too-large' } };
  return parseDocument(new TextDecoder().decode(bytes), scene);
}

export function oracleLink(packed: string, scene: SceneId): ParseResult {
  if (packed.length > LINK_LIMITS.maxEncoded)
    return { ok: false, error: { code: 'link-too-long', max: LINK_LIMITS.maxEncoded } };
  const inflated = inflateBounded(packed, LINK_LIMITS.maxText);
  if (!inflated.ok)
    return { ok: false, error: { code: inflated.reason === 'too-large' ? 'link-too-large' : 'link-broken' } };
  return parseDocument(inflated.text, scene);
}

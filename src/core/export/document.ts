/**
 * The ProdViz document: one scene's architecture as a versioned, schema-validated JSON file.
 * The same format travels in exported files, autosaved browser storage and share links.
 *
 * Reading is defensive: a size cap, a JSON parse, a scan for prototype keys, migrations from
 * older versions, a schema (valibot), caps on counts and label length, and the topology's own
 * structural checks. `parseDocument` never throws: it returns a document or an error code the
 * UI turns into a sentence.
 */
import * as v from 'valibot';
import { COMPONENT_KINDS } from '../catalog/catalog';
import { validateTopology } from '../topology/graph';
import { isLabelKey, PROTOTYPE_NAMES } from '../topology/labelKeys';
import { clampParam, PARAM_LIMITS, type LimitedParam } from '../topology/limits';
import type { NodeParams, SceneId, TopoEdge, TopoNode, Topology } from '../topology/types';
import { SCENE_IDS } from '../topology/types';

export const DOCUMENT_FORMAT = 'prodviz';
export const DOCUMENT_VERSION = 1;

/** Limits on what an import may hold. */
export const DOCUMENT_LIMITS = {
  /** Bytes of UTF-8 text. */
  maxBytes: 1024 * 1024,
  maxNodes: 300,
  maxEdges: 1200,
  maxLabelLength: 80,
  maxIdLength: 64,
  /** Positions and sizes stay within this many pixels of the origin. */
  maxCoordinate: 1_000_000,
} as const;

export interface ProdVizDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  scene: SceneId;
  topology: Topology;
}

export type DocumentErrorCode =
  /** Larger than maxBytes. */
  | 'too-large'
  /** Not JSON at all. */
  | 'not-json'
  /** Not a ProdViz document (no format marker, not an object). */
  | 'not-document'
  /** A version this app does not know (newer, or not a number). */
  | 'unknown-version'
  /** A key anywhere that a plain object inherits (`__proto__`, `constructor`, `toString`, …). */
  | 'forbidden-key'
  /** An id (node, edge, box) that is such an inherited name. */
  | 'reserved-name'
  /** A label key that is not in the catalog of label keys (topology/labelKeys.ts). */
  | 'unknown-label-key'
  /** Objects or arrays nested deeper than MAX_DEPTH. */
  | 'too-deep'
  /** A label or name with markup (< or >). */
  | 'markup-in-label'
  /** A label with control characters (C0, DEL, C1). */
  | 'control-in-label'
  /** A label with Unicode direction overrides (U+202A–U+202E, U+2066–U+2069). */
  | 'bidi-in-label'
  /** A label with a lone surrogate (broken UTF-16). */
  | 'broken-text'
  /** A label made only of spaces and invisible characters. */
  | 'invisible-label'
  /** A share link longer than LINK_LIMITS.maxEncoded characters. */
  | 'link-too-long'
  /** A share link that unpacks to more than LINK_LIMITS.maxText characters. */
  | 'link-too-large'
  /** A share link that does not decode. */
  | 'link-broken'
  | 'label-too-long'
  | 'too-many-nodes'
  | 'too-many-edges'
  /** A field of the wrong type or out of range. */
  | 'invalid'
  /** Duplicate ids, edges to nowhere, a process inside something that is not a server, … */
  | 'broken-structure';

export interface DocumentError {
  code: DocumentErrorCode;
  /** Where it went wrong, e.g. "topology.nodes.3.position.x" (for `invalid`). */
  path?: string;
  /** The offending name or key, when it helps to show it (reserved names, label keys). */
  name?: string;
  /** The limit that was passed, for messages that name it. */
  max?: number;
}

export type ParseResult =
  { ok: true; document: ProdVizDocument } | { ok: false; error: DocumentError };

// ——— the schema ———

/** How deep objects and arrays may nest (a document needs 6). */
export const MAX_DEPTH = 64;
const MARKUP = /[<>]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Embeddings, overrides and isolates: they reorder what follows and can spoof a name. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What draws nothing: spaces, format characters, default-ignorables, the braille blank. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** Ids: letters, digits and - _ . : > (scene edges are "a->b"), never a prototype key. */
const ID_PATTERN = /^[A-Za-z0-9_.:>-]+$/;
const idSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(DOCUMENT_LIMITS.maxIdLength),
  v.regex(ID_PATTERN),
  v.check((s) => !PROTOTYPE_NAMES.has(s)),
);

const coordinate = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(-DOCUMENT_LIMITS.maxCoordinate),
  v.maxValue(DOCUMENT_LIMITS.maxCoordinate),
);
const xySchema = v.strictObject({ x: coordinate, y: coordinate });
const sizeSchema = v.strictObject({
  width: v.pipe(v.number(), v.finite(), v.minValue(20), v.maxValue(20_000)),
  height: v.pipe(v.number(), v.finite(), v.minValue(20), v.maxValue(20_000)),
});

/**
 * Whether a user-given text is fit to be a label: not too long, no markup, no control
 * characters, no direction overrides, no broken UTF-16, and something visible in it.
 */
export function labelProblem(label: string): DocumentErrorCode | null {
  if (label.length > DOCUMENT_LIMITS.maxLabelLength) return 'label-too-long';
  if (MARKUP.test(label)) return 'markup-in-label';
  if (CONTROL.test(label)) return 'control-in-label';
  if (BIDI.test(label)) return 'bidi-in-label';
  if (LONE_SURROGATE.test(label)) return 'broken-text';
  if (label.length > 0 && label.replace(INVISIBLE, '').length === 0) return 'invisible-label';
  return null;
}

const labelSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(DOCUMENT_LIMITS.maxLabelLength),
  v.check((s) => labelProblem(s) === null),
);
const labelKeySchema = v.pipe(
  v.string(),
  v.check((s: string) => isLabelKey(s)),
);
const shortText = v.pipe(v.string(), v.maxLength(40));
const labelArgsSchema = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[A-Za-z]{1,20}$/)),
    v.union([v.pipe(v.number(), v.finite()), shortText]),
  ),
  v.check((r) => Object.keys(r).length <= 8),
);

const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const num = (min: number, max: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const limited = (name: LimitedParam) => {
  const { min, max, integer } = PARAM_LIMITS[name];
  return integer ? int(min, max) : num(min, max);
};

/**
 * Known parameters are checked by type and range. Parameters this version does not know
 * (added by a later feature) are kept when they are plain values, so a round trip loses nothing.
 */
const paramsSchema = v.pipe(
  v.objectWithRest(
    {
      workers: v.optional(limited('workers')),
      workerClass: v.optional(v.picklist(['sync', 'gthread', 'async'])),
      cores: v.optional(limited('cores')),
      memoryMb: v.optional(limited('memoryMb')),
      hitRatio: v.optional(limited('hitRatio')),
      serviceMs: v.optional(limited('serviceMs')),
      up: v.optional(v.boolean()),
      weight: v.optional(limited('weight')),
    },
    v.union([v.pipe(v.number(), v.finite()), v.boolean(), shortText]),
  ),
  v.check(
    (p) => Object.keys(p).length <= 24 && Object.keys(p).every((k) => /^[A-Za-z]{1,32}$/.test(k)),
  ),
);

const nodeSchema = v.strictObject({
  id: idSchema,
  kind: v.picklist(COMPONENT_KINDS),
  position: xySchema,
  parentId: v.optional(idSchema),
  size: v.optional(sizeSchema),
  label: v.optional(labelSchema),
  labelKey: v.optional(labelKeySchema),
  labelArgs: v.optional(labelArgsSchema),
  params: v.optional(paramsSchema),
});

const edgeSchema = v.strictObject({
  id: idSchema,
  source: idSchema,
  target: idSchema,
});

const documentSchema = v.strictObject({
  format: v.literal(DOCUMENT_FORMAT),
  version: v.literal(DOCUMENT_VERSION),
  scene: v.picklist(SCENE_IDS),
  topology: v.strictObject({
    nodes: v.pipe(v.array(nodeSchema), v.maxLength(DOCUMENT_LIMITS.maxNodes)),
    edges: v.pipe(v.array(edgeSchema), v.maxLength(DOCUMENT_LIMITS.maxEdges)),
  }),
});

// ——— migrations ———

type Json = unknown;

/**
 * Each entry turns a document of version `from` into version `from + 1`.
 * Version 0 is a bare topology `{ nodes, edges }` (hand-written files, early notes): it is
 * wrapped into a document for the scene the caller is on.
 */
const MIGRATIONS: Record<
  number,
  (doc: Record<string, Json>, fallbackScene: SceneId) => Record<string, Json>
> = {
  0: (doc, fallbackScene) => ({
    format: DOCUMENT_FORMAT,
    version: 1,
    scene: fallbackScene,
    topology: { nodes: doc.nodes, edges: doc.edges },
  }),
};

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which version a parsed value claims to be; null when it is not a document at all. */
function versionOf(value: Record<string, Json>): number | null | 'unknown' {
  if (value.format === undefined && Array.isArray(value.nodes) && Array.isArray(value.edges))
    return 0;
  if (value.format !== DOCUMENT_FORMAT) return null;
  const version = value.version;
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > DOCUMENT_VERSION
  )
    return 'unknown';
  return version;
}

type Migrated = { ok: true; doc: Record<string, Json> } | { ok: false; error: DocumentError };

function migrate(value: Record<string, Json>, fallbackScene: SceneId): Migrated {
  const from = versionOf(value);
  if (from === null) return { ok: false, error: { code: 'not-document' } };
  if (from === 'unknown') return { ok: false, error: { code: 'unknown-version' } };
  let doc = value;
  for (let version = from; version < DOCUMENT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, error: { code: 'unknown-version' } };
    doc = step(doc, fallbackScene);
  }
  return { ok: true, doc };
}

// ——— checks that run before the schema, with the most useful message ———

/**
 * Finds a key anywhere that a plain object inherits (JSON.parse makes `__proto__` an own
 * key; `toString` as a params key would shadow a method), and nesting deeper than MAX_DEPTH.
 */
function findForbiddenKey(value: unknown, path: string[] = []): DocumentError | null {
  if (path.length > MAX_DEPTH) return { code: 'too-deep' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const at = [...path, key];
      if (PROTOTYPE_NAMES.has(key)) return { code: 'forbidden-key', name: key, path: at.join('.') };
      const found = findForbiddenKey(value[key], at);
      if (found) return found;
    }
  }
  return null;
}

/** Ids that are inherited names, and label keys outside the catalog, named precisely. */
function nameError(doc: Record<string, Json>): DocumentError | null {
  const topology = doc.topology;
  if (!isPlainObject(topology)) return null;
  const lists: [string, unknown, readonly string[]][] = [
    ['nodes', topology.nodes, ['id', 'parentId']],
    ['edges', topology.edges, ['id', 'source', 'target']],
  ];
  for (const [list, items, fields] of lists) {
    if (!Array.isArray(items)) continue;
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      if (!isPlainObject(item)) continue;
      for (const field of fields) {
        const value = item[field];
        if (typeof value === 'string' && PROTOTYPE_NAMES.has(value))
          return { code: 'reserved-name', name: value, path: `topology.${list}.${i}.${field}` };
      }
      if (list === 'nodes' && item.labelKey !== undefined && !isLabelKey(item.labelKey))
        return {
          code: 'unknown-label-key',
          name: typeof item.labelKey === 'string' ? item.labelKey.slice(0, 60) : '—',
          path: `topology.nodes.${i}.labelKey`,
        };
    }
  }
  return null;
}

/** Labels first, so an HTML label says "no markup" rather than a generic schema error. */
function labelError(doc: Record<string, Json>): DocumentError | null {
  const topology = doc.topology;
  if (!isPlainObject(topology) || !Array.isArray(topology.nodes)) return null;
  for (const node of topology.nodes as unknown[]) {
    if (!isPlainObject(node)) continue;
    const texts: unknown[] = [node.label];
    if (isPlainObject(node.labelArgs)) texts.push(...Object.values(node.labelArgs));
    for (const text of texts) {
      if (typeof text !== 'string') continue;
      const problem = labelProblem(text);
      if (problem) return { code: problem };
    }
  }
  return null;
}

function countError(doc: Record<string, Json>): DocumentError | null {
  const topology = doc.topology;
  if (!isPlainObject(topology)) return null;
  if (Array.isArray(topology.nodes) && topology.nodes.length > DOCUMENT_LIMITS.maxNodes)
    return { code: 'too-many-nodes' };
  if (Array.isArray(topology.edges) && topology.edges.length > DOCUMENT_LIMITS.maxEdges)
    return { code: 'too-many-edges' };
  return null;
}

function pathOf(issue: v.BaseIssue<unknown>): string | undefined {
  const keys = issue.path?.map((item) => String(item.key));
  return keys && keys.length > 0 ? keys.join('.') : undefined;
}

/**
 * React Flow wants every server box before the nodes inside it. The given order is kept when
 * it already holds; otherwise boxes move ahead of everything else.
 */
function boxesBeforeChildren(nodes: TopoNode[]): TopoNode[] {
  const seen = new Set<string>();
  let ordered = true;
  for (const n of nodes) {
    if (n.parentId !== undefined && !seen.has(n.parentId)) ordered = false;
    seen.add(n.id);
  }
  if (ordered) return nodes;
  return [
    ...nodes.filter((n) => n.parentId === undefined),
    ...nodes.filter((n) => n.parentId !== undefined),
  ];
}

/** Builds the topology with a fixed key order, so export → import → export is byte-identical. */
/** -0 becomes 0: JSON writes both as 0, so a round trip must not tell them apart. */
const z = (n: number) => (n === 0 ? 0 : n);
/**
 * Keys in sorted order (the schema puts known parameters before unknown ones, so a sorted
 * order is the one that survives a round trip), -0 as 0.
 */
function zeroes<T extends Record<string, unknown>>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record).sort()) {
    const v = record[k];
    out[k] = typeof v === 'number' ? z(v) : v;
  }
  return out as T;
}

function canonicalNode(n: TopoNode): TopoNode {
  const node: TopoNode = {
    id: n.id,
    kind: n.kind,
    position: { x: z(n.position.x), y: z(n.position.y) },
  };
  if (n.parentId !== undefined) node.parentId = n.parentId;
  if (n.size !== undefined) node.size = { width: z(n.size.width), height: z(n.size.height) };
  if (n.label !== undefined) node.label = n.label;
  if (n.labelKey !== undefined) node.labelKey = n.labelKey;
  if (n.labelArgs !== undefined) node.labelArgs = zeroes(n.labelArgs);
  if (n.params !== undefined)
    node.params = zeroes(n.params as Record<string, unknown>) as NodeParams;
  return node;
}

function canonicalEdge(e: TopoEdge): TopoEdge {
  return { id: e.id, source: e.source, target: e.target };
}

function normalise(doc: v.InferOutput<typeof documentSchema>): ProdVizDocument {
  const nodes = doc.topology.nodes.map((n) =>
    canonicalNode({ ...n, params: n.params as NodeParams | undefined }),
  );
  const edges = doc.topology.edges.map(canonicalEdge);
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    scene: doc.scene,
    topology: { nodes: boxesBeforeChildren(nodes), edges },
  };
}

export interface ParseOptions {
  /**
   * Saved state only: clamp out-of-range known parameters into their limits and drop label
   * fields that no longer pass (unknown label keys, unfit labels), field by field, instead of
   * refusing the whole document. Imports and links stay strict.
   */
  repair?: boolean;
}

/** Clamps or drops, per field, what saved state holds out of range (see ParseOptions). */
function repair(doc: Record<string, Json>) {
  const topology = doc.topology;
  if (!isPlainObject(topology) || !Array.isArray(topology.nodes)) return;
  for (const node of topology.nodes as unknown[]) {
    if (!isPlainObject(node)) continue;
    if (node.labelKey !== undefined && !isLabelKey(node.labelKey)) delete node.labelKey;
    if (node.label !== undefined && (typeof node.label !== 'string' || node.label === '' || labelProblem(node.label)))
      delete node.label;
    if (node.labelArgs !== undefined && !isPlainObject(node.labelArgs)) delete node.labelArgs;
    const params = node.params;
    if (!isPlainObject(params)) continue;
    for (const name of Object.keys(PARAM_LIMITS) as LimitedParam[]) {
      const value = params[name];
      if (value === undefined) continue;
      if (typeof value === 'number' && Number.isFinite(value)) params[name] = clampParam(name, value);
      else delete params[name];
    }
  }
}

/** Validates an already-parsed JSON value. Never throws. */
export function documentFromJson(
  value: unknown,
  fallbackScene: SceneId = 'production',
  options: ParseOptions = {},
): ParseResult {
  try {
    if (!isPlainObject(value)) return { ok: false, error: { code: 'not-document' } };
    const forbidden = findForbiddenKey(value);
    if (forbidden) return { ok: false, error: forbidden };
    const migrated = migrate(value, fallbackScene);
    if (!migrated.ok) return migrated;
    const doc = migrated.doc;
    if (options.repair) repair(doc);
    const early = countError(doc) ?? nameError(doc) ?? labelError(doc);
    if (early) return { ok: false, error: early };
    const parsed = v.safeParse(documentSchema, doc);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      return { ok: false, error: { code: 'invalid', path: issue ? pathOf(issue) : undefined } };
    }
    const document = normalise(parsed.output);
    if (validateTopology(document.topology).length > 0)
      return { ok: false, error: { code: 'broken-structure' } };
    return { ok: true, document };
  } catch {
    // Deeply nested or hostile input that trips something unexpected is still just invalid.
    return { ok: false, error: { code: 'invalid' } };
  }
}

/** Reads a document from text (a file, saved state, a share link). Never throws. */
export function parseDocument(
  text: string,
  fallbackScene: SceneId = 'production',
  options: ParseOptions = {},
): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: { code: 'not-json' } };
  // UTF-8 byte length without TextEncoder: at most 3 bytes per UTF-16 code unit.
  if (text.length > DOCUMENT_LIMITS.maxBytes || utf8Length(text) > DOCUMENT_LIMITS.maxBytes)
    return { ok: false, error: { code: 'too-large' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 refuses very deep nesting with a RangeError: that is JSON, only too deep.
    return { ok: false, error: { code: error instanceof RangeError ? 'too-deep' : 'not-json' } };
  }
  return documentFromJson(value, fallbackScene, options);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The document for one scene's topology. */
export function makeDocument(scene: SceneId, topology: Topology): ProdVizDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, scene, topology };
}

/** The document as JSON text, pretty-printed for people who open the file. */
export function serializeDocument(scene: SceneId, topology: Topology, pretty = true): string {
  const canonical = {
    nodes: topology.nodes.map(canonicalNode),
    edges: topology.edges.map(canonicalEdge),
  };
  return JSON.stringify(makeDocument(scene, canonical), null, pretty ? 2 : undefined);
}

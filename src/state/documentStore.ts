/**
 * The document: one editable topology per scene, with undo and redo.
 *
 * History is a small command history of immutable snapshots, one past/future stack per scene
 * (undo in Production never undoes an edit in Staging). Topologies are replaced, never mutated,
 * so a snapshot costs one pointer and unchanged nodes keep their identity. Every action that
 * changes the document records one step; a drag records once, when it ends (moveNodes);
 * repeated tweaks of the same parameter within a second merge into one step. The simulation
 * lives in simStore and is never in the history.
 */
import { create } from 'zustand';
import { CATALOG, type ComponentKind } from '../core/catalog/catalog';
import { SCENES, cloneTopology } from '../core/topology/scenes';
import type { NodeParams, SceneId, TopoEdge, TopoNode, Topology, XY } from '../core/topology/types';
import { SCENE_IDS } from '../core/topology/types';
import { DOCUMENT_LIMITS } from '../core/export/document';
import { NEW_BOX_SIZE, fitBoxes, freeSpot, nodeSize } from '../core/topology/containers';
import {
  attachAutosave,
  isLoadedFromStorage,
  readSavedTopologies,
  setAsideSaved,
} from './persistence';

/** Undo steps kept per scene. */
export const HISTORY_LIMIT = 100;
/** Parameter changes to the same node and keys closer than this merge into one step. */
const MERGE_MS = 1000;

export interface SceneHistory {
  past: Topology[];
  future: Topology[];
}

export interface NewNode {
  kind: ComponentKind;
  /** Absolute canvas position of the node's top-left corner. */
  position: XY;
  /** The server box to put it in (its position is then made relative to the box). */
  parentId?: string;
  label?: string;
}

export interface DocumentState {
  topologies: Record<SceneId, Topology>;
  history: Record<SceneId, SceneHistory>;
  moveNode: (scene: SceneId, id: string, position: XY) => void;
  /** Moves several nodes as one undo step (the end of a drag). */
  moveNodes: (scene: SceneId, moves: readonly { id: string; position: XY }[]) => void;
  /** Replaces a scene's whole topology (scaling, lessons, imports build the new one in core). */
  replaceTopology: (scene: SceneId, topology: Topology) => void;
  /** Merges parameters into one node (workers, cores, up, weight, …). */
  setNodeParams: (scene: SceneId, id: string, params: Partial<NodeParams>) => void;
  resetScene: (scene: SceneId) => void;
  /** Adds a node and returns its id (null when the scene is full). */
  addNode: (scene: SceneId, node: NewNode) => string | null;
  /** Removes nodes (a server box takes what runs on it along) and every edge touching them. */
  removeNodes: (scene: SceneId, ids: readonly string[]) => void;
  removeEdges: (scene: SceneId, ids: readonly string[]) => void;
  /** Removes nodes and edges as one step. */
  removeElements: (scene: SceneId, nodeIds: readonly string[], edgeIds: readonly string[]) => void;
  /** Connects source → target (request direction); returns the edge id, or null when refused. */
  connect: (scene: SceneId, source: string, target: string) => string | null;
  /** Copies nodes (with their children and the edges among them); returns the new ids. */
  duplicate: (scene: SceneId, ids: readonly string[]) => string[];
  /** Sets a node's own name; an empty name goes back to the scene's or catalog's name. */
  rename: (scene: SceneId, id: string, label: string) => void;
  undo: (scene: SceneId) => void;
  redo: (scene: SceneId) => void;
}

function emptyHistory(): Record<SceneId, SceneHistory> {
  const out = {} as Record<SceneId, SceneHistory>;
  for (const id of SCENE_IDS) out[id] = { past: [], future: [] };
  return out;
}

function initialTopologies(): Record<SceneId, Topology> {
  const saved = readSavedTopologies();
  const out = {} as Record<SceneId, Topology>;
  for (const id of SCENE_IDS) out[id] = saved[id] ?? cloneTopology(SCENES[id].topology);
  return out;
}

/** An id for a new node of `kind` that no node in `taken` has: "redis-2", "redis-3", … */
export function freshId(kind: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const id = `${kind}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function absolute(t: Topology, id: string): XY {
  let x = 0;
  let y = 0;
  const seen = new Set<string>();
  let current = t.nodes.find((n) => n.id === id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    x += current.position.x;
    y += current.position.y;
    const parentId: string | undefined = current.parentId;
    current = parentId === undefined ? undefined : t.nodes.find((n) => n.id === parentId);
  }
  return { x, y };
}

/**
 * How far a copy of these top-level nodes moves: `offset` down and right when nothing is there,
 * else to the nearest free spot for their bounding rectangle (never covering another node).
 */
function groupShift(t: Topology, group: readonly TopoNode[], offset: number): XY {
  if (group.length === 0) return { x: offset, y: offset };
  const rects = group.map((n) => ({ ...n.position, ...nodeSize(n) }));
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const size = {
    width: Math.max(...rects.map((r) => r.x + r.width)) - x,
    height: Math.max(...rects.map((r) => r.y + r.height)) - y,
  };
  const spot = freeSpot(t, size, { x: x + offset, y: y + offset }, {
    isBox: group.some((n) => n.kind === 'server'),
    inBox: false,
  });
  return { x: spot.x - x, y: spot.y - y };
}

/** The ids plus every node inside them (children of removed server boxes). */
function withDescendants(t: Topology, ids: readonly string[]): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of t.nodes) {
      if (n.parentId !== undefined && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

function removeFrom(t: Topology, nodeIds: readonly string[], edgeIds: readonly string[]): Topology {
  const gone = withDescendants(t, nodeIds);
  const goneEdges = new Set(edgeIds);
  const nodes = gone.size === 0 ? t.nodes : t.nodes.filter((n) => !gone.has(n.id));
  const edges = t.edges.filter(
    (e) => !goneEdges.has(e.id) && !gone.has(e.source) && !gone.has(e.target),
  );
  if (nodes.length === t.nodes.length && edges.length === t.edges.length) return t;
  return { nodes, edges };
}

let lastMergeKey: string | null = null;
let lastMergeAt = 0;

export const useDocumentStore = create<DocumentState>((set, get) => {
  /**
   * Records `next` as the scene's new topology, pushing the current one on the undo stack.
   * With a mergeKey equal to the previous step's (and within MERGE_MS) the step is extended
   * instead of adding a new one.
   */
  const commit = (scene: SceneId, next: Topology, mergeKey: string | null = null) => {
    const s = get();
    const current = s.topologies[scene];
    if (next === current) return;
    const now = Date.now();
    const merge = mergeKey !== null && mergeKey === lastMergeKey && now - lastMergeAt < MERGE_MS;
    lastMergeKey = mergeKey;
    lastMergeAt = now;
    const h = s.history[scene];
    const past = merge && h.past.length > 0 ? h.past : [...h.past, current].slice(-HISTORY_LIMIT);
    set({
      topologies: { ...s.topologies, [scene]: next },
      history: { ...s.history, [scene]: { past, future: [] } },
    });
  };

  const updateNode = (t: Topology, id: string, update: (n: TopoNode) => TopoNode): Topology => {
    const i = t.nodes.findIndex((n) => n.id === id);
    const node = t.nodes[i];
    if (!node) return t;
    const next = update(node);
    if (next === node) return t;
    const nodes = t.nodes.slice();
    // Replace only this node so every other node keeps its identity (and does not re-render).
    nodes[i] = next;
    return { ...t, nodes };
  };

  const moved = (t: Topology, moves: readonly { id: string; position: XY }[]): Topology => {
    let out = t;
    for (const { id, position } of moves) {
      out = updateNode(out, id, (n) =>
        n.position.x === position.x && n.position.y === position.y
          ? n
          : { ...n, position: { x: position.x, y: position.y } },
      );
    }
    return out;
  };

  return {
    topologies: initialTopologies(),
    history: emptyHistory(),

    moveNode: (scene, id, position) =>
      commit(scene, moved(get().topologies[scene], [{ id, position }])),
    moveNodes: (scene, moves) => commit(scene, moved(get().topologies[scene], moves)),

    replaceTopology: (scene, topology) => commit(scene, topology),

    setNodeParams: (scene, id, params) => {
      const t = get().topologies[scene];
      const next = updateNode(t, id, (n) => {
        const merged = { ...n.params, ...params };
        const same = Object.keys(params).every(
          (k) => n.params?.[k as keyof NodeParams] === merged[k as keyof NodeParams],
        );
        return same && n.params !== undefined ? n : { ...n, params: merged };
      });
      commit(scene, next, `params:${scene}:${id}:${Object.keys(params).sort().join(',')}`);
    },

    resetScene: (scene) => commit(scene, cloneTopology(SCENES[scene].topology)),

    addNode: (scene, spec) => {
      const t = get().topologies[scene];
      if (t.nodes.length >= DOCUMENT_LIMITS.maxNodes) return null;
      const taken = new Set(t.nodes.map((n) => n.id));
      const id = taken.has(spec.kind) ? freshId(spec.kind, taken) : spec.kind;
      const parent =
        spec.parentId === undefined ? undefined : t.nodes.find((n) => n.id === spec.parentId);
      const origin = parent && parent.kind === 'server' ? absolute(t, parent.id) : { x: 0, y: 0 };
      const node: TopoNode = {
        id,
        kind: spec.kind,
        position: {
          x: Math.round(spec.position.x - origin.x),
          y: Math.round(spec.position.y - origin.y),
        },
      };
      if (parent && parent.kind === 'server' && spec.kind !== 'server') node.parentId = parent.id;
      if (spec.kind === 'server') node.size = { ...NEW_BOX_SIZE };
      if (spec.kind === 'server') {
        const cap = CATALOG.server.capacity;
        node.params = { cores: cap.cores ?? 2, memoryMb: cap.memoryMb ?? 4096 };
      }
      if (spec.label) node.label = spec.label;
      // Server boxes go first so React Flow always sees a parent before its children.
      const nodes = spec.kind === 'server' ? [node, ...t.nodes] : [...t.nodes, node];
      // The box it went into grows to hold it.
      commit(scene, fitBoxes({ ...t, nodes }));
      return id;
    },

    removeNodes: (scene, ids) => commit(scene, removeFrom(get().topologies[scene], ids, [])),
    removeEdges: (scene, ids) => commit(scene, removeFrom(get().topologies[scene], [], ids)),
    removeElements: (scene, nodeIds, edgeIds) =>
      commit(scene, removeFrom(get().topologies[scene], nodeIds, edgeIds)),

    connect: (scene, source, target) => {
      const t = get().topologies[scene];
      if (source === target) return null;
      const ends = t.nodes.filter((n) => n.id === source || n.id === target);
      if (ends.length !== 2 || ends.some((n) => n.kind === 'server')) return null;
      if (t.edges.some((e) => e.source === source && e.target === target)) return null;
      if (t.edges.length >= DOCUMENT_LIMITS.maxEdges) return null;
      const taken = new Set(t.edges.map((e) => e.id));
      let id = `${source}->${target}`;
      for (let n = 2; taken.has(id); n++) id = `${source}->${target}:${n}`;
      const edge: TopoEdge = { id, source, target };
      commit(scene, { ...t, edges: [...t.edges, edge] });
      return id;
    },

    duplicate: (scene, ids) => {
      const t = get().topologies[scene];
      const chosen = withDescendants(t, ids);
      // A child whose box is copied too moves with the box; others get an offset of their own.
      const originals = t.nodes.filter((n) => chosen.has(n.id));
      if (originals.length === 0 || t.nodes.length + originals.length > DOCUMENT_LIMITS.maxNodes)
        return [];
      const taken = new Set(t.nodes.map((n) => n.id));
      const rename = new Map<string, string>();
      for (const n of originals) {
        const id = freshId(n.kind, taken);
        taken.add(id);
        rename.set(n.id, id);
      }
      const OFFSET = 32;
      // What stands on its own (a box with what it holds, or loose components) is copied as a
      // group to the nearest spot where it covers nothing, keeping its own layout.
      const shift = groupShift(t, originals.filter((n) => n.parentId === undefined), OFFSET);
      const copies = originals.map((n): TopoNode => {
        const parentCopied = n.parentId !== undefined && rename.has(n.parentId);
        const copy: TopoNode = {
          ...structuredClone(n),
          id: rename.get(n.id) as string,
          position: parentCopied
            ? { ...n.position }
            : n.parentId === undefined
              ? { x: n.position.x + shift.x, y: n.position.y + shift.y }
              : { x: n.position.x + OFFSET, y: n.position.y + OFFSET },
        };
        if (parentCopied) copy.parentId = rename.get(n.parentId as string) as string;
        return copy;
      });
      const edgeIds = new Set(t.edges.map((e) => e.id));
      const copiedEdges: TopoEdge[] = [];
      for (const e of t.edges) {
        const s = rename.get(e.source);
        const d = rename.get(e.target);
        if (s === undefined || d === undefined) continue;
        let id = `${s}->${d}`;
        for (let n = 2; edgeIds.has(id); n++) id = `${s}->${d}:${n}`;
        edgeIds.add(id);
        copiedEdges.push({ id, source: s, target: d });
      }
      const boxes = copies.filter((n) => n.parentId === undefined);
      const inner = copies.filter((n) => n.parentId !== undefined);
      commit(scene, {
        nodes: [...t.nodes, ...boxes, ...inner],
        edges: [...t.edges, ...copiedEdges],
      });
      const copiedIds = new Set(rename.values());
      // The copies a person picked (boxes with their contents count once, as the box).
      return copies
        .filter((n) => n.parentId === undefined || !copiedIds.has(n.parentId))
        .map((n) => n.id);
    },

    rename: (scene, id, label) => {
      const text = label.trim();
      commit(
        scene,
        updateNode(get().topologies[scene], id, (n) => {
          if ((n.label ?? '') === text) return n;
          const next = { ...n };
          if (text) next.label = text;
          else delete next.label;
          return next;
        }),
      );
    },

    undo: (scene) => {
      const s = get();
      const h = s.history[scene];
      const previous = h.past[h.past.length - 1];
      if (!previous) return;
      lastMergeKey = null;
      set({
        topologies: { ...s.topologies, [scene]: previous },
        history: {
          ...s.history,
          [scene]: { past: h.past.slice(0, -1), future: [s.topologies[scene], ...h.future] },
        },
      });
    },

    redo: (scene) => {
      const s = get();
      const h = s.history[scene];
      const next = h.future[0];
      if (!next) return;
      lastMergeKey = null;
      set({
        topologies: { ...s.topologies, [scene]: next },
        history: {
          ...s.history,
          [scene]: { past: [...h.past, s.topologies[scene]], future: h.future.slice(1) },
        },
      });
    },
  };
});

attachAutosave(useDocumentStore);

// ——— loading and replacing (robust; kept apart from the editing actions above) ———

/** Puts a scene back to its preset with a fresh history (its saved copy was set aside). */
export function restorePreset(scene: SceneId) {
  useDocumentStore.setState((s) => ({
    topologies: { ...s.topologies, [scene]: cloneTopology(SCENES[scene].topology) },
    history: { ...s.history, [scene]: { past: [], future: [] } },
  }));
}

/**
 * When the scene on screen is still exactly the saved document it started from and it just
 * crashed the page, sets that document aside (downloadable) and starts the scene from its
 * preset. Returns whether it did.
 */
export function setAsideIfJustLoaded(scene: SceneId): boolean {
  const topology = useDocumentStore.getState().topologies[scene];
  if (!isLoadedFromStorage(scene, topology)) return false;
  setAsideSaved(scene, topology);
  restorePreset(scene);
  return true;
}

/**
 * The editor's actions, defined once: toolbar buttons, keyboard shortcuts and menus all call
 * these. Each one either changes the document through the document store (one undo step) or
 * does not touch the document at all (fit view, export, share).
 */
import { CATALOG, type ComponentKind } from '../../core/catalog/catalog';
import { NEW_BOX_SIZE, boxAtPoint, freeSpot, type Rect } from '../../core/topology/containers';
import { SCENE_LAYOUT } from '../../core/topology/scenes';
import type { SceneId, XY } from '../../core/topology/types';
import type { TFn, TKey } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { announce, doc, editor, fail, scene, t } from './context';
import { clearDropPoint } from './dropSpot';


export function sceneTitle(id: SceneId, tr: TFn = t()): string {
  return tr(`scenes.${id}.title` as TKey);
}

// ——— document edits ———

export function undo() {
  const s = scene();
  if (doc().history[s].past.length === 0) return;
  doc().undo(s);
  announce(t()('editor.status.undone'));
}

export function redo() {
  const s = scene();
  if (doc().history[s].future.length === 0) return;
  doc().redo(s);
  announce(t()('editor.status.redone'));
}

export function deleteSelection() {
  const { selectedNodes, selectedEdges } = editor();
  const count = selectedNodes.length + selectedEdges.length;
  if (count === 0) return;
  doc().removeElements(scene(), selectedNodes, selectedEdges);
  editor().setSelection([], []);
  if (selectedNodes.includes(useUiStore.getState().selectedId ?? ''))
    useUiStore.getState().select(null);
  announce(t()('editor.status.deleted', { count }));
}

export function duplicateSelection() {
  const { selectedNodes } = editor();
  if (selectedNodes.length === 0) return;
  const ids = doc().duplicate(scene(), selectedNodes);
  if (ids.length === 0) return;
  editor().flow?.selectNodes(ids);
  announce(t()('editor.status.duplicated', { count: ids.length }));
}

/**
 * Adds a component with its middle at `centre` (flow coordinates). Dropped inside a server
 * box, a process becomes part of that box (which grows to hold it); a spot already taken
 * moves it to the nearest free one.
 */
export function addComponent(
  kind: ComponentKind,
  centre: XY,
  opts: { exact?: boolean; avoid?: readonly Rect[] } = {},
) {
  const s = scene();
  const topology = doc().topologies[s];
  const size =
    kind === 'server'
      ? NEW_BOX_SIZE
      : { width: SCENE_LAYOUT.nodeWidth, height: SCENE_LAYOUT.nodeHeight };
  const snap = editor().snap
    ? (v: number) => Math.round(v / 16) * 16
    : (v: number) => Math.round(v);
  const wanted = { x: snap(centre.x - size.width / 2), y: snap(centre.y - size.height / 2) };
  const parentId = kind === 'server' ? undefined : boxAtPoint(topology, centre);
  const position = opts.exact
    ? wanted
    : freeSpot(topology, size, wanted, {
        isBox: kind === 'server',
        inBox: parentId !== undefined,
        ...(opts.avoid ? { avoid: opts.avoid } : {}),
      });
  const id = doc().addNode(s, { kind, position, ...(parentId ? { parentId } : {}) });
  if (id === null) {
    fail(t()('editor.errors.tooMany'));
    return null;
  }
  editor().flow?.selectNodes([id]);
  announce(t()('editor.status.added', { name: t()(`catalog.${kind}.name` as TKey) }));
  return id;
}

/**
 * Adds a component dropped from the palette at a point on the screen: it lands centred on the
 * pointer, or, when that would put it under a panel floating over the canvas (the minimap, the
 * zoom buttons, the legend) or across the canvas's edge, at the nearest spot where it is seen
 * whole and can be grabbed.
 */
export function dropComponent(kind: ComponentKind, at: XY) {
  const flow = editor().flow;
  const bounds = flow?.bounds();
  if (!flow || !bounds) return null;
  const size = kind === 'server' ? NEW_BOX_SIZE : { width: SCENE_LAYOUT.nodeWidth, height: SCENE_LAYOUT.nodeHeight };
  const zoom = flow.zoom();
  const panels = flow.panels();
  const spot = clearDropPoint(at, { width: size.width * zoom, height: size.height * zoom }, bounds, panels);
  // Should the spot be taken by another component, the free one found instead stays off the
  // panels too, and on the visible canvas (not beyond its edges, under the side panel).
  const toFlow = (r: { left: number; top: number; width: number; height: number }): Rect => ({
    ...flow.screenToFlow({ x: r.left, y: r.top }),
    width: r.width / zoom,
    height: r.height / zoom,
  });
  const FAR = 100_000;
  const { left, top, right, bottom, width, height } = bounds;
  const avoid = [
    ...panels,
    { left: left - FAR, top: top - FAR, width: FAR, height: height + 2 * FAR },
    { left: right, top: top - FAR, width: FAR, height: height + 2 * FAR },
    { left, top: top - FAR, width, height: FAR },
    { left, top: bottom, width, height: FAR },
  ].map(toFlow);
  return addComponent(kind, flow.screenToFlow(spot), { avoid });
}

export function addAtViewCentre(kind: ComponentKind) {
  const flow = editor().flow;
  const centre = flow ? flow.viewCentre() : { x: 400, y: 300 };
  return addComponent(kind, centre);
}

export function connectNodes(source: string, target: string) {
  const s = scene();
  const id = doc().connect(s, source, target);
  if (id === null) return;
  const topology = doc().topologies[s];
  const tr = t();
  const name = (nid: string) => {
    const n = topology.nodes.find((x) => x.id === nid);
    return n ? nodeName(n, tr) : nid;
  };
  announce(tr('editor.status.connected', { from: name(source), to: name(target) }));
}

export function resetScene() {
  const s = scene();
  doc().resetScene(s);
  editor().setSelection([], []);
  announce(t()('editor.status.reset'));
  requestAnimationFrame(() => editor().flow?.fitView());
}

/** Empties the scene's diagram as one undoable step. */
export function clearDiagram() {
  const s = scene();
  if (doc().topologies[s].nodes.length === 0) return;
  doc().replaceTopology(s, { nodes: [], edges: [] });
  editor().setSelection([], []);
  useUiStore.getState().select(null);
  announce(t()('editor.status.cleared'));
}

export function fitView() {
  editor().flow?.fitView();
}

export async function autoLayout() {
  const s = scene();
  try {
    const { layoutTopology } = await import('./autoLayout');
    const before = doc().topologies[s];
    const next = layoutTopology(before, editor().flow?.nodeSizes() ?? new Map());
    if (doc().topologies[s] !== before) return; // changed while the layout code loaded
    doc().replaceTopology(s, next);
    announce(t()('editor.status.laidOut'));
    requestAnimationFrame(() => editor().flow?.fitView());
  } catch {
    fail(t()('editor.errors.layoutFailed'));
  }
}

// ——— keyboard ———

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/** Undo, redo and duplicate from anywhere (not while typing into a field). */
export function onEditorKey(e: KeyboardEvent) {
  if (e.defaultPrevented || typingInto(e.target)) return;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) {
    e.preventDefault();
    undo();
  } else if ((key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)) {
    e.preventDefault();
    redo();
  } else if (key === 'd' && !e.shiftKey) {
    e.preventDefault();
    duplicateSelection();
  }
}

export const PALETTE_GROUPS = ['edge', 'web', 'app', 'data', 'ops'] as const;
export function kindsOf(group: (typeof PALETTE_GROUPS)[number]): ComponentKind[] {
  return (Object.keys(CATALOG) as ComponentKind[]).filter((k) => CATALOG[k].tier === group);
}

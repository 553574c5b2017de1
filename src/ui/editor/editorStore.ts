/**
 * Editing state that is not the document: what is selected on the canvas, grid snapping,
 * the messages the editor announces, and a bridge to the React Flow instance (which lives
 * inside the canvas, while the palette and the top bar sit outside it).
 */
import { create } from 'zustand';
import type { XY } from '../../core/topology/types';

export interface FlowBridge {
  /** Canvas (flow) coordinates of a point on the screen. */
  screenToFlow: (point: XY) => XY;
  /** The flow coordinates at the middle of the visible canvas. */
  viewCentre: () => XY;
  /** The canvas element's rectangle on screen. */
  bounds: () => DOMRect | null;
  fitView: () => void;
  /** Pans to a node, selects it and gives it keyboard focus. */
  focusNode: (id: string) => void;
  /** Selects exactly these nodes (after a paste, a duplicate, an add). */
  selectNodes: (ids: readonly string[]) => void;
  /** The element holding the drawn nodes and edges (for image export). */
  viewportElement: () => HTMLElement | null;
  /** Measured sizes of the nodes on screen, for auto-layout. */
  nodeSizes: () => Map<string, { width: number; height: number }>;
  /** Gives the canvas itself keyboard focus (after what had focus went away). */
  focusCanvas: () => void;
  /** Screen pixels per flow unit at the current zoom. */
  zoom: () => number;
  /** Rectangles of the panels floating over the canvas (minimap, zoom buttons, legend). */
  panels: () => DOMRect[];
}

/** Connecting from a node: by keyboard (C, arrows, Enter) or by clicking a node's arrow. */
export interface Connecting {
  source: string;
  /** The node Enter would connect to. */
  target: string | null;
}

export type Notice =
  { kind: 'status'; text: string; seq: number } | { kind: 'error'; text: string; seq: number };

export interface EditorState {
  selectedNodes: string[];
  selectedEdges: string[];
  snap: boolean;
  flow: FlowBridge | null;
  connecting: Connecting | null;
  /** The node whose name is being edited (the toolbar's rename form). */
  renaming: string | null;
  /** Pixels on the canvas's right covered by a floating panel (the challenge): fitting keeps clear of them. */
  reserveRight: number;
  /** The last polite status ("3 deleted"), for the live region. */
  status: Notice | null;
  /** The last error, shown in a role="alert" element until dismissed or replaced. */
  error: Notice | null;
  setSelection: (nodes: string[], edges: string[]) => void;
  setSnap: (on: boolean) => void;
  setConnecting: (c: Connecting | null) => void;
  setRenaming: (id: string | null) => void;
  setReserveRight: (px: number) => void;
  setFlow: (flow: FlowBridge | null) => void;
  announce: (text: string) => void;
  fail: (text: string) => void;
  dismissError: () => void;
}

let seq = 0;

export const useEditorStore = create<EditorState>((set) => ({
  selectedNodes: [],
  selectedEdges: [],
  snap: true,
  flow: null,
  connecting: null,
  renaming: null,
  reserveRight: 0,
  status: null,
  error: null,
  setSelection: (selectedNodes, selectedEdges) => set({ selectedNodes, selectedEdges }),
  setSnap: (snap) => set({ snap }),
  setConnecting: (connecting) => set({ connecting }),
  setRenaming: (renaming) => set({ renaming }),
  setReserveRight: (reserveRight) => set({ reserveRight }),
  setFlow: (flow) => set({ flow }),
  announce: (text) => set({ status: { kind: 'status', text, seq: ++seq } }),
  fail: (text) => set({ error: { kind: 'error', text, seq: ++seq } }),
  dismissError: () => set({ error: null }),
}));

export const GRID = 16;

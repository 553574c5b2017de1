import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useT } from '../useT';
import { useStill } from '../motion';
import { CATALOG } from '../../core/catalog/catalog';
import type { TopoNode } from '../../core/topology/types';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { connectNodes, deleteSelection } from '../editor/actions';
import { dropNodes } from '../../core/topology/containers';
import { directionOfKey, nearest, pickInDirection, type Centre } from './direction';
import { resizing } from './resizing';
import { GRID, useEditorStore } from '../editor/editorStore';
import { ComponentNode } from './ComponentNode';
import { PacketLayer } from './PacketLayer';
import { TraceHighlight } from './TraceHighlight';
import { ServerNode } from './ServerNode';
import { useLessonCardRefit, usePresenterFit } from './usePresenterFit';
import { toFlowEdges, toFlowNodes } from './flowModel';
import type { FlowNode } from './nodeData';
import { MINIMAP_COLORS } from './minimapColors';
import { useFlowWake } from './flowWake';

// Defined once at module scope: an inline object would remount every node on each render.
const nodeTypes: NodeTypes = { component: ComponentNode, server: ServerNode };
const SNAP_GRID: [number, number] = [GRID, GRID];
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const SCENE_W = 210;
const SCENE_H = 80;

/**
 * Rebuilds the flow nodes from the document while keeping the identity of every node whose
 * document node did not change, so a memoised node component re-renders only when its own
 * node changed. Selection and measured sizes belong to React Flow and are carried over.
 */
function rebuild(
  prev: readonly FlowNode[],
  fresh: FlowNode[],
  changed: (id: string) => boolean,
  selected: (id: string, was: boolean | undefined) => boolean,
): FlowNode[] {
  const before = new Map(prev.map((n) => [n.id, n] as const));
  return fresh.map((n) => {
    const old = before.get(n.id);
    const sel = selected(n.id, old?.selected);
    if (old && !changed(n.id)) return old.selected === sel ? old : { ...old, selected: sel };
    const next = { ...n, selected: sel } as FlowNode;
    if (old?.measured) next.measured = old.measured;
    return next;
  });
}

/**
 * Tells the page React Flow is drawn — every node measured, the first view fitted — so App
 * shows it and removes the static first view in the same commit (flowWake.ts). Whatever had
 * the keyboard focus in the static view gets it back on React Flow's same node, and a control
 * of the static view pressed before React Flow was there is done now.
 */
function ReadySignal({ wrapper }: { wrapper: React.RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow<FlowNode>();
  const drawn = useStore((s) => {
    if (s.fitViewQueued || s.width === 0) return s.nodeLookup.size === 0 && s.width > 0;
    for (const n of s.nodeLookup.values()) if (!n.internals.handleBounds) return false;
    return true;
  });
  useEffect(() => {
    if (!drawn) return;
    const active = document.activeElement;
    const focusedId = active?.closest<HTMLElement>('.pv-static__node')?.dataset.id;
    const hadFocus = !!active?.closest('.pv-static');
    const { pending } = useFlowWake.getState();
    useFlowWake.getState().setReady();
    // After the first fit's own transition has been applied (it is drawn on the next frame).
    if (pending)
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (pending === 'zoomIn') void flow.zoomIn();
          else if (pending === 'zoomOut') void flow.zoomOut();
          else useEditorStore.getState().flow?.fitView(); // the editor's fit, with its padding
        }),
      );
    if (!hadFocus) return;
    requestAnimationFrame(() => {
      const el = focusedId
        ? wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focusedId)}"]`)
        : null;
      (el ?? wrapper.current)?.focus({ preventScroll: true });
    });
  }, [drawn, flow, wrapper]);
  return null;
}

export function Canvas() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const theme = useUiStore((s) => s.theme);
  const select = useUiStore((s) => s.select);
  const selectedId = useUiStore((s) => s.selectedId);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const snap = useEditorStore((s) => s.snap);
  const flow = useReactFlow<FlowNode>();
  const presenting = useUiStore((s) => s.presenting);
  const still = useStill();
  const paneWidth = useStore((s) => s.width);
  const flowReady = useFlowWake((s) => s.ready);
  // Presenting: the camera frames the step's subject at a readable zoom (usePresenterFit.ts).
  usePresenterFit();
  useLessonCardRefit();

  // React Flow owns the nodes while they are dragged; the document store gets the final
  // positions when a drag ends, so the document changes once per drag, not per frame.
  const [nodes, setNodes] = useState<FlowNode[]>(() => toFlowNodes(topology, t, selectedId));
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(() => new Set());
  /** Nodes to select as soon as they exist (just added or duplicated). */
  const [pendingSelection, setPendingSelection] = useState<ReadonlySet<string> | null>(null);

  // When the document, the language or the outside selection changes, rebuild the flow nodes
  // during render (React's "adjust state when a prop changes" pattern).
  const [source, setSource] = useState({ scene, topology, t, selectedId });
  if (source.scene !== scene) {
    // Another environment (the canvas stays mounted: a remount would cost a slow laptop a few
    // hundred milliseconds per switch). Its nodes start afresh — no sizes carried over from a
    // node of the same id, so the fit below waits for this diagram's own — and so does the
    // per-scene state.
    setSource({ scene, topology, t, selectedId });
    setNodes(toFlowNodes(topology, t, selectedId));
    setSelectedEdges(new Set());
    setPendingSelection(null);
  } else if (source.topology !== topology || source.t !== t || source.selectedId !== selectedId) {
    const oldById = new Map<string, TopoNode>(source.topology.nodes.map((n) => [n.id, n]));
    const newById = new Map<string, TopoNode>(topology.nodes.map((n) => [n.id, n]));
    const sameT = source.t === t;
    const selectionMoved = source.selectedId !== selectedId;
    setSource({ scene, topology, t, selectedId });
    setNodes((prev) =>
      rebuild(
        prev,
        toFlowNodes(topology, t, selectedId),
        (id) => !sameT || oldById.get(id) !== newById.get(id),
        (id, was) =>
          selectionMoved && selectedId !== null ? id === selectedId : (was ?? id === selectedId),
      ),
    );
  }
  if (
    pendingSelection &&
    [...pendingSelection].every((id) => topology.nodes.some((n) => n.id === id))
  ) {
    const want = pendingSelection;
    setPendingSelection(null);
    setNodes((prev) =>
      prev.map((n) => (!!n.selected === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
    );
  }

  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.data.name])), [nodes]);
  const baseEdges = useMemo(() => toFlowEdges(topology, names), [topology, names]);
  const edges = useMemo<Edge[]>(
    () => baseEdges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e)),
    [baseEdges, selectedEdges],
  );

  // Keyboard moves (arrow keys on a selected node) reach the document as one step once the
  // keys rest; mouse, touch and pen drags are committed when they end.
  const keyMoves = useRef(new Map<string, { x: number; y: number }>());
  const keyTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushKeyMoves = useCallback(() => {
    if (keyMoves.current.size === 0) return;
    const moves = [...keyMoves.current].map(([id, position]) => ({ id, position }));
    keyMoves.current.clear();
    const doc = useDocumentStore.getState();
    doc.replaceTopology(scene, dropNodes(doc.topologies[scene], moves));
  }, [scene]);
  useEffect(() => () => flushKeyMoves(), [flushKeyMoves]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      // Removal goes through the document (onBeforeDelete), never straight to the local copy.
      const kept = changes.filter((c) => c.type !== 'remove');
      for (const c of kept) {
        if (
          c.type === 'position' &&
          c.position &&
          c.dragging === undefined &&
          !resizing.has(c.id)
        ) {
          keyMoves.current.set(c.id, c.position);
          if (keyTimer.current) clearTimeout(keyTimer.current);
          keyTimer.current = setTimeout(flushKeyMoves, 400);
        }
      }
      setNodes((nds) => applyNodeChanges(kept, nds));
    },
    [flushKeyMoves],
  );
  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const picks = changes.filter((c) => c.type === 'select');
    if (picks.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of picks) {
        if (c.type !== 'select') continue;
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      // Positions, then membership: dropped on a box → inside it; dragged out → on its own.
      const doc = useDocumentStore.getState();
      doc.replaceTopology(
        scene,
        dropNodes(
          doc.topologies[scene],
          dragged.map((n) => ({ id: n.id, position: n.position })),
        ),
      );
    },
    [scene],
  );
  const onSelectionChange = useCallback(
    ({ nodes: sel, edges: selEdges }: OnSelectionChangeParams) => {
      useEditorStore.getState().setSelection(
        sel.map((n) => n.id),
        selEdges.map((e) => e.id),
      );
      const id = sel.length === 1 ? (sel[0]?.id ?? null) : null;
      if (useUiStore.getState().selectedId !== id) select(id);
    },
    [select],
  );
  const onBeforeDelete = useCallback(async () => {
    // One undoable step through the document; React Flow's own removal is skipped.
    deleteSelection();
    return false;
  }, []);
  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      if (!c.source || !c.target || c.source === c.target) return false;
      const kinds = topology.nodes.filter((n) => n.id === c.source || n.id === c.target);
      if (kinds.length !== 2 || kinds.some((n) => n.kind === 'server')) return false;
      return !topology.edges.some((e) => e.source === c.source && e.target === c.target);
    },
    [topology],
  );
  const onConnect = useCallback((c: Connection) => connectNodes(c.source, c.target), []);
  // A connection dragged from a node's arrow and let go over another node's body (not exactly
  // on a handle) connects to that node.
  const onConnectEnd = useCallback(
    (e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in e ? e.changedTouches[0] : e;
      if (!point) return;
      const el = document
        .elementFromPoint(point.clientX, point.clientY)
        ?.closest<HTMLElement>('.react-flow__node');
      const target = el?.dataset.id;
      if (!target || target === state.fromNode.id) return;
      if (isValidConnection({ source: state.fromNode.id, target, sourceHandle: null, targetHandle: null }))
        connectNodes(state.fromNode.id, target);
    },
    [isValidConnection],
  );

  // The bridge lets the palette, the toolbar and the problems panel (outside the canvas) reach it.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bounds = () => wrapper.current?.getBoundingClientRect() ?? null;
    useEditorStore.getState().setFlow({
      screenToFlow: (p) => flow.screenToFlowPosition(p, { snapToGrid: false }),
      viewCentre: () => {
        const r = bounds();
        return r
          ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 })
          : { x: 0, y: 0 };
      },
      bounds,
      fitView: () => {
        const right = useEditorStore.getState().reserveRight;
        void flow.fitView({
          padding: right > 0 ? { top: 0.06, bottom: 0.06, left: 0.06, right: `${right}px` } : 0.12,
          duration: 250,
        });
      },
      focusCanvas: () => wrapper.current?.focus({ preventScroll: true }),
      zoom: () => flow.getZoom(),
      panels: () =>
        [...(wrapper.current?.querySelectorAll<HTMLElement>('.react-flow__panel') ?? [])]
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && r.height > 0),
      focusNode: (id) => {
        useUiStore.setState({ selectedId: id });
        void flow.fitView({ nodes: [{ id }], padding: 0.6, maxZoom: 1.2, duration: 300 });
        requestAnimationFrame(() =>
          wrapper.current
            ?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
            ?.focus(),
        );
      },
      selectNodes: (ids) => setPendingSelection(new Set(ids)),
      viewportElement: () =>
        wrapper.current?.querySelector<HTMLElement>('.react-flow__viewport') ?? null,
      nodeSizes: () => {
        const out = new Map<string, { width: number; height: number }>();
        for (const n of flow.getNodes())
          if (n.measured?.width && n.measured.height)
            out.set(n.id, { width: n.measured.width, height: n.measured.height });
        return out;
      },
    });
    return () => useEditorStore.getState().setFlow(null);
  }, [flow]);
  useEffect(() => () => useEditorStore.getState().setSelection([], []), [scene]);

  // Opening or folding the editing column changes the canvas's width: fit the diagram again.
  const editorOpen = useUiStore((s) => s.editorOpen);
  const refitPending = useRef(false);
  const [firstOpen] = useState(editorOpen);
  useEffect(() => {
    if (editorOpen === firstOpen && !refitPending.current) return;
    refitPending.current = true;
    // Fallback when the width did not change (a layout without the column).
    const id = setTimeout(() => {
      if (!refitPending.current) return;
      refitPending.current = false;
      void flow.fitView({ padding: 0.12, duration: still ? 0 : 200 });
    }, 250);
    return () => clearTimeout(id);
  }, [editorOpen, firstOpen, flow, still]);
  useEffect(() => {
    if (!refitPending.current || presenting) return;
    refitPending.current = false;
    const id = requestAnimationFrame(
      () => void flow.fitView({ padding: 0.12, duration: still ? 0 : 200 }),
    );
    return () => cancelAnimationFrame(id);
  }, [paneWidth, flow, still, presenting]);

  // When what had focus goes away (a deleted node, a closed form after Esc), focus lands on
  // the canvas instead of the page's <body>.
  useEffect(() => {
    const onFocusOut = (e: FocusEvent) => {
      const gone = e.target as HTMLElement | null;
      if (e.relatedTarget) return;
      requestAnimationFrame(() => {
        if (gone?.isConnected || document.activeElement !== document.body) return;
        if (document.querySelector('dialog[open]')) return;
        wrapper.current?.focus({ preventScroll: true });
      });
    };
    document.addEventListener('focusout', onFocusOut);
    return () => document.removeEventListener('focusout', onFocusOut);
  }, []);

  // ——— keyboard: Ctrl/Cmd+A, Delete on a focused connection, C to connect ———
  const connecting = useEditorStore((s) => s.connecting);
  const reserveRight = useEditorStore((s) => s.reserveRight);
  const fitOptions = useMemo(
    () => ({
      padding:
        reserveRight > 0
          ? { top: 0.06, bottom: 0.06, left: 0.06, right: `${reserveRight}px` as const }
          : 0.12,
    }),
    [reserveRight],
  );
  const centres = useCallback((): Centre[] => {
    const out: Centre[] = [];
    for (const n of flow.getNodes()) {
      if (n.type === 'server') continue;
      const internal = flow.getInternalNode(n.id);
      if (!internal) continue;
      const p = internal.internals.positionAbsolute;
      out.push({
        id: n.id,
        x: p.x + (n.measured?.width ?? SCENE_W) / 2,
        y: p.y + (n.measured?.height ?? SCENE_H) / 2,
      });
    }
    return out;
  }, [flow]);
  const startConnecting = useCallback(
    (source: string) => {
      const all = centres();
      const from = all.find((c) => c.id === source);
      if (!from) return;
      const target = nearest(from, all.filter((c) => c.id !== source)) ?? null;
      useEditorStore.getState().setConnecting({ source, target });
      const tr = t;
      const name = (id: string | null) => (id ? (names.get(id) ?? id) : '');
      useEditorStore.getState().announce(
        target
          ? tr('editor.connect.started', { from: name(source), to: name(target) })
          : tr('editor.connect.noTarget'),
      );
    },
    [centres, names, t],
  );
  useEffect(() => {
    useEditorStore.getState().setConnecting(null);
  }, [scene]);
  // A new environment is framed as a first mount frames it (the `fitView` prop), once its
  // nodes are measured: React Flow holds a fitView until then. Presenting, the presenter's
  // camera frames it instead (usePresenterFit).
  const fitFor = useRef(scene);
  useEffect(() => {
    if (fitFor.current === scene) return;
    fitFor.current = scene;
    if (!useUiStore.getState().presenting) void flow.fitView(fitOptions);
  }, [scene, flow, fitOptions]);

  const onKeyDownCapture = useCallback(
    (e: React.KeyboardEvent<HTMLDivElement>) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const editor = useEditorStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      const name = (id: string) => names.get(id) ?? id;
      if (editor.connecting) {
        const c = editor.connecting;
        const dir = directionOfKey(e.key);
        if (dir) {
          e.preventDefault();
          e.stopPropagation();
          const all = centres().filter((x) => x.id !== c.source);
          const from = centres().find((x) => x.id === (c.target ?? c.source));
          const next = from ? pickInDirection(from, dir, all) : undefined;
          if (next && next !== c.target) {
            editor.setConnecting({ ...c, target: next });
            editor.announce(t('editor.connect.target', { to: name(next) }));
          }
          return;
        }
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          editor.setConnecting(null);
          if (c.target) connectNodes(c.source, c.target);
          return;
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          editor.setConnecting(null);
          editor.announce(t('editor.connect.cancelled'));
          return;
        }
      }
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        e.stopPropagation();
        // Every node exists already: select them in this update (the pending selection is for
        // nodes the document has not added yet).
        setNodes((prev) => prev.map((n) => (n.selected ? n : { ...n, selected: true })));
        editor.announce(t('editor.connect.selectedAll', { count: flow.getNodes().length }));
        return;
      }
      const edgeEl = target.closest<SVGElement>('.react-flow__edge');
      if (edgeEl && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        e.stopPropagation();
        const id = edgeEl.dataset.id;
        if (!id) return;
        // The next connection (or the canvas) gets the focus, so Delete can be pressed again.
        const all = [...(wrapper.current?.querySelectorAll<SVGElement>('.react-flow__edge') ?? [])];
        const i = all.indexOf(edgeEl);
        const nextId = (all[i + 1] ?? all[i - 1])?.dataset.id;
        useDocumentStore.getState().removeEdges(scene, [id]);
        editor.announce(t('editor.status.deleted', { count: 1 }));
        requestAnimationFrame(() => {
          const nextEl = nextId
            ? wrapper.current?.querySelector<SVGElement>(
                `.react-flow__edge[data-id="${CSS.escape(nextId)}"]`,
              )
            : null;
          (nextEl ?? wrapper.current)?.focus({ preventScroll: true });
        });
        return;
      }
      if (!mod && !e.altKey && e.key.toLowerCase() === 'c' && !presenting) {
        const nodeEl = target.closest<HTMLElement>('.react-flow__node');
        const sel = editor.selectedNodes;
        const source = nodeEl?.dataset.id ?? (sel.length === 1 ? sel[0] : undefined);
        if (!source || flow.getNode(source)?.type === 'server') return;
        e.preventDefault();
        e.stopPropagation();
        startConnecting(source);
      }
    },
    [centres, flow, names, presenting, scene, startConnecting, t],
  );
  const onNodeClick = useCallback((_: unknown, node: FlowNode) => {
    const c = useEditorStore.getState().connecting;
    if (!c || node.id === c.source) return;
    useEditorStore.getState().setConnecting(null);
    if (node.type !== 'server') connectNodes(c.source, node.id);
  }, []);
  const onPaneClick = useCallback(() => {
    if (useEditorStore.getState().connecting) useEditorStore.getState().setConnecting(null);
    wrapper.current?.focus({ preventScroll: true });
  }, []);
  // A click on a node's arrow starts connecting from it (the next node clicked is the target).
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const onClick = (e: MouseEvent) => {
      const arrow = (e.target as HTMLElement).closest<HTMLElement>('.pv-arrow');
      const id = arrow?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      if (!id) return;
      e.stopPropagation();
      startConnecting(id);
    };
    el.addEventListener('click', onClick, true);
    return () => el.removeEventListener('click', onClick, true);
  }, [startConnecting]);

  return (
    <ReactFlow<FlowNode>
      ref={wrapper}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onSelectionChange={onSelectionChange}
      onBeforeDelete={onBeforeDelete}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      onKeyDownCapture={onKeyDownCapture}
      tabIndex={-1}
      className={connecting ? 'is-connecting' : undefined}
      connectOnClick={false}
      isValidConnection={isValidConnection}
      nodesConnectable={!presenting}
      nodesDraggable={!presenting}
      deleteKeyCode={DELETE_KEYS}
      multiSelectionKeyCode={MULTI_KEYS}
      snapToGrid={snap}
      snapGrid={SNAP_GRID}
      edgesFocusable={!presenting}
      nodesFocusable={!presenting}
      fitView
      fitViewOptions={fitOptions}
      minZoom={0.2}
      maxZoom={2.5}
      colorMode={theme}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{
        'node.a11yDescription.default': t('editor.connect.nodeHelp'),
        'node.a11yDescription.keyboardDisabled': t('canvas.a11y.nodeNoKeyboard'),
        'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
          t('canvas.a11y.moved', { direction, x, y }),
        'edge.a11yDescription.default': t('editor.connect.edgeHelp'),
        'controls.ariaLabel': t('canvas.controls'),
        'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
        'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
        'controls.fitView.ariaLabel': t('canvas.fitView'),
        'controls.interactive.ariaLabel': t('canvas.lock'),
        'minimap.ariaLabel': t('canvas.minimap'),
      }}
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1.5} />
      <MiniMap<FlowNode>
        style={{ width: 160, height: 110 }}
        pannable
        zoomable
        nodeColor={(n) =>
          n.type === 'server'
            ? 'transparent'
            : (MINIMAP_COLORS[CATALOG[n.data.kind].tier] ?? '#64748b')
        }
        nodeStrokeColor={(n) => (n.type === 'server' ? '#94a3b8' : 'transparent')}
      />
      <Controls showInteractive={false} />
      <PacketLayer />
      <TraceHighlight />
      {!flowReady && <ReadySignal wrapper={wrapper} />}
    </ReactFlow>
  );
}

import { useCallback, useMemo, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  type NodeChange,
  type NodeTypes,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { ComponentNode } from './ComponentNode';
import { PacketLayer } from './PacketLayer';
import { ServerNode } from './ServerNode';
import { toFlowEdges, toFlowNodes } from './flowModel';
import type { FlowNode } from './nodeData';

// Defined once at module scope: an inline object would remount every node on each render.
const nodeTypes: NodeTypes = { component: ComponentNode, server: ServerNode };

const MINIMAP_COLORS: Record<string, string> = {
  edge: '#2563eb',
  web: '#059669',
  app: '#7c3aed',
  data: '#d97706',
};

export function Canvas() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const theme = useUiStore((s) => s.theme);
  const select = useUiStore((s) => s.select);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const moveNode = useDocumentStore((s) => s.moveNode);

  // React Flow owns the nodes while they are dragged; the document store gets the final
  // position when a drag ends, so the document changes once per drag, not per frame.
  const selectedId = useUiStore((s) => s.selectedId);
  const [nodes, setNodes] = useState<FlowNode[]>(() => toFlowNodes(topology, t, selectedId));
  // When the document, the language or the selection changes, rebuild the flow nodes during
  // render (React's "adjust state when a prop changes" pattern), keeping measured sizes.
  const [source, setSource] = useState({ topology, t, selectedId });
  if (source.topology !== topology || source.t !== t || source.selectedId !== selectedId) {
    setSource({ topology, t, selectedId });
    setNodes((prev) => {
      const measured = new Map(prev.map((n) => [n.id, n.measured]));
      return toFlowNodes(topology, t, selectedId).map((n) => {
        const m = measured.get(n.id);
        return m ? { ...n, measured: m } : n;
      });
    });
  }

  const names = useMemo(() => new Map(nodes.map((n) => [n.id, n.data.name])), [nodes]);
  const edges = useMemo(() => toFlowEdges(topology, names), [topology, names]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => setNodes((nds) => applyNodeChanges(changes, nds)),
    [],
  );
  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      for (const n of dragged) moveNode(scene, n.id, n.position);
    },
    [moveNode, scene],
  );
  const onSelectionChange = useCallback(
    ({ nodes: sel }: OnSelectionChangeParams) => {
      const id = sel.length === 1 ? (sel[0]?.id ?? null) : null;
      if (useUiStore.getState().selectedId !== id) select(id);
    },
    [select],
  );

  return (
    <ReactFlow<FlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onSelectionChange={onSelectionChange}
      nodesConnectable={false}
      edgesFocusable={false}
      fitView
      fitViewOptions={{ padding: 0.12 }}
      minZoom={0.2}
      maxZoom={2.5}
      colorMode={theme}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{
        'node.a11yDescription.default': t('canvas.a11y.node'),
        'node.a11yDescription.keyboardDisabled': t('canvas.a11y.nodeNoKeyboard'),
        'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
          t('canvas.a11y.moved', { direction, x, y }),
        'edge.a11yDescription.default': t('canvas.a11y.edge'),
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
          n.type === 'server' ? 'transparent' : (MINIMAP_COLORS[CATALOG[n.data.kind].tier] ?? '#64748b')
        }
        nodeStrokeColor={(n) => (n.type === 'server' ? '#94a3b8' : 'transparent')}
      />
      <Controls showInteractive={false} />
      <PacketLayer />
    </ReactFlow>
  );
}

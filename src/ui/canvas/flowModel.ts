// Types only: this module is in the initial script (nodeName), React Flow is not.
import type { Edge, MarkerType } from '@xyflow/react';
import type { TFn, TKey } from '../../i18n';
import { CATALOG } from '../../core/catalog/catalog';
import type { TopoNode, Topology, XY } from '../../core/topology/types';
import { absolutePosition } from '../../core/topology/graph';
import { SCENE_LAYOUT } from '../../core/topology/scenes';
import type { FlowNode } from './nodeData';
import { SERVER_BOX } from './geometry';

/** The visible name of a node: the user's label, else the scene's label key, else the catalog name. */
export function nodeName(node: TopoNode, t: TFn): string {
  if (node.label) return node.label;
  if (node.labelKey) return t(node.labelKey as TKey, node.labelArgs);
  return t(`catalog.${node.kind}.name`);
}

/** React Flow wants parents before their children. */
function parentsFirst(nodes: readonly TopoNode[]): TopoNode[] {
  const parents = nodes.filter((n) => !n.parentId);
  const children = nodes.filter((n) => n.parentId);
  return [...parents, ...children];
}

export function toFlowNodes(topology: Topology, t: TFn, selectedId: string | null): FlowNode[] {
  return parentsFirst(topology.nodes).map((n): FlowNode => {
    const name = nodeName(n, t);
    const common = {
      id: n.id,
      position: { x: n.position.x, y: n.position.y },
      selected: n.id === selectedId,
      ariaLabel: name,
      domAttributes: { 'data-kind': n.kind } as Record<string, string>,
      ...(n.parentId ? { parentId: n.parentId } : {}),
    };
    if (n.kind === 'server') {
      const cap = CATALOG.server.capacity;
      return {
        ...common,
        type: 'server',
        width: n.size?.width ?? SERVER_BOX.width,
        height: n.size?.height ?? SERVER_BOX.height,
        zIndex: -1,
        data: {
          kind: 'server',
          name,
          cores: n.params?.cores ?? cap.cores ?? 2,
          memoryMb: n.params?.memoryMb ?? cap.memoryMb ?? 4096,
        },
      };
    }
    return { ...common, type: 'component', data: { kind: n.kind, name } };
  });
}

/**
 * Which handles an edge uses: left-to-right along the request path, or top-to-bottom when
 * the target sits below the source in the same column (NGINX → static files, Gunicorn → Django).
 */
function handlesFor(topology: Topology, source: string, target: string) {
  const a = absolutePosition(topology, source);
  const b = absolutePosition(topology, target);
  const sameColumn = (p: XY) => a !== undefined && Math.abs(p.x - a.x) < SCENE_LAYOUT.nodeWidth / 2;
  if (a && b && sameColumn(b) && b.y > a.y) {
    // A node in between (NGINX → static → media)? Then go round it on the left, not through it.
    const between = topology.nodes.some((n) => {
      if (n.id === source || n.id === target || n.kind === 'server') return false;
      const p = absolutePosition(topology, n.id);
      return p !== undefined && sameColumn(p) && p.y > a.y && p.y < b.y;
    });
    return between
      ? { sourceHandle: 'sl', targetHandle: 'l', type: 'smoothstep' }
      : { sourceHandle: 'b', targetHandle: 't' };
  }
  return { sourceHandle: 'r', targetHandle: 'l' };
}

export function toFlowEdges(topology: Topology, names: ReadonlyMap<string, string>): Edge[] {
  return topology.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: 'default',
    ...handlesFor(topology, e.source, e.target),
    className: 'pv-edge',
    ariaLabel: `${names.get(e.source) ?? e.source} → ${names.get(e.target) ?? e.target}`,
    markerEnd: { type: 'arrowclosed' as MarkerType.ArrowClosed, width: 18, height: 18 },
    focusable: true,
  }));
}

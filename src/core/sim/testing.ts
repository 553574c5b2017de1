/** Small topologies for the simulation's tests and benchmarks (not scenes). */
import type { ComponentKind } from '../catalog/catalog';
import type { TopoEdge, TopoNode, Topology } from '../topology/types';
import type { SimNodeParams } from './types';

export function n(id: string, kind: ComponentKind, params?: SimNodeParams, parentId?: string): TopoNode {
  const node: TopoNode = { id, kind, position: { x: 0, y: 0 } };
  if (params) node.params = params;
  if (parentId !== undefined) node.parentId = parentId;
  return node;
}

export function e(source: string, target: string): TopoEdge {
  return { id: `${source}->${target}`, source, target };
}

export function topo(nodes: TopoNode[], edges: TopoEdge[]): Topology {
  return { nodes, edges };
}

/** user → nginx → 2 × (gunicorn → django) → postgres + redis, nginx → static + media, on server boxes. */
export function productionLike(): Topology {
  return topo(
    [
      n('user', 'user'),
      n('web', 'server', { cores: 2 }),
      n('nginx', 'nginx', undefined, 'web'),
      n('static', 'static', undefined, 'web'),
      n('media', 'media', undefined, 'web'),
      n('app1', 'server', { cores: 2 }),
      n('g1', 'gunicorn', { workers: 5 }, 'app1'),
      n('d1', 'django', undefined, 'app1'),
      n('app2', 'server', { cores: 2 }),
      n('g2', 'gunicorn', { workers: 5 }, 'app2'),
      n('d2', 'django', undefined, 'app2'),
      n('db', 'server', { cores: 4 }),
      n('pg', 'postgres', undefined, 'db'),
      n('redis', 'redis', undefined, 'db'),
    ],
    [
      e('user', 'nginx'),
      e('nginx', 'static'),
      e('nginx', 'media'),
      e('nginx', 'g1'),
      e('nginx', 'g2'),
      e('g1', 'd1'),
      e('g2', 'd2'),
      e('d1', 'pg'),
      e('d1', 'redis'),
      e('d2', 'pg'),
      e('d2', 'redis'),
      e('d1', 'media'),
      e('d2', 'media'),
    ],
  );
}

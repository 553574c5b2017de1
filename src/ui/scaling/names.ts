import type { Topology } from '../../core/topology/types';
import type { TFn } from '../../i18n';
import { nodeName } from '../canvas/flowModel';

/** A node's name with its server box in front ("App server 2 · Gunicorn"), so equal processes are told apart. */
export function fullName(topology: Topology, id: string, t: TFn): string {
  const node = topology.nodes.find((n) => n.id === id);
  if (!node) return id;
  const box = node.parentId !== undefined ? topology.nodes.find((n) => n.id === node.parentId) : undefined;
  return box ? `${nodeName(box, t)} · ${nodeName(node, t)}` : nodeName(node, t);
}

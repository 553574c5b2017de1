import { create } from 'zustand';
import { SCENES, cloneTopology } from '../core/topology/scenes';
import type { NodeParams, SceneId, Topology, XY } from '../core/topology/types';
import { SCENE_IDS } from '../core/topology/types';

/** The architectures being looked at: one editable topology per scene. */
export interface DocumentState {
  topologies: Record<SceneId, Topology>;
  moveNode: (scene: SceneId, id: string, position: XY) => void;
  /** Replaces a scene's whole topology (scaling, lessons, imports build the new one in core). */
  replaceTopology: (scene: SceneId, topology: Topology) => void;
  /** Merges parameters into one node (workers, cores, up, weight, …). */
  setNodeParams: (scene: SceneId, id: string, params: Partial<NodeParams>) => void;
  resetScene: (scene: SceneId) => void;
}

function freshTopologies(): Record<SceneId, Topology> {
  const out = {} as Record<SceneId, Topology>;
  for (const id of SCENE_IDS) out[id] = cloneTopology(SCENES[id].topology);
  return out;
}

export const useDocumentStore = create<DocumentState>((set) => ({
  topologies: freshTopologies(),
  moveNode: (scene, id, position) =>
    set((s) => {
      const topo = s.topologies[scene];
      const i = topo.nodes.findIndex((n) => n.id === id);
      const node = topo.nodes[i];
      if (!node || (node.position.x === position.x && node.position.y === position.y)) return s;
      const nodes = topo.nodes.slice();
      // Replace only the moved node so every other node keeps its identity (and does not re-render).
      nodes[i] = { ...node, position: { x: position.x, y: position.y } };
      return { topologies: { ...s.topologies, [scene]: { ...topo, nodes } } };
    }),
  replaceTopology: (scene, topology) =>
    set((s) => ({ topologies: { ...s.topologies, [scene]: topology } })),
  setNodeParams: (scene, id, params) =>
    set((s) => {
      const topo = s.topologies[scene];
      const i = topo.nodes.findIndex((n) => n.id === id);
      const node = topo.nodes[i];
      if (!node) return s;
      const nodes = topo.nodes.slice();
      nodes[i] = { ...node, params: { ...node.params, ...params } };
      return { topologies: { ...s.topologies, [scene]: { ...topo, nodes } } };
    }),
  resetScene: (scene) =>
    set((s) => ({
      topologies: { ...s.topologies, [scene]: cloneTopology(SCENES[scene].topology) },
    })),
}));

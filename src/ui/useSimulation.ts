import { useEffect, useRef } from 'react';
import { useDocumentStore } from '../state/documentStore';
import { attachTopology, startLoop } from '../state/simStore';
import { useUiStore } from '../state/uiStore';

/** Keeps the engine on the architecture on screen and runs the animation-frame loop. */
export function useSimulation() {
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const lastScene = useRef<string | null>(null);

  useEffect(() => {
    attachTopology(topology, lastScene.current !== scene);
    lastScene.current = scene;
  }, [scene, topology]);

  useEffect(() => startLoop(), []);
}

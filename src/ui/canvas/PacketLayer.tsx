/**
 * The packet layer: one <canvas> over the React Flow pane that draws every request and
 * response in flight, once per animation frame, from the engine's transit list. React renders
 * this component only when the pane is resized or the language / motion setting changes;
 * the per-frame work happens in an onFrame subscription (see packets/renderer.ts).
 */
import { useEffect, useRef } from 'react';
import { useStore, useStoreApi } from '@xyflow/react';
import { onFrame } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { drawStats, installBenchHook } from '../benchHook';
import { useT } from '../useT';
import { PacketLegend } from './packets/PacketLegend';
import type { PacketRenderer } from './packets/renderer';
import { prefersReducedMotion, usePrefersReducedMotion } from './packets/reducedMotion';
import './packets.css';

export function PacketLayer() {
  const t = useT();
  const store = useStoreApi();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const animations = useUiStore((s) => s.animations);
  const reduced = usePrefersReducedMotion();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<PacketRenderer | null>(null);
  const refused = t('packets.refused');
  const refusedRef = useRef(refused);

  useEffect(() => {
    refusedRef.current = refused;
  }, [refused]);

  useEffect(() => installBenchHook(), []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // The drawing code loads after first paint (nothing is in flight before the engine runs).
    let stopped = false;
    let stop = () => {};
    void import('./packets/renderer').then(({ PacketRenderer }) => {
      if (stopped) return;
      const renderer = new PacketRenderer(canvas, store, {
        theme: () => useUiStore.getState().theme,
        still: () => prefersReducedMotion() || !useUiStore.getState().animations,
        refused: () => refusedRef.current,
      });
      rendererRef.current = renderer;
      const s = store.getState();
      renderer.resize(s.width, s.height, window.devicePixelRatio || 1);
      const offStore = store.subscribe((next, prev) => {
        if (
          next.nodes !== prev.nodes ||
          next.edges !== prev.edges ||
          next.nodeLookup !== prev.nodeLookup
        ) {
          renderer.layoutChanged();
        }
      });
      const offFrame = onFrame((engine) => {
        if (!drawStats.enabled) return;
        const t0 = performance.now();
        renderer.frame(engine);
        drawStats.ms += performance.now() - t0;
        drawStats.frames++;
      });
      stop = () => {
        offFrame();
        offStore();
      };
    });
    return () => {
      stopped = true;
      stop();
      rendererRef.current = null;
    };
  }, [store]);

  useEffect(() => {
    rendererRef.current?.resize(width, height, window.devicePixelRatio || 1);
  }, [width, height]);

  return (
    <>
      <canvas ref={canvasRef} className="pv-packets" style={{ width, height }} aria-hidden="true" />
      <PacketLegend still={reduced || !animations} />
    </>
  );
}

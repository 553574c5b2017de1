/**
 * The packet layer: one <canvas> over the React Flow pane showing every request and response
 * in flight. Where the browser allows, the canvas goes to the engine's worker, which draws
 * after each frame it advances (packets/workerDrawer.ts); otherwise the page draws it from
 * the frames' packed transits. React renders this component only when the pane is resized or
 * the language / motion setting changes; the per-frame work is an onFrame subscription
 * (packets/driver.ts: it passes on what changed — view, layout — and, in the page, draws).
 */
import { useEffect, useRef, useState } from 'react';
import { useStore, useStoreApi } from '@xyflow/react';
import { configurePackets, onEngineFallback, onFrame, transferCanvas, useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { benchWanted, drawStats } from '../benchStats';
import { useT } from '../useT';
import { PacketLegend } from './packets/PacketLegend';
import type { PacketDriver } from './packets/driver';
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
  const driverRef = useRef<PacketDriver | null>(null);
  const refused = t('packets.refused');
  const refusedRef = useRef(refused);
  /** A new <canvas> when the worker failed after taking the old one (it then draws in the page). */
  const [canvasKey, setCanvasKey] = useState(0);

  useEffect(() => {
    refusedRef.current = refused;
  }, [refused]);

  useEffect(() => {
    // The benchmark's / tests' handle (window.__prodviz): loaded only when automation drives the page.
    if (!benchWanted()) return;
    let off: (() => void) | null = null;
    let gone = false;
    void import('../benchHook').then(({ installBenchHook }) => {
      if (!gone) off = installBenchHook();
    });
    return () => {
      gone = true;
      off?.();
    };
  }, []);

  useEffect(() => onEngineFallback(() => setCanvasKey((k) => k + 1)), []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const options = {
      theme: () => useUiStore.getState().theme,
      still: () => prefersReducedMotion() || !useUiStore.getState().animations,
      refused: () => refusedRef.current,
      on: () => drawStats.enabled,
      loads: () => useSimStore.getState().nodeLoad,
    };
    // The packets are drawn in the engine's worker where the browser can (OffscreenCanvas):
    // their raster and commit then never hold up the page. Otherwise the drawing code loads
    // after first paint (nothing is in flight before the engine runs) and draws here.
    let stopped = false;
    let stop = () => {};
    const start = (driver: PacketDriver, drawsHere: PacketRenderer | null) => {
      driverRef.current = driver;
      const s = store.getState();
      driver.resize(s.width, s.height, window.devicePixelRatio || 1);
      const offStore = store.subscribe((next, prev) => {
        if (next.nodes !== prev.nodes || next.edges !== prev.edges || next.nodeLookup !== prev.nodeLookup) driver.layoutChanged();
      });
      let seenFrame = -1;
      const offFrame = onFrame((engine) => {
        if (drawsHere === null) {
          driver.tick(engine);
          // The worker's drawing time rides on its frames.
          if (engine.drawn && engine.frameSeq !== seenFrame && drawStats.enabled) {
            seenFrame = engine.frameSeq;
            drawStats.ms += engine.drawMs;
            drawStats.frames++;
          }
          return;
        }
        const t0 = performance.now();
        driver.tick(engine);
        if (!drawStats.enabled) return;
        drawStats.ms += performance.now() - t0;
        drawStats.frames++;
      });
      stop = () => {
        offFrame();
        offStore();
      };
    };
    const inWorker = transferCanvas(canvas);
    void Promise.all([import('./packets/driver'), inWorker ? null : import('./packets/renderer')]).then(([{ PacketDriver: Driver }, mod]) => {
      if (stopped) return;
      if (mod === null) {
        start(new Driver(store, options, { kind: 'worker', configure: configurePackets }), null);
        return;
      }
      const renderer = new mod.PacketRenderer(canvas);
      start(new Driver(store, options, { kind: 'page', renderer }), renderer);
    });
    return () => {
      stopped = true;
      stop();
      driverRef.current = null;
    };
  }, [store, canvasKey]);

  useEffect(() => {
    driverRef.current?.resize(width, height, window.devicePixelRatio || 1);
  }, [width, height]);

  return (
    <>
      <canvas key={canvasKey} ref={canvasRef} className="pv-packets" style={{ width, height }} aria-hidden="true" />
      <PacketLegend still={reduced || !animations} />
    </>
  );
}

import { lazy, Suspense, useEffect, useRef } from 'react';
import { useT } from './useT';
import { useStill } from './motion';
import { useUiStore } from '../state/uiStore';
import { loadCanvas } from './canvas/loadCanvas';
import { StaticDiagram } from './canvas/StaticDiagram';
import { useFlowWake } from './canvas/flowWake';
import { EnvironmentTabs, CANVAS_PANEL_ID } from './EnvironmentTabs';
import { SidePanel } from './panels/SidePanel';
import { EventLog } from './panels/EventLog';
import { Metrics } from './panels/Metrics';
import { Transport } from './panels/Transport';
import { TraceButton } from './panels/TraceButton';
import { useTraceStore } from '../state/traceStore';

// The diagram is its own chunk (React Flow and d3): the frame, toolbar and side panel paint first.
const CanvasRoot = lazy(loadCanvas);
const TracePanel = lazy(() => import('./panels/TracePanel').then((m) => ({ default: m.TracePanel })));
import { useShortcuts } from './useShortcuts';
import { TopBarControls } from './TopBarControls';
import { ClassroomMount } from './classroom/ClassroomMount';
import { HelpMount } from './help/HelpMount';
import { WelcomeMount } from './welcome/WelcomeMount';
import { LiveMount } from './live/LiveMount';
import { EditorColumn } from './editor/EditorColumn';
import { EditorNotices } from './editor/EditorNotices';
import { useUrlSync } from './useUrlSync';
import { useSimulation } from './useSimulation';
import { ErrorBoundary } from './errors/ErrorBoundary';
import { ReplaceDialog } from './errors/ReplaceDialog';

export function App() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const presenting = useUiStore((s) => s.presenting);
  const theme = useUiStore((s) => s.theme);
  const still = useStill();
  const traceOpen = useTraceStore((s) => s.open);
  // The diagram is first drawn without React Flow; React Flow takes over at the first input or
  // need (canvas/flowWake.ts, installed by main.tsx), mounting hidden under the static view
  // until it is fitted.
  const woken = useFlowWake((s) => s.woken);
  const flowReady = useFlowWake((s) => s.ready);
  useUrlSync();
  useSimulation();
  useShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Switching environment slides the new diagram in. The diagram stays mounted across scenes
  // (remounting React Flow costs a slow laptop a few hundred milliseconds), so the wrapper's
  // CSS entrance (styles.css, pv-scene-in) is played again from its start.
  const canvasAnim = useRef<HTMLDivElement>(null);
  const animatedScene = useRef(scene);
  useEffect(() => {
    if (animatedScene.current === scene) return;
    animatedScene.current = scene;
    // With motion reduced or off the wrapper has no entrance animation: nothing to play.
    for (const a of canvasAnim.current?.getAnimations() ?? []) {
      if (!(a instanceof CSSAnimation) || a.animationName !== 'pv-scene-in') continue;
      a.currentTime = 0;
      a.play();
    }
  }, [scene]);

  return (
    <>
      <div className={`app${presenting ? ' presenting' : ''}`}>
        <header className="topbar">
          <div className="brand">
            <svg viewBox="0 0 32 32" width="30" height="30" aria-hidden="true">
              <rect width="32" height="32" rx="7" fill="var(--accent)" />
              <circle cx="8" cy="16" r="3.5" fill="#fff" />
              <circle cx="24" cy="9" r="3.5" fill="#fff" />
              <circle cx="24" cy="23" r="3.5" fill="#fff" />
              <path
                d="M11 15l10-5M11 17l10 5"
                stroke="#fff"
                strokeWidth="2.2"
                strokeLinecap="round"
              />
            </svg>
            <h1 className="brand__name">{t('app.title')}</h1>
          </div>
          <nav className="topbar__tabs" aria-label={t('app.environments')}>
            <EnvironmentTabs />
          </nav>
          <TopBarControls />
        </header>
        <div className="toolbar" role="region" aria-label={t('sim.transport')}>
          <ErrorBoundary area="toolbar">
            <div className="toolbar__left">
              <Transport />
              <TraceButton />
            </div>
            <Metrics />
          </ErrorBoundary>
        </div>
        <main className="workspace">
          <ErrorBoundary area="editor">
            <EditorColumn />
          </ErrorBoundary>
          <div
            id={CANVAS_PANEL_ID}
            role="tabpanel"
            aria-labelledby={`tab-${scene}`}
            className="canvas-wrap"
          >
            <ErrorBoundary area="editor">
              <EditorNotices />
            </ErrorBoundary>
            <div
              ref={canvasAnim}
              className={`canvas-anim${still ? '' : ' canvas-anim--enter'}${woken && !flowReady ? ' is-waking' : ''}`}
            >
              {woken && (
                <ErrorBoundary area="canvas" resetKey={scene}>
                  <Suspense fallback={null}>
                    <CanvasRoot />
                  </Suspense>
                </ErrorBoundary>
              )}
              {/* The same element before and after React Flow starts mounting, so whatever
                  had the focus in it keeps it until React Flow's node takes it over. */}
              {!flowReady && <StaticDiagram woken={woken} />}
            </div>
          </div>
          <aside className="sidepanel" aria-label={t('app.sidePanel')}>
            {traceOpen ? (
              <div className="sidepanel__trace">
                <ErrorBoundary area="panel">
                  <Suspense fallback={null}>
                    <TracePanel />
                  </Suspense>
                </ErrorBoundary>
              </div>
            ) : (
              <SidePanel />
            )}
            <ErrorBoundary area="log">
              <EventLog />
            </ErrorBoundary>
          </aside>
        </main>
        <ErrorBoundary area="classroom">
          <ClassroomMount />
        </ErrorBoundary>
        <ErrorBoundary area="classroom">
          <HelpMount />
        </ErrorBoundary>
        <ErrorBoundary area="classroom">
          <WelcomeMount />
        </ErrorBoundary>
        <ErrorBoundary area="classroom">
          <LiveMount />
        </ErrorBoundary>
        <ErrorBoundary area="editor">
          <ReplaceDialog />
        </ErrorBoundary>
      </div>
    </>
  );
}

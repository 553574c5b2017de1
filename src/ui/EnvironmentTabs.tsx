import { useRef, type KeyboardEvent } from 'react';
import { useT } from './useT';
import { SCENE_IDS, type SceneId } from '../core/topology/types';
import { useUiStore } from '../state/uiStore';
import './EnvironmentTabs.css';

export const CANVAS_PANEL_ID = 'scene-panel';

/** The promotion path Local → Development → Staging → Production → Real world, as tabs. */
export function EnvironmentTabs() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const setScene = useUiStore((s) => s.setScene);
  const refs = useRef<Partial<Record<SceneId, HTMLButtonElement | null>>>({});

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = SCENE_IDS.indexOf(scene);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % SCENE_IDS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + SCENE_IDS.length) % SCENE_IDS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = SCENE_IDS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const id = SCENE_IDS[next] as SceneId;
    setScene(id);
    refs.current[id]?.focus();
  };

  return (
    <div className="env-tabs" role="tablist" aria-label={t('app.environments')} onKeyDown={onKeyDown}>
      {SCENE_IDS.map((id, i) => (
        <div className="env-tabs__step" key={id}>
          {i > 0 && (
            <span className="env-tabs__arrow" aria-hidden="true">
              →
            </span>
          )}
          <button
            ref={(el) => {
              refs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={scene === id}
            aria-controls={CANVAS_PANEL_ID}
            tabIndex={scene === id ? 0 : -1}
            className="env-tabs__tab"
            aria-describedby={`tab-${id}-sub`}
            onClick={() => setScene(id)}
          >
            {t(`scenes.${id}.title`)}
          </button>
          {/* What the environment is for, under its name (the tab's description). */}
          <span id={`tab-${id}-sub`} className="env-tabs__sub">
            {t(`scenes.${id}.subtitle`)}
          </span>
        </div>
      ))}
    </div>
  );
}

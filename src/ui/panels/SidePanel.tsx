import { Suspense, useRef, type KeyboardEvent } from 'react';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { SIDE_PANELS } from './registry';
import { ErrorBoundary } from '../errors/ErrorBoundary';

/** The tabs of the side panel (Details, …) over the active panel. */
export function SidePanel() {
  const t = useT();
  const active = useUiStore((s) => s.sidePanel);
  const setActive = useUiStore((s) => s.setSidePanel);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = SIDE_PANELS.find((p) => p.id === active) ?? SIDE_PANELS[0];
  if (!current) return null;
  const Panel = current.Component;

  const onKeyDown = (e: KeyboardEvent) => {
    const i = SIDE_PANELS.findIndex((p) => p.id === current.id);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % SIDE_PANELS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + SIDE_PANELS.length) % SIDE_PANELS.length;
    if (next === null) return;
    e.preventDefault();
    const id = SIDE_PANELS[next]?.id;
    if (!id) return;
    setActive(id);
    refs.current[id]?.focus();
  };

  return (
    <>
      {(
        <div className="sidetabs" role="tablist" aria-label={t('panels.title')} onKeyDown={onKeyDown}>
          {SIDE_PANELS.map((p) => (
            <button
              key={p.id}
              ref={(el) => {
                refs.current[p.id] = el;
              }}
              type="button"
              role="tab"
              id={`sidetab-${p.id}`}
              aria-selected={p.id === current.id}
              aria-controls="sidepanel-body"
              tabIndex={p.id === current.id ? 0 : -1}
              className="sidetabs__tab"
              onClick={() => setActive(p.id)}
            >
              {t(p.labelKey)}
            </button>
          ))}
        </div>
      )}
      <div
        id="sidepanel-body"
        className="sidepanel__main"
        role="tabpanel"
        tabIndex={0}
        aria-labelledby={`sidetab-${current.id}`}
      >
        <ErrorBoundary area="panel" resetKey={current.id}>
          <Suspense fallback={<p className="panel-loading">{t('panels.loading')}</p>}>
            <Panel />
          </Suspense>
        </ErrorBoundary>
      </div>
    </>
  );
}

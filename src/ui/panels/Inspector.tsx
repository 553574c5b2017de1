import { lazy, Suspense, useState } from 'react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { Icon } from '../icons';
import { nodeName } from '../canvas/flowModel';
import { SceneInfo } from './SceneInfo';
import { ServiceTime } from './ServiceTime';

// Failure controls load with the ops code, after first paint.
const FailuresSection = lazy(() => import('../ops/FailuresSection'));
// "Use your own numbers": the access-log fit, loaded when asked for.
const LogImportDialog = lazy(() => import('../logs/LogImportDialog'));

/** Teaches about the selected node: what it does, why it is there, what breaks without it. */
export function Inspector() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const selectedId = useUiStore((s) => s.selectedId);
  const select = useUiStore((s) => s.select);
  const node = useDocumentStore((s) =>
    selectedId ? s.topologies[scene].nodes.find((n) => n.id === selectedId) : undefined,
  );
  const [logsOpen, setLogsOpen] = useState(false);

  if (!node) return <SceneInfo />;
  const entry = CATALOG[node.kind];
  const k = node.kind;
  return (
    <section className="inspector" aria-labelledby="inspector-title">
      <header className="inspector__head">
        <div className={`inspector__icon tier-${entry.tier}`}>
          <Icon name={entry.icon} size={36} />
        </div>
        <div>
          <h2 id="inspector-title">{nodeName(node, t)}</h2>
          <p className="inspector__role">{t(`catalog.${k}.role`)}</p>
        </div>
        <button type="button" className="btn btn--ghost inspector__close" onClick={() => select(null)}>
          {t('inspector.close')}
        </button>
      </header>
      <dl className="inspector__facts">
        {entry.port !== undefined && (
          <>
            <dt>{t('inspector.port')}</dt>
            <dd>{entry.port}</dd>
          </>
        )}
        {entry.command && (
          <>
            <dt>{t('inspector.inRealLife')}</dt>
            <dd>
              <code>{entry.command}</code>
            </dd>
          </>
        )}
      </dl>
      <ServiceTime node={node} />
      <Suspense fallback={null}>
        <FailuresSection node={node} />
      </Suspense>
      {(k === 'django' || k === 'gunicorn') && (
        <p>
          <button type="button" className="btn" onClick={() => setLogsOpen(true)}>
            {t('logs.open')}
          </button>
        </p>
      )}
      {logsOpen && (
        <Suspense fallback={null}>
          <LogImportDialog onClose={() => setLogsOpen(false)} />
        </Suspense>
      )}
      <h3>{t('inspector.what')}</h3>
      <p>{t(`catalog.${k}.what`)}</p>
      <h3>{t('inspector.why')}</h3>
      <p>{t(`catalog.${k}.why`)}</p>
      <h3>{t('inspector.without')}</h3>
      <p>{t(`catalog.${k}.without`)}</p>
    </section>
  );
}

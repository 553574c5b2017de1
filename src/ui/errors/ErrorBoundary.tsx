/**
 * Error boundaries: around the app, the canvas, each side panel, the event log, the editing
 * column and the classroom. A rendering error shows, in place of the part that broke, a
 * message in the user's language with "Download this document", "Reset this scene" and
 * "Report" (copies the diagnostic text); everything outside keeps working.
 *
 * A saved document that crashes the page as it loads is set aside (downloadable, like a save
 * that does not read) and its scene starts from its preset: the boundary then simply retries.
 * A chunk that failed to load (a redeploy) shows "a newer version is available — reload".
 */
import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { serializeDocument } from '../../core/export/document';
import { translator, type TKey } from '../../i18n';
import { setAsideIfJustLoaded, useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { applyUpdate } from '../classroom/updateHandle';
import { useT } from '../useT';
import { isChunkLoadError, markStale } from './chunk';
import { crashSpec } from './crashProbe';
import { diagnosticText } from './diagnostics';
import './errors.css';

export type Area = 'app' | 'canvas' | 'panel' | 'log' | 'editor' | 'classroom' | 'toolbar';

interface Props {
  area: Area;
  children: ReactNode;
  /** When this changes, a boundary showing an error tries its children again. */
  resetKey?: unknown;
}

interface State {
  error: unknown;
  componentStack: string | null;
  /** How many times the children were retried after a set-aside (never loops). */
  retried: number;
}

function Probe({ area }: { area: Area }) {
  const spec = crashSpec(area);
  const scene = useUiStore((s) => s.scene);
  const hasNode = useDocumentStore((s) =>
    spec?.nodeId === undefined ? true : s.topologies[scene].nodes.some((n) => n.id === spec.nodeId),
  );
  if (spec && hasNode) throw new Error(`test crash in ${area}`);
  return null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: null, retried: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    if (isChunkLoadError(error)) {
      markStale();
      return;
    }
    const { area } = this.props;
    if ((area === 'canvas' || area === 'app') && this.state.retried === 0) {
      const scene = useUiStore.getState().scene;
      if (setAsideIfJustLoaded(scene)) {
        const t = translator(useUiStore.getState().lang);
        void import('../editor/editorStore').then(({ useEditorStore }) =>
          useEditorStore.getState().fail(t('robust.boundary.setAside', { scene: t(`scenes.${scene}.title` as TKey) })),
        );
        this.setState({ error: null, componentStack: null, retried: 1 });
        return;
      }
    }
    this.setState({ componentStack: info.componentStack ?? null });
  }

  override componentDidUpdate(prev: Props) {
    if (this.state.error !== null && prev.resetKey !== this.props.resetKey)
      this.setState({ error: null, componentStack: null });
  }

  private retry = () => this.setState({ error: null, componentStack: null });

  override render() {
    const { error, componentStack } = this.state;
    const { area, children } = this.props;
    if (error === null)
      return (
        <>
          <Probe area={area} />
          {children}
        </>
      );
    return (
      <ErrorFallback area={area} error={error} componentStack={componentStack} onRetry={this.retry} />
    );
  }
}

function downloadCurrent() {
  const { scene } = useUiStore.getState();
  const topology = useDocumentStore.getState().topologies[scene];
  const blob = new Blob([serializeDocument(scene, topology)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `prodviz-${scene}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ErrorFallback({
  area,
  error,
  componentStack,
  onRetry,
}: {
  area: Area;
  error: unknown;
  componentStack: string | null;
  onRetry: () => void;
}) {
  const t = useT();
  const [report, setReport] = useState<'idle' | 'copied' | 'shown'>('idle');
  const [text, setText] = useState('');

  if (isChunkLoadError(error))
    return (
      <div role="alert" className={`crash crash--${area}`}>
        <p className="crash__title">{t('robust.boundary.chunk')}</p>
        <div className="crash__buttons">
          <button type="button" className="btn btn--primary" onClick={() => applyUpdate()}>
            {t('robust.boundary.reload')}
          </button>
        </div>
      </div>
    );

  const copy = async () => {
    const diag = diagnosticText(area, error, componentStack);
    setText(diag);
    try {
      await navigator.clipboard.writeText(diag);
      setReport('copied');
    } catch {
      setReport('shown');
    }
  };
  const reset = () => {
    useDocumentStore.getState().resetScene(useUiStore.getState().scene);
    onRetry();
  };

  return (
    <div role="alert" className={`crash crash--${area}`}>
      <p className="crash__title">
        {t('robust.boundary.title', { area: t(`robust.boundary.areas.${area}` as TKey) })}
      </p>
      <p className="crash__body">{t('robust.boundary.body')}</p>
      <div className="crash__buttons">
        <button type="button" className="btn btn--small" onClick={downloadCurrent}>
          {t('robust.boundary.download')}
        </button>
        <button type="button" className="btn btn--small" onClick={reset}>
          {t('robust.boundary.reset')}
        </button>
        <button type="button" className="btn btn--small" onClick={() => void copy()}>
          {t('robust.boundary.report')}
        </button>
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('robust.boundary.retry')}
        </button>
      </div>
      {report === 'copied' && <p className="crash__body">{t('robust.boundary.copied')}</p>}
      {report === 'shown' && (
        <label className="crash__report">
          <span>{t('robust.boundary.copyBelow')}</span>
          <textarea readOnly value={text} rows={6} aria-label={t('robust.boundary.diagnostic')} />
        </label>
      )}
    </div>
  );
}

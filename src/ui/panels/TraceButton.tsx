import { preloadTrace, useTraceStore } from '../../state/traceStore';
import { useT } from '../useT';

/** The toolbar button that opens (and closes) the trace. */
export function TraceButton() {
  const t = useT();
  const open = useTraceStore((s) => s.open);
  const toggle = useTraceStore((s) => s.toggle);
  return (
    <button
      type="button"
      className="btn trace-button"
      aria-pressed={open}
      onClick={toggle}
      onPointerEnter={() => void preloadTrace()}
      onFocus={() => void preloadTrace()}
    >
      <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
        <circle cx="4" cy="10" r="2.5" fill="currentColor" />
        <circle cx="16" cy="10" r="2.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M7 10h5m-2-2.5L12.5 10 10 12.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <span>{t('trace.button')}</span>
    </button>
  );
}

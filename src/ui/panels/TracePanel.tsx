import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TFn, TVars } from '../../i18n';
import type { RequestType } from '../../core/sim/types';
import type { TraceStep } from '../../core/sim/trace';
import type { Topology } from '../../core/topology/types';
import { useDocumentStore } from '../../state/documentStore';
import { useTraceStore } from '../../state/traceStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import './trace.css';

const TYPES: readonly RequestType[] = ['page', 'static', 'api', 'upload'];
/** Narration parameters that hold node ids. */
const NODE_PARAMS = new Set(['from', 'to', 'node', 'next']);

type Fmt = (ms: number) => string;

function nameOf(topology: Topology, id: string | undefined, t: TFn): string {
  if (id === undefined || id === '') return '—';
  const node = topology.nodes.find((n) => n.id === id);
  return node ? nodeName(node, t) : id;
}

function statusText(status: number | undefined, t: TFn): string {
  if (status === undefined) return '—';
  return status === 0 ? t('trace.status.refused') : String(status);
}

function vars(params: Record<string, string | number>, topology: Topology, t: TFn, fmt: Fmt): TVars {
  const out: TVars = {};
  for (const [k, v] of Object.entries(params)) {
    if (NODE_PARAMS.has(k) && typeof v === 'string') out[k] = nameOf(topology, v, t);
    else if (k === 'lb' && (v === 'round_robin' || v === 'least_conn' || v === 'ip_hash')) out[k] = t(`trace.lb.${v}`);
    else if (k === 'ms' && typeof v === 'number') out[k] = fmt(v);
    else if (k === 'status' && typeof v === 'number') out[k] = statusText(v, t);
    else out[k] = v;
  }
  return out;
}

function stepTitle(step: TraceStep, topology: Topology, t: TFn): string {
  const name = (id: string | undefined) => nameOf(topology, id, t);
  const status = statusText(step.status, t);
  switch (step.kind) {
    case 'send': {
      const p = step.say[0]?.params ?? {};
      return t('trace.title.send', { node: name(step.node), method: p.method ?? '', path: p.path ?? '' });
    }
    case 'hop':
      return t('trace.title.hop', { from: name(step.from), to: name(step.to) });
    case 'respond':
      return t('trace.title.respond', { from: name(step.from), to: name(step.to) });
    case 'complete':
      return t('trace.title.complete', { node: name(step.node), status });
    case 'error':
      return step.node === undefined
        ? t('trace.title.nothing')
        : t('trace.title.error', { node: name(step.node), status });
    default:
      return t(`trace.title.${step.kind}`, { node: name(step.node) });
  }
}

function narration(step: TraceStep, topology: Topology, t: TFn, fmt: Fmt): string {
  return step.say.map((s) => t(`trace.say.${s.key}`, vars(s.params, topology, t, fmt))).join(' ');
}

/** Walks one request through the architecture, step by step, with a teacher's narration. */
export function TracePanel() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const { open, type, cache, steps, index } = useTraceStore(
    useShallow((s) => ({ open: s.open, type: s.type, cache: s.cache, steps: s.steps, index: s.index })),
  );
  const { start, setCache, next, prev, first, last, goTo, close } = useTraceStore(
    useShallow((s) => ({
      start: s.start,
      setCache: s.setCache,
      next: s.next,
      prev: s.prev,
      first: s.first,
      last: s.last,
      goTo: s.goTo,
      close: s.close,
    })),
  );
  const regionRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  const fmt = useMemo(() => {
    const nf = new Intl.NumberFormat(lang === 'tr' ? 'tr-TR' : 'en-US', { maximumFractionDigits: 1 });
    return (ms: number) => nf.format(ms);
  }, [lang]);
  const titles = useMemo(() => steps.map((s) => stepTitle(s, topology, t)), [steps, topology, t]);

  // Opening the trace puts the keyboard (and a clicker's arrow keys) on it.
  useEffect(() => {
    if (open) regionRef.current?.focus({ preventScroll: true });
  }, [open]);

  // Keep the current step in view in the list.
  useEffect(() => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !item) return;
    // Scroll the list only (scrollIntoView would also scroll the panel and hide the narration).
    const top = item.offsetTop; // the list is the offsetParent (position: relative)
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + item.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = top + item.offsetHeight - list.clientHeight;
  }, [index, steps]);

  if (!open) return null;
  const step = steps[index];
  const total = steps.length;

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const el = e.target as HTMLElement;
    if (el.closest('select, input, textarea')) return;
    const actions: Record<string, () => void> = {
      ArrowRight: next,
      ArrowDown: next,
      PageDown: next,
      ArrowLeft: prev,
      ArrowUp: prev,
      PageUp: prev,
      Home: first,
      End: last,
    };
    const action = actions[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  return (
    <section
      ref={regionRef}
      className="trace"
      role="region"
      aria-label={t('trace.region')}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="trace__head">
        <h2 className="trace__heading">{t('trace.region')}</h2>
        <button type="button" className="btn btn--ghost trace__close" onClick={close}>
          {t('trace.close')}
        </button>
      </header>

      {step ? (
        <>
          <div className="trace__nav">
            <button type="button" className="btn" onClick={prev} aria-disabled={index === 0}>
              <span aria-hidden="true">←</span> {t('trace.back')}
            </button>
            <span className="trace__counter" aria-label={t('trace.counterLabel', { n: index + 1, total })}>
              {t('trace.counter', { n: index + 1, total })}
            </span>
            <button type="button" className="btn btn--primary" onClick={next} aria-disabled={index >= total - 1}>
              {t('trace.forward')} <span aria-hidden="true">→</span>
            </button>
          </div>

          <div className={`trace__now trace__now--${step.kind}`} aria-live="polite" aria-atomic="true">
            <h3 className="trace__title">{titles[index]}</h3>
            <p className="trace__facts">
              <span>{t('trace.facts.at', { ms: fmt(step.t) })}</span>
              {step.waitMs !== undefined && step.waitMs > 0 && (
                <span>{t('trace.facts.waited', { ms: fmt(step.waitMs) })}</span>
              )}
              {(step.kind === 'hop' || step.kind === 'work') && step.durationMs !== undefined && (
                <span>{t('trace.facts.worked', { ms: fmt(step.durationMs) })}</span>
              )}
              {(step.kind === 'complete' || step.kind === 'error') && step.durationMs !== undefined && (
                <span>{t('trace.facts.total', { ms: fmt(step.durationMs) })}</span>
              )}
            </p>
            <p className="trace__say">{narration(step, topology, t, fmt)}</p>
          </div>

          <div className="trace__setup">
            <label className="trace__field">
              <span>{t('trace.typeLabel')}</span>
              <select
                value={type}
                onChange={(e) => {
                  const v = e.target.value as RequestType;
                  if (TYPES.includes(v)) start(v);
                }}
              >
                {TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`trace.types.${ty}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="trace__check">
              <input
                type="checkbox"
                checked={cache === 'warm'}
                onChange={(e) => setCache(e.target.checked ? 'warm' : 'cold')}
              />
              <span>{t('trace.warmCache')}</span>
            </label>
          </div>

          <p className="trace__keys">{t('trace.keys')}</p>

          <ol ref={listRef} className="trace__list" aria-label={t('trace.steps')}>
            {steps.map((s, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`trace__item trace__item--${s.kind}`}
                  aria-current={i === index ? 'step' : undefined}
                  tabIndex={-1}
                  onClick={() => goTo(i)}
                >
                  <span className="trace__num">{i + 1}</span>
                  <span className="trace__label">{titles[i]}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="trace__loading">{t('trace.loading')}</p>
      )}
    </section>
  );
}

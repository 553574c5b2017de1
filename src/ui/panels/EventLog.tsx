import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { REQUEST_TYPES, type RequestType } from '../../core/sim/types';
import { useDocumentStore } from '../../state/documentStore';
import { LOG_SHOWN, useSimStore, type LogRow } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import type { TFn } from '../../i18n';
import { formatNumber } from '../../i18n/number';

/** Rows shown at once (summaries carry what any filter shows: see LOG_SHOWN). */
const SHOWN = LOG_SHOWN;
/** The shortest a row can be (one line of 12.5 px text at 1.35, 6 px padding, 1 px border). */
const MIN_ROW_PX = 23;

/**
 * How many rows fill the list's visible height (one more for a part-shown row). While the
 * simulation plays and the list is scrolled to the top, only these are rendered: at the
 * slider's top every row is new in every summary, and laying out the 40 rows' new text four
 * times a second was most of a summary's frame on a slow laptop. Paused, or once the list is
 * scrolled, all rows are there.
 */
function useRowsThatFit(list: React.RefObject<HTMLUListElement | null>): number {
  const [fit, setFit] = useState(SHOWN);
  useEffect(() => {
    const el = list.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setFit(Math.ceil(el.clientHeight / MIN_ROW_PX) + 1));
    ro.observe(el);
    return () => ro.disconnect();
  }, [list]);
  return fit;
}

/**
 * Gives the room of the rows not drawn (`rest`, the last child of `list`) the height they
 * would take: their count times the drawn rows' mean height, as the rows lay out. A
 * ResizeObserver on the drawn rows reads their heights after layout (no forced layout); until
 * it reports, the last mean stands. So the scroll bar keeps its size when scrolling brings the
 * rows in (at 23 px a row, two-line rows made the list a third longer then).
 */
function useRestHeight(
  list: React.RefObject<HTMLUListElement | null>,
  rest: React.RefObject<HTMLLIElement | null>,
  hidden: number,
  drawn: unknown,
) {
  const rowPx = useRef(MIN_ROW_PX);
  useLayoutEffect(() => {
    const el = list.current;
    const spacer = rest.current;
    if (!el || !spacer) return;
    const fill = () => {
      spacer.style.setProperty('height', `${Math.round(hidden * rowPx.current)}px`);
    };
    fill();
    if (typeof ResizeObserver === 'undefined') return;
    const heights = new Map<Element, number>();
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) heights.set(e.target, e.borderBoxSize[0]?.blockSize ?? e.contentRect.height);
      let sum = 0;
      for (const h of heights.values()) sum += h;
      if (heights.size === 0 || sum === 0) return;
      rowPx.current = sum / heights.size;
      fill();
    });
    for (const row of el.children) if (row !== spacer) ro.observe(row);
    return () => ro.disconnect();
  }, [list, rest, hidden, drawn]);
}

type Filter = 'all' | RequestType;

/** The event list, like Packet Tracer's: newest first, `NGINX → Gunicorn · GET /products/ · 2.1 ms`. */
export function EventLog() {
  const t = useT();
  const lang = t('app.locale');
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const log = useSimStore((s) => s.log);
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState(true);
  const playing = useSimStore((s) => s.playing);
  const listRef = useRef<HTMLUListElement>(null);
  const fit = useRowsThatFit(listRef);
  const [scrolled, setScrolled] = useState(false);

  const names = useMemo(
    () => new Map(topology.nodes.map((n) => [n.id, nodeName(n, t)])),
    [topology, t],
  );
  const kinds = useMemo(() => new Map(topology.nodes.map((n) => [n.id, n.kind])), [topology]);
  // Each row's text is made once (a summary a few times a second mostly repeats rows); the
  // cache starts over when the names, the language or the translations change.
  const texts = useMemo(() => {
    void names;
    void kinds;
    void lang;
    return new Map<string, string>();
  }, [names, kinds, lang]);
  const rows = useMemo(() => {
    const out: LogRow[] = [];
    for (let i = log.length - 1; i >= 0 && out.length < SHOWN; i--) {
      const r = log[i];
      if (r && (filter === 'all' || r.type === filter)) out.push(r);
    }
    return out;
  }, [log, filter]);
  const trimmed = playing && !scrolled && fit < rows.length;
  const shown = trimmed ? rows.slice(0, fit) : rows;
  const restRef = useRef<HTMLLIElement>(null);
  useRestHeight(listRef, restRef, trimmed ? rows.length - fit : 0, shown);

  return (
    <section className={`eventlog${open ? '' : ' is-collapsed'}`} aria-labelledby="eventlog-title">
      <div className="eventlog__head">
        <h2 id="eventlog-title">
          <button
            type="button"
            className="eventlog__toggle"
            aria-expanded={open}
            aria-controls="eventlog-list"
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('sim.log.title')}
          </button>
        </h2>
        <label className="eventlog__filter">
          <span className="visually-hidden">{t('sim.log.filter')}</span>
          <select
            aria-label={t('sim.log.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value as Filter)}
          >
            <option value="all">{t('sim.log.all')}</option>
            {REQUEST_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`sim.mix.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul
        id="eventlog-list"
        className="eventlog__list"
        aria-label={t('sim.log.title')}
        tabIndex={0}
        hidden={!open}
        ref={listRef}
        onScroll={(e) => setScrolled(e.currentTarget.scrollTop > 0)}
      >
        {rows.length === 0 && <li className="eventlog__empty">{t('sim.log.empty')}</li>}
        {shown.map((r) => (
          // Keyed by the event, not the position: at classroom rates a summary brings a few
          // new rows, and only those are laid out (by position all 40 texts would change:
          // 104 dirty layout objects a summary instead of 56 at 50 req/s, CPU 4×).
          <li
            key={r.seq}
            className={`eventlog__row eventlog__row--${rowTone(r)}`}
            data-type={r.type}
          >
            {textOf(texts, r, names, kinds, t, lang)}
          </li>
        ))}
        {trimmed && (
          // The rows not drawn, as room: the list scrolls as far as with them, and scrolling
          // brings them in. Its height is set as the drawn rows lay out (useRestHeight).
          <li aria-hidden="true" className="eventlog__rest" ref={restRef} />
        )}
      </ul>
    </section>
  );
}

function textOf(
  cache: Map<string, string>,
  r: LogRow,
  names: Map<string, string>,
  kinds: Map<string, string>,
  t: TFn,
  lang: string,
): string {
  // seq starts over with every run: the time and request make the key unique.
  const key = `${r.seq}|${r.t}|${r.reqId}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = describe(r, names, kinds, t, lang);
    if (cache.size > 2000) cache.clear();
    cache.set(key, text);
  }
  return text;
}

function rowTone(r: LogRow): string {
  if (
    r.kind === 'error' ||
    r.kind === 'reject' ||
    r.kind === 'timeout' ||
    r.kind === 'fail' ||
    r.kind === 'killed' ||
    r.kind === 'synDrop' ||
    r.kind === 'markDown' ||
    r.kind === 'sessionsLost' ||
    (r.kind === 'cacheError' && r.status === 500)
  )
    return 'error';
  if (r.kind === 'respond' || r.kind === 'complete') return 'back';
  return 'fwd';
}

function describe(
  r: LogRow,
  names: Map<string, string>,
  kinds: Map<string, string>,
  t: TFn,
  lang: string,
): string {
  const name = (id?: string) => (id ? (names.get(id) ?? id) : '?');
  const ms = `${formatNumber(r.ageMs, lang, 1, 1)} ms`;
  const req = `${r.method} ${r.path}`;
  switch (r.kind) {
    case 'hop':
      return `${name(r.from)} → ${name(r.to)} · ${req} · ${ms}`;
    case 'respond':
      return `${name(r.from)} → ${name(r.to)} · ${r.status ?? ''} · ${req} · ${ms}`;
    case 'complete':
      return `${t('sim.log.complete', { status: r.status ?? 200 })} · ${req} · ${ms}`;
    case 'error':
      return `${t('sim.log.error', { status: r.status ?? 0 })}${r.traceback ? ` · ${t('sim.log.traceback')}` : ''} · ${req} · ${ms}`;
    case 'reject':
      return `${name(r.node)} · ${t('sim.log.reject')} · ${req}`;
    case 'timeout':
      // At Gunicorn a timeout is its master killing the stuck worker (NGINX answers 502);
      // at a proxy it is the proxy giving up on its upstream (504).
      return kinds.get(r.node ?? '') === 'gunicorn'
        ? `${name(r.node)} · ${t('sim.log.workerTimeout')} · ${req}`
        : `${name(r.node)} · ${t('sim.log.timeout')} · ${req}`;
    case 'killed':
      return `${name(r.node)} · ${t('sim.log.oom')} · ${req}`;
    case 'retry':
      return `${name(r.node)} · ${t('sim.log.retry')}: ${name(r.from)} → ${name(r.to)} · ${req}`;
    case 'markDown':
      return `${name(r.node)} · ${t('sim.log.markDown')}: ${name(r.to)}`;
    case 'markUp':
      return `${name(r.node)} · ${t('sim.log.markUp')}: ${name(r.to)}`;
    case 'workerBoot':
      return `${name(r.node)} · ${t('sim.log.workerBoot')}`;
    case 'recycle':
      return `${name(r.node)} · ${t('sim.log.recycle')} · ${req}`;
    case 'synDrop':
      return `${name(r.from)} → ${name(r.to)} · ${t('sim.log.synDrop')} · ${req}`;
    case 'cacheError':
      return `${name(r.node)} · ${t(r.status === 500 ? 'sim.log.cacheError500' : 'sim.log.cacheErrorFallback')} · ${req}`;
    case 'sessionsLost':
      return `${name(r.node)} · ${t('sim.log.sessionsLost')}`;
    default:
      return `${name(r.node)} · ${t('sim.log.fail')} · ${req}`;
  }
}

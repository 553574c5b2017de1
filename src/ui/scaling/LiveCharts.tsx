import { useEffect, useRef, useState } from 'react';
import type uPlotType from 'uplot';
import type { TKey } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { getHistory, onHistory, startHistory, type History } from './history';

type SeriesKey = 'throughput' | 'p95' | 'errorRate' | 'busiest';

const CHARTS: { key: SeriesKey; label: TKey; unit: string; color: string; max?: number }[] = [
  { key: 'throughput', label: 'scaling.panel.charts.throughput', unit: 'req/s', color: '#2563eb' },
  { key: 'p95', label: 'scaling.panel.charts.p95', unit: 'ms', color: '#7c3aed' },
  { key: 'errorRate', label: 'scaling.panel.charts.errors', unit: '%', color: '#dc2626', max: 100 },
  { key: 'busiest', label: 'scaling.panel.charts.busiest', unit: '%', color: '#d97706', max: 100 },
];

const HEIGHT = 92;

/**
 * Four small line charts (throughput, p95, error rate, busiest-node utilisation) over simulated
 * time. uPlot loads lazily; the charts redraw from history samples (a few a second), never
 * through React state.
 */
export function LiveCharts() {
  const t = useT();
  const theme = useUiStore((s) => s.theme);
  const lang = t('app.locale');
  const rps = t('scaling.panel.units.rps');
  const boxRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    startHistory();
    const root = boxRef.current;
    if (!root) return;
    let disposed = false;
    let plots: uPlotType[] = [];
    let unsub: (() => void) | null = null;
    let ro: ResizeObserver | null = null;

    const fmt = (v: number | undefined, unit: string) =>
      v === undefined ? '—' : `${v.toLocaleString(lang, { maximumFractionDigits: v < 10 ? 1 : 0 })} ${unit}`;

    import('./chartLib')
      .then(({ default: uPlot }) => {
        if (disposed) return;
        setLoaded(true);
        const css = getComputedStyle(root);
        const muted = css.getPropertyValue('--muted').trim() || '#64748b';
        const grid = css.getPropertyValue('--border').trim() || '#e2e8f0';
        const width = () => Math.max(160, Math.floor(root.clientWidth));
        const h = getHistory();
        plots = CHARTS.map((c) => {
          const slot = root.querySelector<HTMLElement>(`[data-chart="${c.key}"] .scaling-chart__plot`)!;
          return new uPlot(
            {
              width: width(),
              height: HEIGHT,
              legend: { show: false },
              cursor: { show: false },
              scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(c.max ?? 1, max * 1.1)] } },
              axes: [
                { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 22, font: '11px system-ui' },
                { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 40, font: '11px system-ui' },
              ],
              series: [{}, { stroke: c.color, width: 2, fill: `${c.color}22`, points: { show: false } }],
            },
            [h.t, h[c.key]],
            slot,
          );
        });
        const update = () => {
          const hist: Readonly<History> = getHistory();
          plots.forEach((p, i) => {
            const c = CHARTS[i]!;
            p.setData([hist.t, hist[c.key]]);
            const value = root.querySelector<HTMLElement>(`[data-chart="${c.key}"] .scaling-chart__value`);
            const unit = c.key === 'throughput' ? rps : c.unit;
            if (value) value.textContent = fmt(hist[c.key][hist[c.key].length - 1], unit);
          });
        };
        update();
        unsub = onHistory(update);
        ro = new ResizeObserver(() => {
          for (const p of plots) p.setSize({ width: width(), height: HEIGHT });
        });
        ro.observe(root);
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });

    return () => {
      disposed = true;
      unsub?.();
      ro?.disconnect();
      for (const p of plots) p.destroy();
      plots = [];
    };
  }, [theme, lang, rps]);

  return (
    <div className="scaling-charts" ref={boxRef}>
      {!loaded && !failed && <p className="scaling-muted">{t('scaling.panel.charts.loading')}</p>}
      {failed && <p className="scaling-muted">{t('scaling.panel.charts.failed')}</p>}
      {CHARTS.map((c) => (
        <figure key={c.key} className="scaling-chart" data-chart={c.key} aria-label={t(c.label)}>
          <figcaption>
            <span>{t(c.label)}</span>
            <span className="scaling-chart__value" aria-live="off">
              —
            </span>
          </figcaption>
          <div className="scaling-chart__plot" aria-hidden="true" />
        </figure>
      ))}
      <p className="scaling-muted scaling-charts__axis">{t('scaling.panel.charts.axis')}</p>
    </div>
  );
}

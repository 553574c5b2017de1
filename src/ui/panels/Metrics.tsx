import { useSimStore } from '../../state/simStore';
import { useT } from '../useT';
import { GlossaryTip } from '../glossary/GlossaryTip';
import { formatNumber } from '../../i18n/number';

/** The glossary term each figure explains itself with (on hover and focus). */
const TERM: Record<string, string> = {
  throughput: 'throughput',
  p95: 'p95',
  errors: 'errors',
  completed: 'completed',
  inflight: 'in-flight',
};

/**
 * Live figures over the last few seconds of simulated time. Each stat reads as its label
 * followed by number and unit ("p95 latency 42 ms") for screen readers and tests alike.
 */
export function Metrics() {
  const t = useT();
  const lang = t('app.locale');
  const m = useSimStore((s) => s.metrics);
  const simTime = useSimStore((s) => s.simTime);
  const n1 = (v: number) => (v < 100 ? formatNumber(v, lang, 1, 1) : formatNumber(v, lang, 0, 1));
  const int = (v: number) => formatNumber(v, lang);
  const windowTotal = m ? m.windowCompleted + m.windowErrored : 0;
  const errPct = m && windowTotal > 0 ? (m.windowErrored / windowTotal) * 100 : 0;
  const stats: { key: string; label: string; value: string; tone?: string }[] = [
    { key: 'throughput', label: t('sim.metrics.throughput'), value: `${n1(m?.throughput ?? 0)} ${t('sim.units.rps')}` },
    {
      key: 'p95',
      label: t('sim.metrics.p95'),
      value: `${n1(m?.latency.p95 ?? 0)} ms`,
    },
    {
      key: 'errors',
      label: t('sim.metrics.errors'),
      value: `${n1(errPct)} %`,
      tone: errPct >= 1 ? 'bad' : undefined,
    },
    { key: 'completed', label: t('sim.metrics.completed'), value: int(m?.completed ?? 0) },
    { key: 'inflight', label: t('sim.metrics.inFlight'), value: int(m?.inFlight ?? 0) },
  ];
  return (
    <section className="metrics" aria-label={t('sim.metrics.title')}>
      {stats.map((s) => (
        <div key={s.key} className={`stat${s.tone ? ` stat--${s.tone}` : ''}`} data-stat={s.key}>
          <GlossaryTip term={TERM[s.key]!}>
            <span className="stat__label">{s.label}</span> <span className="stat__value">{s.value}</span>
          </GlossaryTip>
        </div>
      ))}
      <div className="stat stat--clock" data-stat="time">
        <span className="stat__label">{t('sim.metrics.simTime')}</span>{' '}
        <span className="stat__value">{formatNumber(simTime / 1000, lang, 2, 2)} s</span>
      </div>
    </section>
  );
}

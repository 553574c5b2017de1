import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../core/sim/compare';
import {
  appServers,
  asyncWorkersEnabled,
  cacheEnabled,
  cdnEnabled,
  countAppServers,
  drainingServers,
  lbMethodOf,
  LIMITS,
  removeAppServers,
  setAppServers,
  setAsyncWorkers,
  setCdn,
  setCores,
  setLbMethod,
  setRedisCache,
} from '../../core/topology/scaling';
import type { SceneId, Topology } from '../../core/topology/types';
import type { TKey, TVars } from '../../i18n';
import { getLoadPattern, runCompare, SCREEN_NETWORK, useSimStore } from '../../state/simStore';
import { useDocumentStore } from '../../state/documentStore';
import { fullName } from './names';
import { useT } from '../useT';
import { applyTransform, scaleOut } from './actions';

type ChangeId = 'addServer' | 'doubleCores' | 'cache' | 'cdn' | 'async' | 'lb';

interface Change {
  id: ChangeId;
  label: TKey;
  vars?: TVars;
  apply: (t: Topology) => Topology;
}

const WARMUP_MS = 5_000;
const MEASURE_MS = 20_000;

/** The changes that make sense for a topology, each with its label for the current state. */
function changesFor(t: Topology): Change[] {
  const out: Change[] = [];
  const apps = appServers(t);
  if (apps.length > 0 && countAppServers(t) < LIMITS.appServers.max) {
    out.push({ id: 'addServer', label: 'scaling.panel.compare.changes.addServer', apply: (x) => setAppServers(x, countAppServers(x) + 1) });
  }
  if (apps.length > 0) {
    out.push({
      id: 'doubleCores',
      label: 'scaling.panel.compare.changes.doubleCores',
      apply: (x) =>
        appServers(x).reduce((acc, a) => {
          const cores = acc.nodes.find((n) => n.id === a.boxId)?.params?.cores ?? 2;
          return setCores(acc, a.boxId, cores * 2);
        }, x),
    });
  }
  if (t.nodes.some((n) => n.kind === 'django')) {
    const on = cacheEnabled(t);
    out.push({ id: 'cache', label: on ? 'scaling.panel.compare.changes.cacheOff' : 'scaling.panel.compare.changes.cacheOn', apply: (x) => setRedisCache(x, !on) });
  }
  if (t.nodes.some((n) => n.kind === 'nginx') && t.nodes.some((n) => n.kind === 'user')) {
    const on = cdnEnabled(t);
    out.push({ id: 'cdn', label: on ? 'scaling.panel.compare.changes.cdnOff' : 'scaling.panel.compare.changes.cdnOn', apply: (x) => setCdn(x, !on) });
  }
  if (t.nodes.some((n) => n.kind === 'gunicorn')) {
    const on = asyncWorkersEnabled(t);
    out.push({ id: 'async', label: on ? 'scaling.panel.compare.changes.asyncOff' : 'scaling.panel.compare.changes.asyncOn', apply: (x) => setAsyncWorkers(x, !on) });
  }
  if (apps.length > 1) {
    const lc = lbMethodOf(t) === 'least_conn';
    out.push({
      id: 'lb',
      label: lc ? 'scaling.panel.compare.changes.roundRobin' : 'scaling.panel.compare.changes.leastConn',
      apply: (x) => setLbMethod(x, lc ? 'round_robin' : 'least_conn'),
    });
  }
  return out;
}

interface Result {
  label: string;
  before: RunSummary;
  after: RunSummary;
  seed: number;
  rps: number;
}

/** "Compare": the same seed and load with and without a change, as a before/after table. */
export function ComparePanel({ scene }: { scene: SceneId }) {
  const t = useT();
  const lang = t('app.locale');
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const changes = changesFor(topology);
  const [choice, setChoice] = useState<ChangeId>('addServer');
  const change = changes.find((c) => c.id === choice) ?? changes[0];
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const cancel = useRef<(() => void) | null>(null);

  useEffect(() => () => cancel.current?.(), []);

  if (!change) return null;

  const run = () => {
    cancel.current?.();
    const live = drainingServers(topology).length > 0 ? removeAppServers(topology, drainingServers(topology)) : topology;
    const { seed, rps, mix } = useSimStore.getState();
    const opts = { seed, rps, mix, pattern: getLoadPattern(), network: SCREEN_NETWORK, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
    const label = t(change.label, change.vars);
    // The two headless runs go to the engine's worker (in slices there), never the page.
    const job = runCompare(
      [
        { topology: live, options: opts },
        { topology: change.apply(live), options: opts },
      ],
      (p) => setProgress(p),
    );
    let stopped = false;
    cancel.current = () => {
      stopped = true;
      job.cancel();
    };
    setProgress(0);
    void job.done.then(([before, after]) => {
      if (stopped || !before || !after) return;
      setProgress(null);
      setResult({ label, before, after, seed, rps });
      cancel.current = null;
    });
  };

  const num = (v: number, digits = 0) => v.toLocaleString(lang, { maximumFractionDigits: digits });
  const busiest = (s: RunSummary) => {
    if (!s.busiest) return '—';
    const name = fullName(topology, s.busiest.id, t);
    return `${name} ${num(Math.min(100, s.busiest.utilisation * 100))} %`;
  };
  const rows: { key: string; label: TKey; before: string; after: string; better: number }[] = result
    ? [
        {
          key: 'throughput',
          label: 'scaling.panel.compare.throughput',
          before: `${num(result.before.throughput, 1)} ${t('scaling.panel.units.rps')}`,
          after: `${num(result.after.throughput, 1)} ${t('scaling.panel.units.rps')}`,
          better: Math.sign(result.after.throughput - result.before.throughput),
        },
        {
          key: 'p50',
          label: 'scaling.panel.compare.p50',
          before: `${num(result.before.p50, 1)} ms`,
          after: `${num(result.after.p50, 1)} ms`,
          better: Math.sign(result.before.p50 - result.after.p50),
        },
        {
          key: 'p95',
          label: 'scaling.panel.compare.p95',
          before: `${num(result.before.p95, 1)} ms`,
          after: `${num(result.after.p95, 1)} ms`,
          better: Math.sign(result.before.p95 - result.after.p95),
        },
        {
          key: 'errors',
          label: 'scaling.panel.compare.errors',
          before: `${num(result.before.errors)} (${num(result.before.errorRate * 100, 1)} %)`,
          after: `${num(result.after.errors)} (${num(result.after.errorRate * 100, 1)} %)`,
          better: Math.sign(result.before.errors - result.after.errors),
        },
        {
          key: 'busiest',
          label: 'scaling.panel.compare.busiest',
          before: busiest(result.before),
          after: busiest(result.after),
          better: 0,
        },
      ]
    : [];

  const applyChange = () => {
    if (change.id === 'addServer') scaleOut(scene, countAppServers(topology) + 1);
    else applyTransform(scene, change.apply);
    setResult(null);
  };

  return (
    <div className="scaling-compare">
      <div className="scaling-field">
        <label htmlFor="scaling-compare-change">{t('scaling.panel.compare.change')}</label>
        <select id="scaling-compare-change" value={change.id} onChange={(e) => setChoice(e.target.value as ChangeId)}>
          {changes.map((c) => (
            <option key={c.id} value={c.id}>
              {t(c.label, c.vars)}
            </option>
          ))}
        </select>
      </div>
      <div className="scaling-row">
        <button type="button" className="btn btn--primary" onClick={run} disabled={progress !== null}>
          {t('scaling.panel.compare.run')}
        </button>
        {progress !== null && (
          <span role="status" className="scaling-muted">
            {t('scaling.panel.compare.running', { percent: Math.round(progress * 100) })}
          </span>
        )}
      </div>
      {result && (
        <>
          <table className="scaling-table" aria-label={t('scaling.panel.compare.tableLabel', { change: result.label })}>
            <caption>{result.label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scaling.panel.compare.metric')}</th>
                <th scope="col">{t('scaling.panel.compare.before')}</th>
                <th scope="col">{t('scaling.panel.compare.after')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{t(r.label)}</th>
                  <td>{r.before}</td>
                  <td className={r.better > 0 ? 'is-better' : r.better < 0 ? 'is-worse' : undefined}>{r.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="scaling-muted">
            {t('scaling.panel.compare.note', {
              seed: result.seed,
              rps: result.rps,
              seconds: (WARMUP_MS + MEASURE_MS) / 1000,
            })}
          </p>
          <button type="button" className="btn" onClick={applyChange}>
            {t('scaling.panel.compare.apply')}
          </button>
        </>
      )}
    </div>
  );
}

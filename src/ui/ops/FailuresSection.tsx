import { canFail, expectedWhenDown, hasTimeout, isSlow, isUp, timeoutOf } from '../../core/ops/failures';
import type { TopoNode } from '../../core/topology/types';
import { useDocumentStore } from '../../state/documentStore';
import { useOpsStore } from '../../state/opsStore';
import { useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import './ops.css';

/** Stop, start, slow down the selected node, and watch the status codes it causes. */
export default function FailuresSection({ node }: { node: TopoNode }) {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const ops = useOpsStore.getState();
  if (!canFail(node.kind)) return null;
  const up = isUp(node);
  const slow = isSlow(node);
  const expect = expectedWhenDown(topology, node.id);
  const timeoutS = timeoutOf(node) / 1000;
  return (
    <section className="ops-failures" aria-labelledby="ops-failures-title">
      <h3 id="ops-failures-title">{t('ops.failures.title')}</h3>
      <p className={`ops-state ops-state--${up ? (slow ? 'slow' : 'up') : 'down'}`} role="status">
        {up ? (slow ? t('ops.failures.stateSlow') : t('ops.failures.stateUp')) : t('ops.failures.stateDown')}
      </p>
      <div className="ops-buttons">
        <button type="button" className="btn" disabled={!up} onClick={() => ops.stopNode(node.id)}>
          {t('ops.failures.stop')}
        </button>
        <button type="button" className="btn" disabled={up} onClick={() => ops.startNode(node.id)}>
          {t('ops.failures.start')}
        </button>
        <button type="button" className="btn" disabled={slow} onClick={() => ops.slowNode(node.id)}>
          {t('ops.failures.slow')}
        </button>
        <button type="button" className="btn" disabled={!slow} onClick={() => ops.restoreSpeed(node.id)}>
          {t('ops.failures.restore')}
        </button>
      </div>
      {hasTimeout(node.kind) && (
        <label className="ops-field">
          <span>{node.kind === 'nginx' ? t('ops.failures.nginxTimeout') : t('ops.failures.gunicornTimeout')}</span>
          <input
            type="number"
            min={0.1}
            max={120}
            step={0.5}
            value={timeoutS}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v > 0) ops.setTimeoutMs(node.id, v * 1000);
            }}
          />
        </label>
      )}
      <p className="ops-note">{t(`ops.failures.expect.${expect}`)}</p>
      {hasTimeout(node.kind) && <p className="ops-note">{t('ops.failures.timeoutHint')}</p>}
      <StatusCodes />
    </section>
  );
}

/** Error responses by status over the metrics window: what the failure is doing right now. */
export function StatusCodes() {
  const t = useT();
  const byStatus = useSimStore((s) => s.metrics?.errorsByStatus);
  const ok = useSimStore((s) => s.metrics?.windowCompleted ?? 0);
  const entries = Object.entries(byStatus ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  return (
    <section className="ops-codes" aria-label={t('ops.failures.codes')}>
      <h4>{t('ops.failures.codes')}</h4>
      <ul>
        <li className="ops-code ops-code--ok" data-status="2xx">
          2xx <strong>{ok}</strong>
        </li>
        {entries.map(([code, n]) => (
          <li key={code} className="ops-code ops-code--bad" data-status={code}>
            {code === '0' ? t('ops.failures.refused') : code} <strong>{n}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

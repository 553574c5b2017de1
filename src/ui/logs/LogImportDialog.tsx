/**
 * "Use your own numbers": a developer drops their NGINX or Gunicorn access log; a Web Worker
 * streams and fits it (core/logs); the dialog shows the fit per request type and, on Apply,
 * sets every Django node's service time and spread and the simulation's request mix — one
 * undo step. The file never leaves the browser.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { CATALOG } from '../../core/catalog/catalog';
import { applicationOf, LOG_REQUEST_TYPES, type FitApplication, type LogFit } from '../../core/logs/accessLog';
import type { RequestType } from '../../core/sim/types';
import type { TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../classroom/Dialog';
import { useT } from '../useT';
import type { LogWorkerReply } from './protocol';
import '../classroom/classroom.css';
import './logs.css';

/** Larger than this is refused up front (a log of a busy day compresses well; split it). */
export const MAX_LOG_BYTES = 512 * 1024 * 1024;

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; read: number; total: number }
  | { kind: 'fitted'; name: string; fit: LogFit; app: FitApplication }
  | { kind: 'applied'; name: string; fit: LogFit; app: FitApplication };

function fmtMs(ms: number, lang: string): string {
  const digits = ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${ms.toLocaleString(lang === 'tr' ? 'tr-TR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ms`;
}

function fmtNum(n: number, lang: string, digits = 0): string {
  return n.toLocaleString(lang === 'tr' ? 'tr-TR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export default function LogImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const scene = useUiStore((s) => s.scene);
  const djangos = useDocumentStore((s) => s.topologies[scene].nodes.filter((n) => n.kind === 'django').length);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const worker = useRef<Worker | null>(null);
  const inputId = useId();

  useEffect(() => () => worker.current?.terminate(), []);

  const read = (file: File) => {
    setError(null);
    if (file.size === 0) {
      setError(t('logs.errors.empty'));
      return;
    }
    if (file.size > MAX_LOG_BYTES) {
      setError(t('logs.errors.tooBig', { mb: Math.round(MAX_LOG_BYTES / 1024 / 1024) }));
      return;
    }
    worker.current?.terminate();
    const w = new Worker(new URL('./logWorker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setPhase({ kind: 'reading', name: file.name, read: 0, total: file.size });
    w.onmessage = (e: MessageEvent<LogWorkerReply>) => {
      const m = e.data;
      if (m.type === 'progress') {
        setPhase({ kind: 'reading', name: file.name, read: m.read, total: m.total });
        return;
      }
      w.terminate();
      worker.current = null;
      if (m.type === 'error') {
        setPhase({ kind: 'idle' });
        setError(t('logs.errors.read', { reason: m.message }));
        return;
      }
      const topo = useDocumentStore.getState().topologies[useUiStore.getState().scene];
      const dj = topo.nodes.find((n) => n.kind === 'django');
      const cap = CATALOG.django.capacity;
      const queryMs = (dj?.params as { queryMs?: number } | undefined)?.queryMs ?? cap.queryMs ?? 0;
      const queries = (dj?.params as { queriesPerRequest?: number } | undefined)?.queriesPerRequest ?? cap.queriesPerRequest ?? 0;
      const app = applicationOf(m.fit, queryMs * queries);
      if (m.fit.used === 0) {
        setPhase({ kind: 'idle' });
        setError(
          t('logs.errors.nothing', { lines: fmtNum(m.fit.lines, lang), sample: m.fit.badSamples[0]?.text ?? '—' }),
        );
        return;
      }
      setPhase({ kind: 'fitted', name: file.name, fit: m.fit, app });
    };
    w.onerror = () => {
      w.terminate();
      worker.current = null;
      setPhase({ kind: 'idle' });
      setError(t('logs.errors.read', { reason: 'worker' }));
    };
    w.postMessage({ file });
  };

  const apply = () => {
    if (phase.kind !== 'fitted') return;
    const s = useUiStore.getState().scene;
    const store = useDocumentStore.getState();
    const topo = store.topologies[s];
    const { django, mix } = phase.app;
    if (django) {
      // One undo step for all app servers: the whole topology is replaced at once.
      store.replaceTopology(s, {
        ...topo,
        nodes: topo.nodes.map((n) =>
          n.kind === 'django' ? { ...n, params: { ...n.params, serviceMs: django.serviceMs, serviceCv: django.serviceCv } } : n,
        ),
      });
    }
    const full = Object.fromEntries(LOG_REQUEST_TYPES.map((k) => [k, mix[k] ?? 0])) as Record<RequestType, number>;
    useSimStore.getState().setMix(full);
    setPhase({ kind: 'applied', name: phase.name, fit: phase.fit, app: phase.app });
  };

  const fit = phase.kind === 'fitted' || phase.kind === 'applied' ? phase.fit : null;
  const app = phase.kind === 'fitted' || phase.kind === 'applied' ? phase.app : null;

  return (
    <Dialog title={t('logs.title')} onClose={onClose} closeLabel={t('logs.close')} className="logs-dialog">
      <p>{t('logs.intro')}</p>
      <details className="logs-formats">
        <summary>{t('logs.formats.title')}</summary>
        <p>{t('logs.formats.nginx')}</p>
        <pre>
          <code>{"log_format timed '$remote_addr - $remote_user [$time_local] \"$request\" '\n  '$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\" '\n  'rt=$request_time urt=\"$upstream_response_time\"';\naccess_log /var/log/nginx/access.log timed;"}</code>
        </pre>
        <p>{t('logs.formats.gunicorn')}</p>
        <pre>
          <code>{'access_log_format = \'%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s\''}</code>
        </pre>
      </details>
      <p className="logs-privacy">{t('logs.privacy')}</p>
      <div className="logs-pick">
        <label htmlFor={inputId} className="btn btn--primary">
          {t('logs.choose')}
        </label>
        <input
          id={inputId}
          type="file"
          className="visually-hidden"
          accept=".log,.txt,text/plain"
          data-testid="log-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) read(file);
          }}
        />
      </div>
      {error && (
        <div role="alert" className="logs-error">
          {error}
          <br />
          {t('logs.errors.unchanged')}
        </div>
      )}
      {phase.kind === 'reading' && (
        <div className="logs-progress">
          <progress
            max={phase.total}
            value={phase.read}
            aria-label={t('logs.reading', { name: phase.name })}
          />
          <span>{t('logs.reading', { name: phase.name })}</span>
        </div>
      )}
      {fit && app && (
        <section aria-labelledby={`${inputId}-fit`}>
          <h3 id={`${inputId}-fit`}>{t('logs.fit.title', { name: phase.kind === 'idle' || phase.kind === 'reading' ? '' : phase.name })}</h3>
          <p>
            {t('logs.fit.lines', { used: fmtNum(fit.used, lang), lines: fmtNum(fit.lines, lang), bad: fmtNum(fit.bad, lang) })}
          </p>
          <table className="logs-table">
            <thead>
              <tr>
                <th scope="col">{t('logs.fit.type')}</th>
                <th scope="col">{t('logs.fit.count')}</th>
                <th scope="col">{t('logs.fit.share')}</th>
                <th scope="col">{t('logs.fit.mean')}</th>
                <th scope="col">{t('logs.fit.cv')}</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
              </tr>
            </thead>
            <tbody>
              {LOG_REQUEST_TYPES.map((k) => {
                const g = fit.groups[k];
                if (!g) return null;
                return (
                  <tr key={k}>
                    <th scope="row">{t(`logs.types.${k}` as TKey)}</th>
                    <td>{fmtNum(g.count, lang)}</td>
                    <td>{fmtNum((fit.mix[k] ?? 0) * 100, lang, 1)} %</td>
                    <td>{fmtMs(g.meanMs, lang)}</td>
                    <td>{fmtNum(g.cv, lang, 2)}</td>
                    <td>{fmtMs(g.p50Ms, lang)}</td>
                    <td>{fmtMs(g.p95Ms, lang)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {fit.bad > 0 && (
            <details className="logs-bad">
              <summary>{t('logs.fit.bad', { n: fmtNum(fit.bad, lang) })}</summary>
              <ul>
                {fit.badSamples.map((b) => (
                  <li key={b.line}>
                    {t('logs.fit.badLine', { line: b.line, reason: t(`logs.reasons.${b.reason}` as TKey) })}{' '}
                    <code>{b.text}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {app.django ? (
            <p>
              {t('logs.fit.django', {
                ms: fmtMs(app.django.serviceMs, lang),
                cv: fmtNum(app.django.serviceCv, lang, 2),
                n: djangos,
              })}
            </p>
          ) : (
            <p>{t('logs.fit.noDynamic')}</p>
          )}
          <p className="logs-note">{t('logs.fit.split')}</p>
          {phase.kind === 'fitted' ? (
            <button type="button" className="btn btn--primary" onClick={apply}>
              {t('logs.apply')}
            </button>
          ) : (
            <p role="status">{t('logs.applied')}</p>
          )}
        </section>
      )}
    </Dialog>
  );
}

import { DRILLS, SECURITY_TOGGLES, openPorts, requestChain, responseHeaders, runDrill, type DrillResult } from '../../core/ops/security';
import { useDocumentStore } from '../../state/documentStore';
import { useOpsStore } from '../../state/opsStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import './ops.css';

/** HTTPS, firewall, secure headers, authentication, and the attacks they stop. */
export default function SecurityPanel() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const animations = useUiStore((s) => s.animations);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const toggles = useOpsStore((s) => s.security);
  const tried = useOpsStore((s) => s.drillsTried);
  const ops = useOpsStore.getState();
  const ports = openPorts(toggles, topology);
  const chain = requestChain(toggles, topology);

  return (
    <section className="ops-panel" aria-labelledby="ops-sec-title" data-animations={animations ? 'on' : 'off'}>
      <h2 id="ops-sec-title">{t('ops.security.title')}</h2>
      <fieldset className="ops-toggles">
        <legend className="visually-hidden">{t('ops.security.protections')}</legend>
        {SECURITY_TOGGLES.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={toggles[k]} onChange={(e) => ops.setSecurity(k, e.target.checked)} />
            <span>
              <strong>{t(`ops.security.toggle.${k}`)}</strong> — {t(`ops.security.toggleHelp.${k}`)}
            </span>
          </label>
        ))}
      </fieldset>
      <p className="ops-note">
        {t('ops.security.openPorts')} <code>{ports.join(', ')}</code>
      </p>

      <h3>{t('ops.security.drills')}</h3>
      <ul className="ops-drills">
        {DRILLS.map((d) => {
          const r = tried.includes(d) ? runDrill(d, toggles, topology) : null;
          return (
            <li key={d} className="ops-drill" data-drill={d}>
              <div className="ops-drill__head">
                <span>{t(`ops.security.drill.${d}`)}</span>
                <button type="button" className="btn" onClick={() => ops.tryDrill(d)} aria-label={t('ops.security.tryNamed', { name: t(`ops.security.drill.${d}`) })}>
                  {t('ops.security.try')}
                </button>
              </div>
              {r && <DrillView r={r} />}
            </li>
          );
        })}
      </ul>

      <h3>{t('ops.security.chain')}</h3>
      <ul className="ops-kv" aria-label={t('ops.security.chain')}>
        {chain.map((c) => (
          <li key={c.url + c.status}>
            {c.url} → {c.status}
            {c.location ? ` Location: ${c.location}` : ''}
          </li>
        ))}
      </ul>
      <h3>{t('ops.security.headers')}</h3>
      <ul className="ops-kv" aria-label={t('ops.security.headers')}>
        {responseHeaders(toggles).map(([k, v]) => (
          <li key={k}>
            {k}: {v}
          </li>
        ))}
      </ul>
      {toggles.https && <p className="ops-note">{t('ops.security.tlsAtNginx')}</p>}
    </section>
  );
}

function DrillView({ r }: { r: DrillResult }) {
  const t = useT();
  const where = r.stopsAt === 'firewall' ? t('ops.security.where.firewall') : r.stopsAt === 'browser' ? t('ops.security.where.browser') : t(`catalog.${r.stopsAt}.name`);
  // The attacker's packet: it stops at the firewall when blocked there, else it reaches its target.
  const travel = r.stopsAt === 'firewall' ? 70 : 150;
  const colour = r.outcome === 'blocked' ? '#16a34a' : r.outcome === 'succeeded' ? '#dc2626' : '#64748b';
  return (
    <>
      <svg className="ops-attack" viewBox="0 0 220 34" aria-hidden="true">
        <circle cx="8" cy="9" r="5" fill="#7f1d1d" />
        <path d="M1 30 q7 -16 14 0 z" fill="#7f1d1d" />
        <rect x="96" y="4" width="8" height="26" rx="2" fill={r.reason === 'firewall' ? '#f97316' : 'none'} stroke="#f97316" strokeDasharray={r.reason === 'firewall' ? undefined : '3 3'} />
        <rect x="190" y="6" width="28" height="22" rx="4" fill="none" stroke="currentColor" />
        <g className="ops-attack__packet" style={{ ['--ops-travel' as string]: `${travel}px` }}>
          {r.outcome === 'blocked' ? (
            <path d="M20 10 l10 10 M30 10 l-10 10" stroke={colour} strokeWidth="3" />
          ) : (
            <circle cx="25" cy="17" r="6" fill={colour} />
          )}
        </g>
      </svg>
      <p className={`ops-drill__result ops-drill__result--${r.outcome}`} role="status">
        <strong>{t(`ops.security.outcome.${r.outcome}`)}</strong>
        {r.port !== undefined && <code>:{r.port} </code>}
        {r.status !== undefined && <code>HTTP {r.status} </code>}
        {t(`ops.security.reason.${r.reason}`)} <span className="visually-hidden">({where})</span>
      </p>
    </>
  );
}

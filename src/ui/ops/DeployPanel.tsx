import { m } from 'framer-motion';
import { useState } from 'react';
import { DEPLOY_STEPS, STEP_COMMANDS } from '../../core/ops/checklist';
import { composeServices, composeVolumes } from '../../core/ops/compose';
import { AUTOMATIC_STEPS, MANUAL_STEPS, STAGES } from '../../core/ops/pipeline';
import { useDocumentStore } from '../../state/documentStore';
import { useOpsStore } from '../../state/opsStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import './ops.css';
import { Fold, FoldProvider } from '../scaling/Fold';

/** CI/CD pipeline vs manual deploy, the section-14 checklist, and the Compose view. */
export default function DeployPanel() {
  const t = useT();
  const pipeline = useOpsStore((s) => s.pipeline);
  const restartMode = useOpsStore((s) => s.restartMode);
  const deploys = useOpsStore((s) => s.deploys);
  const step = useOpsStore((s) => s.checklistStep);
  const ops = useOpsStore.getState();
  const [testsPass, setTestsPass] = useState(true);
  const [manualDone, setManualDone] = useState(0);

  return (
    <FoldProvider panel="deploy" open={['pipeline']}>
    <section className="ops-panel" aria-labelledby="ops-deploy-title">
      <h2 id="ops-deploy-title">{t('ops.deploy.title')}</h2>

      <Fold id="pipeline" headingId="ops-pipe-title" title={t('ops.deploy.pipeline')}>
      <label className="ops-field">
        <input type="checkbox" checked={testsPass} onChange={(e) => setTestsPass(e.target.checked)} />
        {t('ops.deploy.testsPass')}
      </label>
      <fieldset className="ops-toggles">
        <legend>{t('ops.deploy.restartMode')}</legend>
        <label>
          <input type="radio" name="ops-restart" checked={restartMode === 'graceful'} onChange={() => ops.setRestartMode('graceful')} />
          {t('ops.deploy.graceful')}
        </label>
        <label>
          <input type="radio" name="ops-restart" checked={restartMode === 'hard'} onChange={() => ops.setRestartMode('hard')} />
          {t('ops.deploy.hard')}
        </label>
      </fieldset>
      <div className="ops-buttons">
        <button type="button" className="btn btn--primary" disabled={pipeline.result === 'running'} onClick={() => ops.runPipeline(testsPass)}>
          {t('ops.deploy.push')}
        </button>
      </div>
      <ol className="ops-pipeline" aria-labelledby="ops-pipe-title">
        {STAGES.map((s) => {
          const status = pipeline.status[s];
          return (
            <li key={s} className="ops-stage" data-status={status}>
              <span>
                <strong>{t(`ops.deploy.stage.${s}`)}</strong>
                <br />
                <code>{AUTOMATIC_STEPS[s]}</code>
              </span>
              <span className="ops-stage__status">{t(`ops.deploy.status.${status}`)}</span>
              {status === 'running' && (
                <m.span className="ops-stage__bar" initial={{ width: '0%' }} animate={{ width: '100%' }} transition={{ duration: 0.7, ease: 'linear' }} />
              )}
            </li>
          );
        })}
      </ol>
      <p className="ops-note" role="status">
        {pipeline.result === 'failed'
          ? t('ops.deploy.resultFailed')
          : pipeline.result === 'succeeded'
            ? t(restartMode === 'graceful' ? 'ops.deploy.resultGraceful' : 'ops.deploy.resultHard')
            : pipeline.result === 'running'
              ? t('ops.deploy.resultRunning')
              : t('ops.deploy.resultIdle')}
      </p>
      </Fold>

      <Fold id="manual" headingId="ops-manual-title" title={t('ops.deploy.manualVsAuto')}>
      <div className="ops-cols">
        <div>
          <h4>{t('ops.deploy.manual')}</h4>
          <ol>
            {MANUAL_STEPS.map((c, i) => (
              <li key={c} data-done={i < manualDone}>
                <code>{c}</code> {i < manualDone ? '✓' : ''}
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="btn"
            onClick={() => {
              const next = manualDone + 1;
              setManualDone(next >= MANUAL_STEPS.length + 1 ? 0 : next);
              if (next === MANUAL_STEPS.length) ops.deploy();
            }}
          >
            {manualDone >= MANUAL_STEPS.length ? t('ops.deploy.manualAgain') : t('ops.deploy.manualNext')}
          </button>
        </div>
        <div>
          <h4>{t('ops.deploy.auto')}</h4>
          <p className="ops-note">{t('ops.deploy.autoText')}</p>
        </div>
      </div>
      {deploys > 0 && <p className="ops-note">{t('ops.deploy.deploys', { n: deploys })}</p>}
      </Fold>

      <Fold id="checklist" headingId="ops-check-title" title={t('ops.deploy.checklist')}>
      <p className="ops-note">{t('ops.deploy.checklistHint')}</p>
      <div className="ops-buttons">
        <button type="button" className="btn" onClick={() => ops.setChecklistStep(0)}>
          {t('ops.deploy.emptyServer')}
        </button>
        <button type="button" className="btn" disabled={step === null} onClick={() => ops.setChecklistStep(null)}>
          {t('ops.deploy.backToProduction')}
        </button>
      </div>
      <ol className="ops-checklist" aria-labelledby="ops-check-title">
        {DEPLOY_STEPS.map((s, i) => {
          const n = i + 1;
          const done = step !== null && n <= step;
          return (
            <li key={s}>
              <label>
                <input type="checkbox" checked={done} onChange={(e) => ops.setChecklistStep(e.target.checked ? n : n - 1)} />
                <span>
                  {n}. {t(`ops.deploy.step.${s}`)}
                  <code>{STEP_COMMANDS[s]}</code>
                </span>
              </label>
            </li>
          );
        })}
      </ol>
      <p className="ops-note">{t('ops.deploy.mediaShared')}</p>
      </Fold>

      <Compose />
    </section>
    </FoldProvider>
  );
}

function Compose() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const services = composeServices(topology);
  const names = new Map(topology.nodes.map((n) => [n.id, nodeName(n, t)]));
  return (
    <Fold id="compose" headingId="ops-compose-title" title={t('ops.deploy.compose')}>
      <p className="ops-note">{t('ops.deploy.composeHint')}</p>
      <div className="ops-compose" role="list" aria-labelledby="ops-compose-title">
        {services.map((s) => (
          <div key={s.name} className="ops-service" role="listitem" aria-label={s.name}>
            <h4>{s.name}</h4>
            <dl>
              <dt>{t('ops.deploy.image')}</dt>
              <dd>{s.image}</dd>
              {s.command && (
                <>
                  <dt>{t('ops.deploy.command')}</dt>
                  <dd>{s.command}</dd>
                </>
              )}
              <dt>{t('ops.deploy.ports')}</dt>
              <dd>{s.ports.join(', ')}</dd>
              <dt>{t('ops.deploy.volumes')}</dt>
              <dd>{s.volumes.length ? s.volumes.join(', ') : '—'}</dd>
              {s.dependsOn.length > 0 && (
                <>
                  <dt>depends_on</dt>
                  <dd>{s.dependsOn.join(', ')}</dd>
                </>
              )}
              {s.replicas > 1 && (
                <>
                  <dt>replicas</dt>
                  <dd>{s.replicas}</dd>
                </>
              )}
              <dt>{t('ops.deploy.onCanvas')}</dt>
              <dd>{[...new Set(s.nodeIds.map((id) => names.get(id) ?? id))].join(', ')}</dd>
            </dl>
          </div>
        ))}
      </div>
      <p className="ops-note">
        volumes: <code>{composeVolumes(services).join(', ')}</code>
      </p>
    </Fold>
  );
}

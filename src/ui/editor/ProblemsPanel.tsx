import { useMemo } from 'react';
import { checkTopology, type Severity } from '../../core/topology/rules';
import { SCENES } from '../../core/topology/scenes';
import type { TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import { useEditorStore } from './editorStore';
import { addAtViewCentre } from './actions';
import './editor.css';

const MARK: Record<Severity, string> = { error: '⛔', warning: '⚠', info: 'ℹ' };

/** Teachable validation: what is wrong with the architecture on screen, and how to fix it. */
export default function ProblemsPanel() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const findings = useMemo(
    () => checkTopology(topology, { productionLike: SCENES[scene].productionLike }),
    [topology, scene],
  );
  const byId = useMemo(() => new Map(topology.nodes.map((n) => [n.id, n] as const)), [topology]);

  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title" className="problems__title">
        {t('editor.problems.title')}{' '}
        <span className="problems__count">
          {t('editor.problems.count', { count: findings.length })}
        </span>
      </h2>
      {findings.length === 0 ? (
        <p className="problems__none">{t('editor.problems.none')}</p>
      ) : (
        <ul className="problems__list">
          {findings.map((f) => (
            <li key={f.id} className={`finding finding--${f.severity}`}>
              <p className="finding__message">
                <span className="finding__severity">
                  <span aria-hidden="true">{MARK[f.severity]} </span>
                  {t(`editor.problems.severity.${f.severity}`)}:
                </span>{' '}
                {t(f.messageKey as TKey, f.vars)}
              </p>
              {f.nodeIds.length > 0 && (
                <ul className="finding__nodes" aria-label={t('editor.problems.nodes')}>
                  {f.nodeIds.map((id) => {
                    const node = byId.get(id);
                    return (
                      <li key={id}>
                        <button
                          type="button"
                          className="finding__node"
                          onClick={() => useEditorStore.getState().flow?.focusNode(id)}
                        >
                          {node ? nodeName(node, t) : id}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
              <p className="finding__fix">
                <strong>{t('editor.problems.fix')}</strong> {t(f.fixKey as TKey, f.vars)}
              </p>
              {f.addKind && (
                <button
                  type="button"
                  className="btn finding__add"
                  onClick={() => f.addKind && addAtViewCentre(f.addKind)}
                >
                  {t('editor.problems.add', { name: t(`catalog.${f.addKind}.name` as TKey) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

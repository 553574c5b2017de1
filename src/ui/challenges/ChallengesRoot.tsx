import { useEffect, useState } from 'react';
import { CHALLENGES } from '../../content/challenges';
import { grade, startTopology } from '../../core/challenges/grade';
import type { ChallengeDef, Goal, GoalResult } from '../../core/challenges/types';
import type { TFn, TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { useOpsStore } from '../../state/opsStore';
import { confirmReplace } from '../../state/replaceGuard';
import { useUiStore } from '../../state/uiStore';
import { Dialog } from '../classroom/Dialog';
import { useEditorStore } from '../editor/editorStore';
import { useT } from '../useT';
import { useChallengeStore } from './challengeStore';
import '../classroom/classroom.css';
import './challenges.css';

function text(c: ChallengeDef, lang: string) {
  return lang === 'tr' ? c.tr : c.en;
}

/** Width of the challenge panel plus its margins (see challenges.css). */
const PANEL_RESERVE = 372;

const name = (t: TFn, kind: string) => t(`catalog.${kind}.name` as TKey);

/** A goal in words, from its kind and numbers. */
function goalText(g: Goal, t: TFn): string {
  switch (g.kind) {
    case 'path':
      return t('challenges.goal.path', { path: g.through.map((k) => name(t, k)).join(' → ') });
    case 'edge':
      return t(g.every ? 'challenges.goal.edgeEvery' : 'challenges.goal.edge', {
        from: name(t, g.from),
        to: name(t, g.to),
      });
    case 'noEdge':
      return t('challenges.goal.noEdge', {
        from: g.from.map((k) => name(t, k)).join(' / '),
        to: g.to.map((k) => name(t, k)).join(' / '),
      });
    case 'spread':
      return t('challenges.goal.spread', { min: g.min, name: name(t, g.component) });
    case 'count':
      if (g.max === 0) return t('challenges.goal.none', { name: name(t, g.component) });
      if (g.min !== undefined) return t('challenges.goal.atLeast', { min: g.min, name: name(t, g.component) });
      return t('challenges.goal.atMost', { max: g.max ?? 0, name: name(t, g.component) });
    case 'maxServers':
      return t('challenges.goal.maxServers', { max: g.max });
    case 'allInBoxes':
      return t('challenges.goal.allInBoxes');
    case 'noErrors':
      return t('challenges.goal.noErrors');
    case 'noFinding':
      return t('challenges.goal.noFinding', { message: t(`editor.rules.${g.rule}.message` as TKey) });
    case 'success':
      return t('challenges.goal.success', { min: g.min });
    case 'p95':
      return t('challenges.goal.p95', { max: g.max });
    case 'cost':
      return t('challenges.goal.cost', { max: g.max });
    case 'security':
      return t('challenges.goal.security', { setting: t(`challenges.security.${g.setting}`) });
    case 'gracefulDeploy':
      return t('challenges.goal.gracefulDeploy');
  }
}

function measured(r: GoalResult, t: TFn, lang: string): string | null {
  if (r.value === undefined) return null;
  const v = Number.isFinite(r.value)
    ? r.value.toLocaleString(lang, { maximumFractionDigits: 1 })
    : t('challenges.tooSlow');
  return t('challenges.measured', { value: v });
}

/**
 * Loads a challenge: its diagram replaces the scene's (one undoable step), and the panel opens.
 * Asks first when the scene's work is not safely saved (replaceGuard); "Keep my work" keeps
 * the list open and the work as it is.
 */
async function startChallenge(c: ChallengeDef) {
  if (!(await confirmReplace(c.scene, 'challenge'))) return;
  const ui = useUiStore.getState();
  ui.setScene(c.scene);
  useDocumentStore.getState().replaceTopology(c.scene, startTopology(c.start));
  useChallengeStore.getState().start(c.id);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => useEditorStore.getState().flow?.fitView()),
  );
}

function ChallengeList() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const progress = useChallengeStore((s) => s.progress);
  return (
    <Dialog
      title={t('challenges.title')}
      closeLabel={t('challenges.close')}
      className="ch-dialog"
      onClose={() => useChallengeStore.getState().closeList()}
    >
      <p className="ch-intro">{t('challenges.intro')}</p>
      <ol className="ch-list">
        {CHALLENGES.map((c) => {
          const x = text(c, lang);
          const p = progress[c.id];
          return (
            <li key={c.id} className="ch-item">
              <div className="ch-item__text">
                <h3 className="ch-item__title">{x.title}</h3>
                <p className="ch-item__meta">
                  {t('challenges.level', { level: c.level })}
                  {p && (
                    <>
                      {' · '}
                      {t('challenges.best', { percent: p.percent })}
                      {p.stars > 0 && (
                        <span aria-label={t('challenges.stars', { count: p.stars })}>
                          {' '}
                          {'★'.repeat(p.stars)}
                        </span>
                      )}
                    </>
                  )}
                </p>
              </div>
              <button
                type="button"
                className="btn btn--primary"
                aria-label={t('challenges.startNamed', { title: x.title })}
                onClick={() => void startChallenge(c)}
              >
                {t('challenges.start')}
              </button>
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}

function ChallengePanel({ c }: { c: ChallengeDef }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const result = useChallengeStore((s) => s.grade);
  const checking = useChallengeStore((s) => s.checking);
  const [hints, setHints] = useState(0);
  const x = text(c, lang);
  const check = () => {
    const store = useChallengeStore.getState();
    store.setChecking(true);
    // Let "Checking…" paint before the seeded run takes the main thread.
    setTimeout(() => {
      const topology = useDocumentStore.getState().topologies[c.scene];
      const ops = useOpsStore.getState();
      const g = grade(c, topology, { security: ops.security, restartMode: ops.restartMode });
      useChallengeStore.getState().record(c.id, g);
    }, 30);
  };
  const results = result?.goals;
  // The panel floats over the canvas's right side: fitting the view keeps the diagram clear of it.
  useEffect(() => {
    const editor = useEditorStore.getState();
    editor.setReserveRight(PANEL_RESERVE);
    const id = requestAnimationFrame(() => useEditorStore.getState().flow?.fitView());
    return () => {
      cancelAnimationFrame(id);
      useEditorStore.getState().setReserveRight(0);
      useEditorStore.getState().flow?.fitView();
    };
  }, []);
  return (
    <section className="ch-panel" aria-labelledby="ch-panel-title">
      <header className="ch-panel__head">
        <h2 id="ch-panel-title">{x.title}</h2>
        <button
          type="button"
          className="btn btn--ghost"
          onClick={() => useChallengeStore.getState().stop()}
        >
          {t('challenges.leave')}
        </button>
      </header>
      <div className="ch-panel__check">
        <button type="button" className="btn btn--primary" onClick={check} disabled={checking}>
          {checking ? t('challenges.checking') : t('challenges.check')}
        </button>
        <p className="ch-result" role="status">
          {result &&
            !checking &&
            t('challenges.result', {
              percent: result.percent,
              met: result.goals.filter((g) => g.met).length,
              total: result.goals.length,
            })}
          {result && !checking && result.stars > 0 && ` ${t('challenges.stars', { count: result.stars })}`}
          {result && !checking && ` ${t('challenges.cost', { cost: result.cost.toLocaleString(lang) })}`}
        </p>
      </div>
      <div className="ch-panel__body">
        <p className="ch-panel__brief">{x.brief}</p>
        <h3 className="ch-panel__sub">{t('challenges.goals')}</h3>
        <GoalList goals={c.goals} results={results} marks={['✓', '✗', '○']} />
        {c.bonus.length > 0 && (
          <>
            <h3 className="ch-panel__sub">{t('challenges.bonus')}</h3>
            <GoalList goals={c.bonus} results={result?.bonus} marks={['★', '☆', '☆']} bonus />
          </>
        )}
        {c.run && (
          <p className="ch-note">
            {t('challenges.runNote', { rps: c.run.rps, seconds: c.run.seconds, seed: c.run.seed })}
          </p>
        )}
        <div className="ch-hints">
          {x.hints.slice(0, hints).map((h, i) => (
            <p key={i} className="ch-hint">
              <strong>{t('challenges.hintN', { n: i + 1 })}</strong> {h}
            </p>
          ))}
          {hints < x.hints.length && (
            <button type="button" className="btn" onClick={() => setHints(hints + 1)}>
              {t('challenges.hint', { n: hints + 1, total: x.hints.length })}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}

/**
 * A challenge's goals (or bonus goals) with what the last Check found: a mark for met, unmet or
 * not checked yet (`marks`), the goal, and the measured value.
 */
function GoalList({
  goals,
  results,
  marks,
  bonus = false,
}: {
  goals: readonly Goal[];
  results: readonly GoalResult[] | undefined;
  marks: readonly [met: string, unmet: string, unchecked: string];
  bonus?: boolean;
}) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  return (
    <ul className={`ch-goals${bonus ? ' ch-goals--bonus' : ''}`}>
      {goals.map((g, i) => {
        const r = results?.[i];
        const value = r ? measured(r, t, lang) : null;
        return (
          <li key={i} className={r ? (r.met ? 'is-met' : 'is-unmet') : undefined}>
            <span className="ch-mark" aria-hidden="true">
              {r ? (r.met ? marks[0] : marks[1]) : marks[2]}
            </span>
            <span>
              {r && (
                <span className="visually-hidden">
                  {r.met ? t('challenges.met') : t('challenges.unmet')}:{' '}
                </span>
              )}
              {goalText(g, t)}
              {value && <span className="ch-value"> {value}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export default function ChallengesRoot() {
  const listOpen = useChallengeStore((s) => s.listOpen);
  const activeId = useChallengeStore((s) => s.activeId);
  const active = CHALLENGES.find((c) => c.id === activeId);
  return (
    <>
      {listOpen && <ChallengeList />}
      {active && <ChallengePanel key={active.id} c={active} />}
    </>
  );
}

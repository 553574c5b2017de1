import { useEffect, useRef } from 'react';
import { CHALLENGES } from '../../content/challenges';
import { startTopology } from '../../core/challenges/grade';
import { useClassroomStore } from '../../state/classroomStore';
import { useDocumentStore } from '../../state/documentStore';
import { useSimStore } from '../../state/simStore';
import { useTraceStore } from '../../state/traceStore';
import { useUiStore } from '../../state/uiStore';
import { useChallengeStore } from '../challenges/challengeStore';
import { Dialog } from '../classroom/Dialog';
import { useEditorStore } from '../editor/editorStore';
import { useT } from '../useT';
import '../classroom/classroom.css';
import './welcome.css';

const REBUILD = 'rebuild-production';

function exploreProduction() {
  useUiStore.getState().setScene('production');
  const sim = useSimStore.getState();
  if (!sim.playing) sim.play();
}

function watchRequest() {
  useUiStore.getState().setScene('production');
  useTraceStore.getState().start();
}

/** The Rebuild Production challenge: its empty start replaces the scene, the panel opens. */
function rebuild() {
  const c = CHALLENGES.find((x) => x.id === REBUILD);
  if (!c) {
    useChallengeStore.getState().openList();
    return;
  }
  useUiStore.getState().setScene(c.scene);
  useDocumentStore.getState().replaceTopology(c.scene, startTopology(c.start));
  useChallengeStore.getState().start(c.id);
  requestAnimationFrame(() => requestAnimationFrame(() => useEditorStore.getState().flow?.fitView()));
}

/**
 * First visit: what ProdViz is, and three ways in — watch one request, explore Production with
 * traffic running, rebuild it yourself — plus the teacher's way (the 45-minute class).
 * A native modal dialog: focus stays inside, Esc closes it; any choice closes it for good.
 */
export default function WelcomeDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const first = useRef<HTMLButtonElement>(null);
  // After the dialog has opened (its effect runs before this one): focus on the first choice.
  useEffect(() => first.current?.focus(), []);
  // A modal <dialog> keeps the page inert, but Tab past its last button reaches the browser's
  // own toolbar: wrap it around instead, so the keyboard stays with the choices.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const box = first.current?.closest('dialog');
      if (!box) return;
      const items = Array.from(box.querySelectorAll<HTMLElement>('button:not(:disabled)'));
      const [head, tail] = [items[0], items[items.length - 1]];
      const at = document.activeElement;
      if (e.shiftKey ? at === head || !box.contains(at) : at === tail || !box.contains(at)) {
        e.preventDefault();
        (e.shiftKey ? tail : head)?.focus();
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  // The choice runs after the dialog has closed (and given focus back), so its panel gets the focus.
  const choose = (go: () => void) => () => {
    onClose();
    setTimeout(go, 0);
  };
  const choices = [
    { id: 'watch', go: watchRequest, icon: '→●' },
    { id: 'explore', go: exploreProduction, icon: '▶' },
    { id: 'rebuild', go: rebuild, icon: '✚' },
  ] as const;
  return (
    <Dialog title={t('welcome.title')} closeLabel={t('welcome.close')} className="welcome-dialog" onClose={onClose}>
      <p className="welcome__intro">{t('welcome.intro')}</p>
      <ul className="welcome__choices">
        {choices.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={`welcome__choice${i === 0 ? ' welcome__choice--first' : ''}`}
              ref={i === 0 ? first : undefined}
              aria-describedby={`welcome-${c.id}-desc`}
              onClick={choose(c.go)}
            >
              <span className="welcome__icon" aria-hidden="true">
                {c.icon}
              </span>
              <span className="welcome__name">{t(`welcome.${c.id}.name`)}</span>
              <span className="welcome__desc" id={`welcome-${c.id}-desc`}>
                {t(`welcome.${c.id}.desc`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="welcome__class">
        <button type="button" className="btn btn--ghost" onClick={choose(() => useClassroomStore.getState().openLessons())}>
          {t('welcome.class')}
        </button>
        <span className="welcome__later">{t('welcome.later')}</span>
      </p>
    </Dialog>
  );
}

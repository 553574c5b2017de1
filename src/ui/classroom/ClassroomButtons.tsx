import { useT } from '../useT';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { startPresenting } from './present';
import { useHelpStore } from '../help/helpStore';
import { ChallengesButton } from '../challenges/ChallengesButton';
import { LiveButton } from '../live/LiveButton';

const ICON = { width: 18, height: 18, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

const BookIcon = () => (
  <svg {...ICON}>
    <path d="M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2z" />
    <path d="M4 21V5M8 7h7" />
  </svg>
);
const ScreenIcon = () => (
  <svg {...ICON}>
    <rect x="3" y="4" width="18" height="12" rx="1.5" />
    <path d="M12 16v4M8 20h8M10 8l4 2-4 2z" />
  </svg>
);
/** A checklist: the quiz. (The "?" circle is the help's.) */
const QuizIcon = () => (
  <svg {...ICON}>
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M8 8.5l1.5 1.5L12 7.5M8 14.5l1.5 1.5 2.5-2.5M14.5 9h2M14.5 15h2" />
  </svg>
);
const HelpIcon = () => (
  <svg {...ICON}>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V14M12 17.5v.01" />
  </svg>
);

/** Lessons, Present, Quiz and Help in the top bar; their words stay visible from 1280 px up. */
export function ClassroomButtons() {
  const t = useT();
  const lessonsOpen = useClassroomStore((s) => s.lessonsOpen);
  const quizOpen = useClassroomStore((s) => s.quizOpen);
  const presenting = useUiStore((s) => s.presenting);
  const helpOpen = useHelpStore((s) => s.open);
  return (
    <div className="classroom-buttons" role="group" aria-label={t('classroom.group')}>
      <button
        type="button"
        className="btn"
        title={t('classroom.lessons')}
        aria-haspopup="dialog"
        aria-expanded={lessonsOpen}
        onClick={() => useClassroomStore.getState().openLessons()}
      >
        <BookIcon />
        <span className="cls-btn__label">{t('classroom.lessons')}</span>
      </button>
      <button
        type="button"
        className="btn"
        title={t('classroom.present')}
        aria-pressed={presenting}
        onClick={() => startPresenting()}
      >
        <ScreenIcon />
        <span className="cls-btn__label">{t('classroom.present')}</span>
      </button>
      <button
        type="button"
        className="btn"
        title={t('classroom.quiz')}
        aria-haspopup="dialog"
        aria-expanded={quizOpen}
        onClick={() => useClassroomStore.getState().openQuiz()}
      >
        <QuizIcon />
        <span className="cls-btn__label">{t('classroom.quiz')}</span>
      </button>
      <button
        type="button"
        className="btn cls-btn--fold"
        title={`${t('help.button')} (?)`}
        aria-haspopup="dialog"
        aria-expanded={helpOpen}
        aria-keyshortcuts="?"
        onClick={() => useHelpStore.getState().setOpen(true)}
      >
        <HelpIcon />
        <span className="cls-btn__label">{t('help.button')}</span>
      </button>
      <LiveButton />
      <ChallengesButton />
    </div>
  );
}

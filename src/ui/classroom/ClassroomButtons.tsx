import { useT } from '../useT';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { startPresenting } from './present';

/** Lessons, Present and Quiz in the top bar. */
export function ClassroomButtons() {
  const t = useT();
  const lessonsOpen = useClassroomStore((s) => s.lessonsOpen);
  const quizOpen = useClassroomStore((s) => s.quizOpen);
  const presenting = useUiStore((s) => s.presenting);
  return (
    <div className="classroom-buttons" role="group" aria-label={t('classroom.group')}>
      <button
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={lessonsOpen}
        onClick={() => useClassroomStore.getState().openLessons()}
      >
        {t('classroom.lessons')}
      </button>
      <button type="button" className="btn" aria-pressed={presenting} onClick={() => startPresenting()}>
        {t('classroom.present')}
      </button>
      <button
        type="button"
        className="btn"
        aria-haspopup="dialog"
        aria-expanded={quizOpen}
        onClick={() => useClassroomStore.getState().openQuiz()}
      >
        {t('classroom.quiz')}
      </button>
    </div>
  );
}

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Quiz, QuizQuestion } from '../../core/lessons/types';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { Dialog } from './Dialog';
import { loadQuiz } from './lessonData';

const FORWARD = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const BACK = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/**
 * The course's interview questions for the projector, one at a time: the question, a pause
 * for the room to think, then the answer. → / Space / PageDown (a clicker) reveal and go on,
 * ← / PageUp go back, Esc closes.
 */
export function InterviewView() {
  const t = useT();
  const [questions, setQuestions] = useState<QuizQuestion[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadQuiz().then(
      (q: Quiz) => live && setQuestions(q.questions.filter((x) => x.interview)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Dialog
      title={t('learn.interview.title')}
      onClose={() => useClassroomStore.getState().closeInterview()}
      className="interview-dialog"
      closeLabel={t('learn.interview.close')}
    >
      {failed && <p role="alert">{t('classroom.loadFailed')}</p>}
      {!questions && !failed && <p role="status">{t('classroom.loading')}</p>}
      {questions && questions.length > 0 && <InterviewCards questions={questions} />}
    </Dialog>
  );
}

function InterviewCards({ questions }: { questions: QuizQuestion[] }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [index, setIndex] = useState(0);
  const [revealed, setRevealed] = useState(false);
  const stage = useRef<HTMLElement>(null);
  useEffect(() => stage.current?.focus(), []);

  const q = questions[index]!;
  const last = index === questions.length - 1;
  const forward = () => {
    if (!revealed) setRevealed(true);
    else if (!last) {
      setIndex(index + 1);
      setRevealed(false);
    }
  };
  const back = () => {
    if (revealed) setRevealed(false);
    else if (index > 0) {
      setIndex(index - 1);
      setRevealed(true);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // A focused button handles its own Enter and Space.
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).closest('button')) return;
    if (FORWARD.has(e.key)) forward();
    else if (BACK.has(e.key)) back();
    else return;
    e.preventDefault();
  };

  return (
    <section
      ref={stage}
      className="interview"
      role="region"
      aria-label={t('learn.interview.region')}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <p className="interview__counter">{t('learn.interview.counter', { n: index + 1, total: questions.length })}</p>
      <h3 className="interview__question">{q.prompt[lang]}</h3>
      <div className="interview__answer" aria-live="polite">
        {revealed ? (
          <>
            <p className="interview__label">{t('learn.interview.answer')}</p>
            <p className="interview__right">{q.choices[q.answer]?.[lang]}</p>
            <p className="interview__why">{q.explanation[lang]}</p>
          </>
        ) : (
          <p className="interview__think">{t('learn.interview.think')}</p>
        )}
      </div>
      <div className="interview__nav">
        <button type="button" className="btn" onClick={back} disabled={index === 0 && !revealed}>
          ← {t('learn.interview.prev')}
        </button>
        <button type="button" className="btn btn--primary" onClick={forward} disabled={revealed && last}>
          {revealed ? t('learn.interview.next') : t('learn.interview.reveal')} →
        </button>
        <span className="interview__keys">{t('learn.interview.keys')}</span>
      </div>
    </section>
  );
}

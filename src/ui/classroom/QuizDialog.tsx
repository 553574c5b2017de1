import { useEffect, useId, useMemo, useState } from 'react';
import { COURSE_SECTIONS } from '../../core/lessons/sections';
import type { Quiz, QuizQuestion } from '../../core/lessons/types';
import { scoreQuiz } from '../../core/lessons/validate';
import { shuffleQuestion } from '../../core/lessons/quiz';
import { useSimStore } from '../../state/simStore';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { Dialog } from './Dialog';
import { loadAllLessons, loadQuiz } from './lessonData';

type Filter = 'all' | 'interview' | (typeof COURSE_SECTIONS)[number]['id'];

/** The interview-question quiz: choose, check (the explanation appears), score, try again. */
export function QuizDialog() {
  const t = useT();
  const [quiz, setQuiz] = useState<Quiz | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadQuiz().then(
      (q) => live && setQuiz(q),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Dialog
      title={t('classroom.quizTitle')}
      onClose={() => useClassroomStore.getState().closeQuiz()}
      className="quiz-dialog"
      closeLabel={t('classroom.close')}
    >
      {failed && <p role="alert">{t('classroom.loadFailed')}</p>}
      {!quiz && !failed && <p role="status">{t('classroom.loading')}</p>}
      {quiz && <QuizRun quiz={quiz} />}
      {quiz && (
        <p className="quiz__interview-link">
          <button type="button" className="btn btn--ghost" onClick={() => useClassroomStore.getState().openInterview()}>
            {t('learn.interview.open')}
          </button>
        </p>
      )}
    </Dialog>
  );
}

function QuizRun({ quiz }: { quiz: Quiz }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [filter, setFilter] = useState<Filter>('all');
  const [attempt, setAttempt] = useState(0);
  const questions = useMemo(
    () =>
      quiz.questions.filter((q) =>
        filter === 'all' ? true : filter === 'interview' ? q.interview === true : q.section === filter,
      ),
    [quiz, filter],
  );
  const filterId = useId();
  // Section names come from the lessons' titles, in the language on screen.
  const [titles, setTitles] = useState<Record<string, { tr: string; en: string }>>({});
  useEffect(() => {
    let live = true;
    loadAllLessons().then(
      (ls) => live && setTitles(Object.fromEntries(ls.map((l) => [l.id, l.title]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <div className="quiz__filter">
        <label htmlFor={filterId}>{t('classroom.quizRun.filter')}</label>
        <select
          id={filterId}
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as Filter);
            setAttempt((a) => a + 1);
          }}
        >
          <option value="all">{t('classroom.quizRun.all', { n: quiz.questions.length })}</option>
          <option value="interview">{t('classroom.quizRun.interviewOnly')}</option>
          {COURSE_SECTIONS.map((s) => {
            const q = quiz.questions.find((x) => x.section === s.id);
            return q ? (
              <option key={s.id} value={s.id}>
                {titles[s.id]?.[lang] ?? s.name}
              </option>
            ) : null;
          })}
        </select>
      </div>
      <QuizQuestions
        key={`${filter}-${attempt}`}
        questions={questions}
        attempt={attempt}
        onRetry={() => setAttempt((a) => a + 1)}
      />
    </>
  );
}

function QuizQuestions({ questions, attempt, onRetry }: { questions: QuizQuestion[]; attempt: number; onRetry: () => void }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  // Choices are shuffled per attempt from the app's seed; answers are kept as stored indexes.
  const seed = useSimStore((s) => s.seed);
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<number | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [finished, setFinished] = useState(false);
  const score = scoreQuiz(questions, answers);
  const q = questions[index];
  const revealed = q !== undefined && answers[q.id] !== undefined;
  const groupName = useId();

  if (finished || !q) {
    return (
      <div className="quiz__result">
        <p className="quiz__score" role="status">
          {t('classroom.quizRun.result', { correct: score.correct, total: score.total })}
        </p>
        <button type="button" className="btn btn--primary" onClick={onRetry}>
          {t('classroom.quizRun.retry')}
        </button>
      </div>
    );
  }

  const last = index === questions.length - 1;
  const shown = shuffleQuestion(q, seed, attempt);
  const chosenStored = answers[q.id];
  const chosen = chosenStored === undefined ? undefined : shown.order.indexOf(chosenStored);
  const right = q.choices[q.answer]?.[lang] ?? '';
  return (
    <form
      className="quiz"
      onSubmit={(e) => {
        e.preventDefault();
        if (!revealed) {
          if (choice !== null) setAnswers((a) => ({ ...a, [q.id]: shown.order[choice]! }));
        } else if (last) setFinished(true);
        else {
          setIndex(index + 1);
          setChoice(null);
        }
      }}
    >
      <div className="quiz__meta">
        <span>{t('classroom.quizRun.question', { n: index + 1, total: questions.length })}</span>
        {q.interview && <span className="quiz__badge">{t('classroom.quizRun.interview')}</span>}
        <span className="quiz__running" aria-live="polite">
          {t('classroom.quizRun.score', { correct: score.correct, answered: score.answered })}
        </span>
      </div>
      <fieldset className="quiz__choices" disabled={revealed}>
        <legend className="quiz__prompt">{q.prompt[lang]}</legend>
        {shown.choices.map((c, i) => {
          const state = !revealed ? '' : i === shown.answer ? ' is-right' : i === chosen ? ' is-wrong' : '';
          return (
            <label key={i} className={`quiz__choice${state}`}>
              <input
                type="radio"
                name={groupName}
                value={i}
                checked={(revealed ? chosen : choice) === i}
                onChange={() => setChoice(i)}
              />
              <span>{c[lang]}</span>
              {revealed && i === shown.answer && <span className="quiz__mark" aria-hidden="true">✓</span>}
              {revealed && i === chosen && i !== shown.answer && <span className="quiz__mark" aria-hidden="true">✗</span>}
            </label>
          );
        })}
      </fieldset>
      {revealed && (
        <div className={`quiz__feedback${chosenStored === q.answer ? ' is-right' : ' is-wrong'}`} role="status">
          <strong>{chosenStored === q.answer ? t('classroom.quizRun.correct') : t('classroom.quizRun.wrong', { answer: right })}</strong>{' '}
          {q.explanation[lang]}
        </div>
      )}
      <div className="quiz__actions">
        {!revealed ? (
          <button type="submit" className="btn btn--primary" disabled={choice === null}>
            {t('classroom.quizRun.check')}
          </button>
        ) : (
          <button type="submit" className="btn btn--primary" autoFocus>
            {last ? t('classroom.quizRun.finish') : t('classroom.quizRun.next')}
          </button>
        )}
      </div>
    </form>
  );
}

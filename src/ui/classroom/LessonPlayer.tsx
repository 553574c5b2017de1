import { useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../core/lessons/types';
import { resolveUiRefs } from '../../core/lessons/uiRefs';
import { useClassroomStore } from '../../state/classroomStore';
import { showStep } from './driver';
import { useUiStore } from '../../state/uiStore';
import type { TKey } from '../../i18n';
import { actionText } from './actionText';
import { useT } from '../useT';
import { fitViewSoon } from './fitView';
import { loadLesson, neighbour } from './lessonData';
import { stepBy } from './navigation';
import { Presenter } from './Presenter';
import { stopPresenting } from './present';

/** Keeps ?lesson=&step= in the address, so the page can be shared or reloaded at this step. */
function useLessonUrl(id: string, step: number) {
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('lesson', id);
    url.searchParams.set('step', String(step + 1));
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [id, step]);
  useEffect(
    () => () => {
      const url = new URL(window.location.href);
      url.searchParams.delete('lesson');
      url.searchParams.delete('step');
      window.history.replaceState(null, '', url);
    },
    [],
  );
}

/**
 * Plays a lesson on the live canvas: each step switches the scene, highlights nodes and runs
 * its action on the simulation. A card over the canvas when editing; the presenter's
 * caption bar in presenter mode.
 */
export function LessonPlayer({ lessonId, presenting }: { lessonId: string; presenting: boolean }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const step = useClassroomStore((s) => s.step);
  const predicting = useClassroomStore((s) => s.predicting);
  const [lesson, setLesson] = useState<Lesson | null>(null);
  const [failed, setFailed] = useState(false);
  const shown = useRef<number | null>(null);

  useEffect(() => {
    let live = true;
    loadLesson(lessonId).then(
      (l) => live && setLesson(l),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [lessonId]);

  const index = lesson ? Math.min(step, lesson.steps.length - 1) : step;
  useLessonUrl(lessonId, index);

  // Put the step on the canvas whenever it changes.
  useEffect(() => {
    if (!lesson) return;
    if (index !== step) useClassroomStore.getState().goTo(index);
    const changed = showStep(lesson, shown.current, index);
    shown.current = index;
    if (changed) fitViewSoon();
  }, [lesson, index, step]);

  // A clicker works outside presenter mode too: PageDown / PageUp step through the lesson.
  useEffect(() => {
    if (!lesson || presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'PageDown' || e.key === 'PageUp') {
        e.preventDefault();
        stepBy(lesson, e.key === 'PageDown' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lesson, presenting]);

  useEffect(() => {
    fitViewSoon();
  }, [presenting]);

  if (failed) {
    return (
      <section className="lesson-card" role="region" aria-label={t('classroom.lessonRegion')}>
        <p role="alert">{t('classroom.loadFailed')}</p>
        <button type="button" className="btn" onClick={() => useClassroomStore.getState().closeLesson()}>
          {t('classroom.closeLesson')}
        </button>
      </section>
    );
  }
  if (!lesson) return null;
  const current = lesson.steps[index];
  if (!current) return null;
  const total = lesson.steps.length;
  const atStart = index === 0 && neighbour(lesson.id, -1) === null;
  const atEnd = index === total - 1 && neighbour(lesson.id, 1) === null;
  const nextIsLesson = index === total - 1 && !atEnd;
  const action = current.action ? actionText(t, lang, current.scene, current.action) : null;
  const say = (text: string) => resolveUiRefs(text, (key) => t(key as TKey));
  const narration = say(current.narration[lang]);
  const aside = current.aside ? say(current.aside[lang]) : null;
  // "Predict first": the next step's question is on screen; the canvas still shows this step.
  const question = predicting !== null ? lesson.steps[predicting]?.predict : undefined;

  if (presenting) {
    return (
      <Presenter
        lesson={lesson}
        index={index}
        title={lesson.title[lang]}
        stepTitle={question ? t('learn.predict.title') : current.title[lang]}
        narration={question ? `${say(question[lang])} ${t('learn.predict.reveal')}` : narration}
        aside={question ? null : aside}
        action={question ? null : action}
        atStart={atStart}
        atEnd={atEnd}
        onExit={() => stopPresenting()}
      />
    );
  }

  return (
    <section className="lesson-card" role="region" aria-label={t('classroom.lessonRegion')}>
      <header className="lesson-card__head">
        <p className="lesson-card__lesson">{lesson.title[lang]}</p>
        <p className="lesson-card__counter">
          <span className="visually-hidden">{t('classroom.step')} </span>
          {index + 1} / {total}
        </p>
      </header>
      {question ? (
        <div className="lesson-card__predict" aria-live="polite">
          <h2 className="lesson-card__title">{t('learn.predict.title')}</h2>
          <p className="lesson-card__narration">{say(question[lang])}</p>
          <p className="lesson-card__hint">{t('learn.predict.reveal')}</p>
        </div>
      ) : (
        <>
          <h2 className="lesson-card__title">{current.title[lang]}</h2>
          <p className="lesson-card__narration" aria-live="polite">
            {narration}
          </p>
          {aside && (
            <aside className="lesson-card__aside" aria-label={t('learn.aside')}>
              <p>{aside}</p>
            </aside>
          )}
        </>
      )}
      {action && !question && (
        <p className="lesson-card__action">
          <span aria-hidden="true">⚡ </span>
          {action}
        </p>
      )}
      <div className="lesson-card__nav">
        <button type="button" className="btn" disabled={atStart} onClick={() => stepBy(lesson, -1)} aria-keyshortcuts="PageUp">
          ← {t('classroom.prev')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={atEnd}
          onClick={() => stepBy(lesson, 1)}
          aria-keyshortcuts="PageDown"
        >
          {question ? t('learn.predict.revealButton') : nextIsLesson ? t('classroom.nextLesson') : t('classroom.next')} →
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => useClassroomStore.getState().closeLesson()}>
          {t('classroom.closeLesson')}
        </button>
      </div>
    </section>
  );
}

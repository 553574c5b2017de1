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
import { pickCorner, useCardStore } from './cardStore';

/**
 * Keeps ?lesson=&step= (and &present=1 while presenting) in the address, so a reload — or
 * the page shared — comes back to this step, in presenter mode if it was.
 */
function useLessonUrl(id: string, step: number, presenting: boolean) {
  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('lesson', id);
    url.searchParams.set('step', String(step + 1));
    if (presenting) url.searchParams.set('present', '1');
    else url.searchParams.delete('present');
    if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  }, [id, step, presenting]);
  useEffect(
    () => () => {
      const url = new URL(window.location.href);
      url.searchParams.delete('lesson');
      url.searchParams.delete('step');
      url.searchParams.delete('present');
      window.history.replaceState(null, '', url);
    },
    [],
  );
}

/**
 * Keeps the lesson card off the nodes its step highlights: after each step it takes the first
 * corner of the canvas that covers none of them; when every corner would, it stays bottom-left
 * and asks the canvas to refit the highlighted nodes beside it (useLessonCardRefit). Dragging
 * the card by its header puts it where the teacher wants, and then it stays there.
 */
function useCardPlacement(active: boolean, index: number) {
  const ref = useRef<HTMLElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  // Which step the card was last placed for (data-placed on the card: tests wait on it).
  const [placed, setPlaced] = useState<number | null>(null);
  const moved = useRef(false);
  const highlight = useClassroomStore((s) => s.highlight);
  useEffect(() => {
    if (!active) return;
    const place = () => {
      const el = ref.current;
      const wrap = document.querySelector('.canvas-wrap');
      if (!el || !wrap || moved.current) return;
      const canvas = wrap.getBoundingClientRect();
      const targets = highlight.flatMap((id) => {
        const node = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
        return node ? [node.getBoundingClientRect()] : [];
      });
      const size = { width: el.offsetWidth, height: el.offsetHeight };
      const spot = pickCorner(canvas, size, targets);
      const at = spot ?? { left: canvas.left + 12, top: canvas.bottom - 12 - size.height };
      setPos(at);
      setPlaced(index);
      useCardStore
        .getState()
        .setAvoid(
          spot || targets.length === 0
            ? null
            : { rect: { left: at.left, top: at.top, right: at.left + size.width, bottom: at.top + size.height }, ids: highlight },
        );
    };
    // After the step's own fit (two frames) and the scene's entrance have settled.
    let timer = setTimeout(place, 350);
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(place, 200);
    };
    window.addEventListener('resize', onResize);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', onResize);
    };
  }, [active, index, highlight]);
  useEffect(() => () => useCardStore.getState().setAvoid(null), []);

  const onGrab = (e: React.PointerEvent<HTMLElement>) => {
    const el = ref.current;
    if (!el || e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
    const start = { x: e.clientX, y: e.clientY, ...el.getBoundingClientRect().toJSON() } as { x: number; y: number; left: number; top: number };
    const move = (ev: PointerEvent) => {
      moved.current = true;
      const left = Math.min(Math.max(0, start.left + ev.clientX - start.x), window.innerWidth - el.offsetWidth);
      const top = Math.min(Math.max(0, start.top + ev.clientY - start.y), window.innerHeight - el.offsetHeight);
      setPos({ left, top });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const style: React.CSSProperties | undefined = pos ? { left: pos.left, top: pos.top, bottom: 'auto' } : undefined;
  return [ref, style, onGrab, placed] as const;
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
  useLessonUrl(lessonId, index, presenting);

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

  const [cardRef, cardStyle, onGrab, placedFor] = useCardPlacement(!presenting && lesson !== null, index);

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
    <section
      ref={cardRef}
      className="lesson-card"
      role="region"
      aria-label={t('classroom.lessonRegion')}
      style={cardStyle}
      data-placed={placedFor ?? undefined}
    >
      <header className="lesson-card__head" onPointerDown={onGrab} title={t('classroom.presenter.moveCard')}>
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

import { useEffect, useState } from 'react';
import type { Lesson } from '../../core/lessons/types';
import { CLASS_PATH, CLASS_PATH_MINUTES } from '../../core/lessons/sections';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { Dialog } from './Dialog';
import { loadAllLessons } from './lessonData';
import { startPresenting } from './present';

/** The course: one lesson per section, with progress, start / continue / start over. */
export function LessonsDialog() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const progress = useClassroomStore((s) => s.progress);
  const current = useClassroomStore((s) => s.lessonId);
  const [lessons, setLessons] = useState<Lesson[] | null>(null);
  const [failed, setFailed] = useState(false);
  // The 45-minute class (a curated path with minutes) or the full course.
  const [path, setPath] = useState<'class' | 'full'>('full');
  const minutes = new Map<string, number>(CLASS_PATH.map((l) => [l.id, l.minutes]));

  useEffect(() => {
    let live = true;
    loadAllLessons().then(
      (l) => live && setLessons(l),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const close = () => useClassroomStore.getState().closeLessons();
  const open = (l: Lesson, from: number, present = false) => {
    useClassroomStore.getState().openLesson(l.id, from);
    if (present) startPresenting();
  };

  return (
    <Dialog title={t('classroom.lessonsTitle')} onClose={close} className="lessons-dialog" closeLabel={t('classroom.close')}>
      <p className="lessons-dialog__intro">{t('classroom.lessonsIntro')}</p>
      <div className="lessons-path" role="group" aria-label={t('learn.path.show')}>
        <button type="button" className="btn" aria-pressed={path === 'class'} onClick={() => setPath('class')}>
          {t('learn.path.title')}
        </button>
        <button type="button" className="btn" aria-pressed={path === 'full'} onClick={() => setPath('full')}>
          {t('learn.path.full')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => useClassroomStore.getState().openGlossary()}>
          {t('glossary.open')}
        </button>
      </div>
      {path === 'class' && (
        <p className="lessons-path__intro">
          {t('learn.path.intro')} {t('learn.path.total', { n: CLASS_PATH_MINUTES })}
        </p>
      )}
      {failed && <p role="alert">{t('classroom.loadFailed')}</p>}
      {!lessons && !failed && <p role="status">{t('classroom.loading')}</p>}
      {lessons && (
        <ol className="lesson-list" aria-label={t('classroom.lessonsTitle')}>
          {(path === 'class' ? CLASS_PATH.map((c) => lessons.find((l) => l.id === c.id)!).filter(Boolean) : lessons).map((l, i) => {
            const p = progress[l.id];
            const total = l.steps.length;
            const seen = Math.min(p?.seen ?? 0, total);
            const done = seen >= total;
            const resumeAt = seen > 0 && !done ? seen - 1 : 0;
            const descId = `lesson-desc-${l.id}`;
            return (
              <li key={l.id} className={`lesson-item${current === l.id ? ' is-current' : ''}${done ? ' is-done' : ''}`}>
                <span className="lesson-item__num" aria-hidden="true">
                  {i + 1}
                </span>
                <div className="lesson-item__main">
                  <button
                    type="button"
                    className="lesson-item__title"
                    aria-describedby={descId}
                    onClick={() => open(l, resumeAt)}
                  >
                    {l.title[lang]}
                  </button>
                  <p id={descId} className="lesson-item__summary">
                    {minutes.has(l.id) && (
                      <>
                        <span className="lesson-item__minutes">{t('learn.path.minutes', { n: minutes.get(l.id)! })}</span>{' '}
                      </>
                    )}
                    {l.summary[lang]}{' '}
                    <span className="lesson-item__state">
                      {done
                        ? t('classroom.done')
                        : seen > 0
                          ? t('classroom.progress', { seen, total })
                          : t('classroom.notStarted', { total })}
                    </span>
                  </p>
                  <div
                    className="lesson-item__bar"
                    role="progressbar"
                    aria-label={t('classroom.progressOf', { title: l.title[lang] })}
                    aria-valuemin={0}
                    aria-valuemax={total}
                    aria-valuenow={seen}
                  >
                    <div style={{ width: `${(seen / total) * 100}%` }} />
                  </div>
                </div>
                <div className="lesson-item__actions">
                  {seen > 0 && (
                    <button type="button" className="btn btn--ghost" onClick={() => open(l, 0)}>
                      {t('classroom.restart')}
                      <span className="visually-hidden">: {l.title[lang]}</span>
                    </button>
                  )}
                  <button type="button" className="btn" onClick={() => open(l, resumeAt, true)}>
                    {t('classroom.present')}
                    <span className="visually-hidden">: {l.title[lang]}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Dialog>
  );
}

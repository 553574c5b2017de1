/** What the notes window shows for a lesson step: pure, so it is tested without a browser. */
import { resolveUiRefs } from '../../core/lessons/uiRefs';
import type { Lesson } from '../../core/lessons/types';
import type { Lang, TFn, TKey } from '../../i18n';
import { actionText } from '../classroom/actionText';
import type { NotesState } from './protocol';

export interface NotesInput {
  lesson: Lesson;
  step: number;
  /** The step whose "predict first" question is on the stage, or null. */
  predicting: number | null;
  lang: Lang;
  t: TFn;
  /** The next lesson in the course (id and title), null after the last one. */
  nextLesson: { id: string; title: string } | null;
  hasPrevLesson: boolean;
  startedAt: number;
}

export function notesState({ lesson, step, predicting, lang, t, nextLesson, hasPrevLesson, startedAt }: NotesInput): NotesState {
  const total = lesson.steps.length;
  const index = Math.min(Math.max(0, step), total - 1);
  const current = lesson.steps[index]!;
  const say = (text: string) => resolveUiRefs(text, (key) => t(key as TKey));
  const question = predicting !== null ? lesson.steps[predicting]?.predict : undefined;
  let next: NotesState['next'];
  const revealed = predicting !== null ? lesson.steps[predicting] : undefined;
  const following = lesson.steps[index + 1];
  if (question && revealed) next = { title: revealed.title[lang], lesson: null };
  else if (following) next = { title: following.title[lang], lesson: null };
  else next = nextLesson ? { title: nextLesson.title, lesson: nextLesson.id } : null;
  return {
    lang,
    lesson: lesson.title[lang],
    index,
    total,
    predicting: Boolean(question),
    stepTitle: question ? t('learn.predict.title') : current.title[lang],
    narration: question ? say(question[lang]) : say(current.narration[lang]),
    aside: !question && current.aside ? say(current.aside[lang]) : null,
    action: !question && current.action ? actionText(t, lang, current.scene, current.action) : null,
    next,
    atStart: index === 0 && !question && !hasPrevLesson,
    atEnd: index === total - 1 && !question && !nextLesson,
    startedAt,
  };
}

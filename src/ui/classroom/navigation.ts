import type { Lesson } from '../../core/lessons/types';
import { useClassroomStore } from '../../state/classroomStore';
import { loadLesson, neighbour } from './lessonData';

/** Moves one step (or into the next / previous lesson at either end). */
export function stepBy(lesson: Lesson, dir: 1 | -1) {
  const { step, openLesson, goTo, predicting, setPredicting } = useClassroomStore.getState();
  // "Predict first": a step with a question shows the question first (the canvas stays as
  // it is); the next press reveals the step and runs its action; back takes the question away.
  if (predicting !== null) {
    if (dir === 1) goTo(predicting);
    else setPredicting(null);
    return;
  }
  const to = step + dir;
  if (dir === 1 && lesson.steps[to]?.predict) {
    setPredicting(to);
    return;
  }
  if (to >= 0 && to < lesson.steps.length) {
    goTo(to);
    return;
  }
  const other = neighbour(lesson.id, dir);
  if (!other) return;
  if (dir === 1) openLesson(other, 0);
  else void loadLesson(other).then((l) => openLesson(other, l.steps.length - 1));
}


import type { Lesson } from '../../core/lessons/types';
import { useClassroomStore } from '../../state/classroomStore';
import { loadLesson, neighbour } from './lessonData';

/** Moves one step (or into the next / previous lesson at either end). */
export function stepBy(lesson: Lesson, dir: 1 | -1) {
  const { step, openLesson, goTo } = useClassroomStore.getState();
  const to = step + dir;
  if (to >= 0 && to < lesson.steps.length) {
    goTo(to);
    return;
  }
  const other = neighbour(lesson.id, dir);
  if (!other) return;
  if (dir === 1) openLesson(other, 0);
  else void loadLesson(other).then((l) => openLesson(other, l.steps.length - 1));
}


/**
 * Lesson files, loaded on demand: each src/content/lessons/<id>.json becomes its own small
 * chunk, so no lesson weighs on the first paint (the service worker precaches them all).
 */
import { LESSON_IDS } from '../../core/lessons/sections';
import type { Lesson, Quiz } from '../../core/lessons/types';

const loaders = import.meta.glob<Lesson>('../../content/lessons/*.json', { import: 'default' });
const cache = new Map<string, Promise<Lesson>>();

export function loadLesson(id: string): Promise<Lesson> {
  let p = cache.get(id);
  if (!p) {
    const load = loaders[`../../content/lessons/${id}.json`];
    if (!load) return Promise.reject(new Error(`no lesson "${id}"`));
    p = load();
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

/** Every lesson, in the course's order (the extra lessons slotted in). */
export function loadAllLessons(): Promise<Lesson[]> {
  return Promise.all(LESSON_IDS.map((id) => loadLesson(id)));
}

let quiz: Promise<Quiz> | null = null;
export function loadQuiz(): Promise<Quiz> {
  quiz ??= import('../../content/quiz.json').then((m) => m.default as Quiz);
  quiz.catch(() => (quiz = null));
  return quiz;
}

/** Index of the lesson after / before `id` in the course, or null at either end. */
export function neighbour(id: string, dir: 1 | -1): string | null {
  const i = LESSON_IDS.findIndex((x) => x === id);
  return LESSON_IDS[i + dir] ?? null;
}

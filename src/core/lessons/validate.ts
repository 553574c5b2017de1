/**
 * Schema checks for lesson and quiz files. They are data written by people, so every
 * mistake is reported in words that point at the spot ("steps[3].highlight: no node …").
 */
import { getScene } from '../topology/scenes';
import { isSceneId, type SceneId, type Topology } from '../topology/types';
import { applyToTopology, checkAction } from './actions';
import { isLessonId, isSectionId, LESSON_IDS } from './sections';
import { ACTION_TYPES, type Bilingual, type Lesson, type LessonAction, type Quiz, type QuizQuestion } from './types';

export interface Checked<T> {
  value: T | null;
  errors: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function bilingual(v: unknown, where: string, errors: string[]): v is Bilingual {
  if (!isObject(v)) {
    errors.push(`${where}: expected { tr, en }`);
    return false;
  }
  let ok = true;
  for (const lang of ['tr', 'en'] as const) {
    const s = v[lang];
    if (typeof s !== 'string' || s.trim() === '') {
      errors.push(`${where}.${lang}: must be a non-empty text`);
      ok = false;
    }
  }
  for (const key of Object.keys(v)) if (key !== 'tr' && key !== 'en') errors.push(`${where}: unknown language "${key}"`);
  return ok;
}

function unknownKeys(v: Record<string, unknown>, allowed: readonly string[], where: string, errors: string[]) {
  for (const key of Object.keys(v)) if (!allowed.includes(key)) errors.push(`${where}: unknown field "${key}"`);
}

/** Checks one lesson file. `expectedId` is the file's name without .json. */
export function validateLesson(raw: unknown, expectedId?: string): Checked<Lesson> {
  const errors: string[] = [];
  if (!isObject(raw)) return { value: null, errors: ['a lesson must be an object'] };
  unknownKeys(raw, ['$schema', 'id', 'title', 'summary', 'steps'], 'lesson', errors);
  if (typeof raw.id !== 'string' || !isLessonId(raw.id)) {
    errors.push(`id: must be one of the lessons (${LESSON_IDS.join(', ')})`);
  } else if (expectedId !== undefined && raw.id !== expectedId) {
    errors.push(`id: "${raw.id}" does not match the file name "${expectedId}"`);
  }
  bilingual(raw.title, 'title', errors);
  bilingual(raw.summary, 'summary', errors);
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
    errors.push('steps: a lesson needs at least one step');
    return { value: null, errors };
  }
  // Walk the steps over the live state they build, so a highlight may name a server added earlier.
  const state: Partial<Record<SceneId, Topology>> = {};
  const topo = (scene: SceneId) => (state[scene] ??= getScene(scene).topology);
  raw.steps.forEach((step: unknown, i: number) => {
    const at = `steps[${i}]`;
    if (!isObject(step)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    unknownKeys(step, ['scene', 'highlight', 'title', 'narration', 'action', 'aside', 'predict'], at, errors);
    if (step.aside !== undefined) bilingual(step.aside, `${at}.aside`, errors);
    if (step.predict !== undefined) bilingual(step.predict, `${at}.predict`, errors);
    if (!isSceneId(step.scene)) {
      errors.push(`${at}.scene: "${String(step.scene)}" is not a scene`);
      return;
    }
    const scene = step.scene;
    bilingual(step.title, `${at}.title`, errors);
    if (bilingual(step.narration, `${at}.narration`, errors) && step.narration.tr.trim() === step.narration.en.trim()) {
      errors.push(`${at}.narration: the Turkish and English texts are the same`);
    }
    if (step.action !== undefined) {
      const action = step.action as LessonAction;
      if (!isObject(step.action) || !ACTION_TYPES.includes(action.type)) {
        errors.push(`${at}.action: type must be one of ${ACTION_TYPES.join(', ')}`);
      } else {
        const problem = checkAction(topo(scene), action);
        if (problem) errors.push(`${at}.action: ${problem}`);
        else state[scene] = applyToTopology(topo(scene), action, () => getScene(scene).topology);
      }
    }
    if (!Array.isArray(step.highlight)) {
      errors.push(`${at}.highlight: must be a list of node ids`);
    } else {
      const ids = new Set(topo(scene).nodes.map((n) => n.id));
      for (const id of step.highlight) {
        if (typeof id !== 'string' || !ids.has(id)) errors.push(`${at}.highlight: no node "${String(id)}" in scene ${scene}`);
      }
    }
  });
  return { value: errors.length ? null : (raw as unknown as Lesson), errors };
}

/** Checks the quiz file: unique ids, known sections, 3–5 distinct choices, an answer in range. */
export function validateQuiz(raw: unknown): Checked<Quiz> {
  const errors: string[] = [];
  if (!isObject(raw) || !Array.isArray(raw.questions)) return { value: null, errors: ['quiz: expected { questions: [...] }'] };
  const ids = new Set<string>();
  raw.questions.forEach((q: unknown, i: number) => {
    const at = `questions[${i}]`;
    if (!isObject(q)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    unknownKeys(q, ['id', 'section', 'interview', 'prompt', 'choices', 'answer', 'explanation'], at, errors);
    if (typeof q.id !== 'string' || q.id === '') errors.push(`${at}.id: missing`);
    else if (ids.has(q.id)) errors.push(`${at}.id: "${q.id}" is used twice`);
    else ids.add(q.id);
    if (!isSectionId(q.section)) errors.push(`${at}.section: "${String(q.section)}" is not a course section`);
    if (q.interview !== undefined && typeof q.interview !== 'boolean') errors.push(`${at}.interview: true or false`);
    bilingual(q.prompt, `${at}.prompt`, errors);
    bilingual(q.explanation, `${at}.explanation`, errors);
    if (!Array.isArray(q.choices) || q.choices.length < 3 || q.choices.length > 5) {
      errors.push(`${at}.choices: 3 to 5 choices`);
    } else {
      const seen = { tr: new Set<string>(), en: new Set<string>() };
      q.choices.forEach((c: unknown, j: number) => {
        if (!bilingual(c, `${at}.choices[${j}]`, errors)) return;
        for (const lang of ['tr', 'en'] as const) {
          const s = c[lang].trim().toLocaleLowerCase(lang);
          if (seen[lang].has(s)) errors.push(`${at}.choices[${j}].${lang}: the same choice twice`);
          seen[lang].add(s);
        }
      });
      if (!Number.isInteger(q.answer) || (q.answer as number) < 0 || (q.answer as number) >= q.choices.length)
        errors.push(`${at}.answer: must be the index of one of the choices`);
    }
  });
  return { value: errors.length ? null : (raw as unknown as Quiz), errors };
}

export interface Score {
  correct: number;
  answered: number;
  total: number;
}

/** Scores answers given as question id → chosen index. */
export function scoreQuiz(questions: readonly QuizQuestion[], answers: Readonly<Record<string, number>>): Score {
  let correct = 0;
  let answered = 0;
  for (const q of questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    answered++;
    if (a === q.answer) correct++;
  }
  return { correct, answered, total: questions.length };
}

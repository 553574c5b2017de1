/**
 * Lessons and quiz as data. A lesson is a sequence of steps that drive the live canvas:
 * which scene to show, which nodes to highlight, what the teacher says, and optionally
 * one action on the live simulation. Lesson files live in src/content/lessons/<id>.json,
 * the quiz in src/content/quiz.json; both carry Turkish and English side by side and are
 * checked by validate.ts.
 */
import type { LbMethod } from '../sim/types';
import type { SceneId } from '../topology/types';

/** A text in both languages of the app. */
export interface Bilingual {
  tr: string;
  en: string;
}

/** Node parameters a lesson may turn (each is checked against the node's kind). */
export interface LessonParams {
  workers?: number;
  cores?: number;
  /** Server box memory, MB. */
  memoryMb?: number;
  hitRatio?: number;
  serviceMs?: number;
  weight?: number;
  lbMethod?: LbMethod;
  workerClass?: 'sync' | 'gthread' | 'async';
  /** Django: CPU time and I/O wait of the view, ms (shared names with the engine). */
  cpuMs?: number;
  ioMs?: number;
  /** Django: collectstatic was run (false → NGINX answers /static/ with 404). */
  staticCollected?: boolean;
  /** Django: DEBUG = True (error pages leak the traceback). */
  debug?: boolean;
  /** Django: the Host header is in ALLOWED_HOSTS (false → 400 Bad Request). */
  hostAllowed?: boolean;
  /** Gunicorn: worker timeout, s. */
  timeoutS?: number;
  /** NGINX: proxy_read_timeout, s. */
  readTimeoutS?: number;
  /** Redis: the cache ignores connection errors (django-redis IGNORE_EXCEPTIONS). */
  ignoreExceptions?: boolean;
  /** Redis: sessions are stored in Redis (lost when it goes down). */
  sessions?: boolean;
}

/**
 * What a step does to the live simulation when it is shown. Every action is a "set to"
 * (never a "toggle"), so replaying a lesson's actions from a fresh scene always lands in
 * the same state, whichever way the teacher got to the step.
 */
export type LessonAction =
  /** Start or stop the traffic, optionally at a rate (requests per second). */
  | { type: 'traffic'; play: boolean; rps?: number }
  /** Stop (up: false) or start a component or a whole server. */
  | { type: 'nodeUp'; node: string; up: boolean }
  /** Turn a node's knobs: workers, cores, cache hit ratio, service time, weight, LB method. */
  | { type: 'params'; node: string; params: LessonParams }
  /** Run this many app servers behind NGINX (adds or removes app boxes). */
  | { type: 'appServers'; count: number }
  /** Put the scene back the way it ships, and restart the run. */
  | { type: 'reset' };

export type LessonActionType = LessonAction['type'];
export const ACTION_TYPES: readonly LessonActionType[] = ['traffic', 'nodeUp', 'params', 'appServers', 'reset'];

export interface LessonStep {
  scene: SceneId;
  /** Node ids to highlight on the canvas (may be empty). */
  highlight: string[];
  title: Bilingual;
  /** What the teacher says, in a few sentences. */
  narration: Bilingual;
  action?: LessonAction;
  /**
   * A side note shown under the narration, for where the course notes (the seed) say one
   * thing and the precise fact is another: "the notes say… / precisely…".
   */
  aside?: Bilingual;
  /**
   * "Predict first": a question for the class, shown before this step; the next key press
   * (or Next) reveals the step and runs its action.
   */
  predict?: Bilingual;
}

export interface Lesson {
  /** Same as the file name: a course section, or one of EXTRA_LESSONS. */
  id: string;
  title: Bilingual;
  summary: Bilingual;
  steps: LessonStep[];
}

/**
 * A quiz question. Live class reads this shape ("Ask the class"): fields only ever get added.
 * `answer` indexes `choices` as stored; the quiz shuffles the choices per attempt
 * (shuffleQuestion in quiz.ts) and keeps the answer with its choice.
 */
export interface QuizQuestion {
  id: string;
  /** The course section the question belongs to. */
  section: string;
  /** One of the course's own interview questions. */
  interview?: boolean;
  prompt: Bilingual;
  choices: Bilingual[];
  /** Index of the right choice. */
  answer: number;
  explanation: Bilingual;
}

export interface Quiz {
  questions: QuizQuestion[];
}

/** One glossary entry (src/content/glossary.json): the term and a one-line definition in both languages. */
export interface GlossaryTerm {
  id: string;
  tr: { term: string; def: string };
  en: { term: string; def: string };
}

export interface Glossary {
  terms: GlossaryTerm[];
}

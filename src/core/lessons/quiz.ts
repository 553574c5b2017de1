/**
 * The quiz shuffles each question's choices per attempt, from the app's seed: the same seed
 * and attempt give the same order (a deterministic class), a new attempt gives a new one,
 * and nobody can learn "the answer is always B".
 */
import { Rng } from '../sim/rng';
import type { Bilingual, QuizQuestion } from './types';

export interface ShuffledQuestion {
  /** The choices in the order shown. */
  choices: Bilingual[];
  /** Index of the right choice in `choices`. */
  answer: number;
  /** order[i] = the stored index of the choice shown at i. */
  order: number[];
}

/** A number for a text (FNV-1a), so each question gets its own stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The question's choices in a shuffled order for this seed and attempt (Fisher–Yates). */
export function shuffleQuestion(q: QuizQuestion, seed: number, attempt = 0): ShuffledQuestion {
  const rng = new Rng((hash(q.id) ^ Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(attempt + 1, 0x85ebca6b)) >>> 0);
  const order = q.choices.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextU32() % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { choices: order.map((i) => q.choices[i]!), answer: order.indexOf(q.answer), order };
}

/** How often the stored right answer sits at each position (for the balance check). */
export function answerPositions(questions: readonly QuizQuestion[]): number[] {
  const counts: number[] = [];
  for (const q of questions) counts[q.answer] = (counts[q.answer] ?? 0) + 1;
  return Array.from({ length: Math.max(0, ...questions.map((q) => q.choices.length)) }, (_, i) => counts[i] ?? 0);
}

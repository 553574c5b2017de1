/**
 * The state a lesson leaves the live simulation in at a given step: its actions replayed,
 * in order, from the scenes as they ship. Whichever way the teacher reached step k
 * (next, previous, a deep link), the canvas looks the same.
 */
import type { SceneId, Topology } from '../topology/types';
import { applyToTopology } from './actions';
import type { Lesson } from './types';

export interface Traffic {
  play: boolean;
  rps?: number;
}

export interface LessonState {
  /** The scenes the lesson's actions changed, as they are after step k. */
  topologies: Partial<Record<SceneId, Topology>>;
  /** The traffic the last traffic action (or reset) asked for; null when none did. */
  traffic: Traffic | null;
}

/** Scenes a lesson's actions touch (the UI resets these when the lesson starts over). */
export function scenesTouched(lesson: Lesson): SceneId[] {
  const out = new Set<SceneId>();
  for (const s of lesson.steps) if (s.action && s.action.type !== 'traffic') out.add(s.scene);
  return [...out];
}

/** Replays steps 0..k (0-based, inclusive). `fresh` returns a new copy of a shipped scene. */
export function stateAt(lesson: Lesson, k: number, fresh: (scene: SceneId) => Topology): LessonState {
  const topologies: Partial<Record<SceneId, Topology>> = {};
  let traffic: Traffic | null = null;
  for (const scene of scenesTouched(lesson)) topologies[scene] = fresh(scene);
  const last = Math.min(k, lesson.steps.length - 1);
  for (let i = 0; i <= last; i++) {
    const step = lesson.steps[i];
    const action = step?.action;
    if (!step || !action) continue;
    if (action.type === 'traffic') {
      traffic = { play: action.play, ...(action.rps !== undefined ? { rps: action.rps } : {}) };
      continue;
    }
    if (action.type === 'reset') traffic = { play: false };
    const before = topologies[step.scene] ?? fresh(step.scene);
    topologies[step.scene] = applyToTopology(before, action, () => fresh(step.scene));
  }
  return { topologies, traffic };
}

/**
 * Challenges in the UI: whether the list is open, the challenge being played, its last
 * grade, and the best result of each one (saved in the browser, so progress survives a reload).
 */
import { create } from 'zustand';
import type { Grade } from '../../core/challenges/types';

export const PROGRESS_KEY = 'prodviz.challenges';

export interface Progress {
  percent: number;
  stars: number;
}

function readProgress(): Record<string, Progress> {
  try {
    const raw = localStorage.getItem(PROGRESS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, Progress> = {};
    for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
      const p = v as Partial<Progress> | null;
      if (p && typeof p.percent === 'number' && typeof p.stars === 'number')
        out[id] = { percent: Math.max(0, Math.min(100, p.percent)), stars: Math.max(0, p.stars) };
    }
    return out;
  } catch {
    return {};
  }
}

export interface ChallengeState {
  listOpen: boolean;
  activeId: string | null;
  grade: Grade | null;
  checking: boolean;
  progress: Record<string, Progress>;
  openList: () => void;
  closeList: () => void;
  start: (id: string) => void;
  stop: () => void;
  setChecking: (on: boolean) => void;
  record: (id: string, grade: Grade) => void;
}

export const useChallengeStore = create<ChallengeState>((set, get) => ({
  listOpen: false,
  activeId: null,
  grade: null,
  checking: false,
  progress: readProgress(),
  openList: () => set({ listOpen: true }),
  closeList: () => set({ listOpen: false }),
  start: (id) => set({ activeId: id, grade: null, listOpen: false }),
  stop: () => set({ activeId: null, grade: null }),
  setChecking: (checking) => set({ checking }),
  record: (id, grade) => {
    const best = get().progress[id];
    const next = {
      percent: Math.max(best?.percent ?? 0, grade.percent),
      stars: Math.max(best?.stars ?? 0, grade.stars),
    };
    const progress = { ...get().progress, [id]: next };
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    } catch {
      /* storage full or blocked: the grade still shows */
    }
    set({ grade, progress, checking: false });
  },
}));

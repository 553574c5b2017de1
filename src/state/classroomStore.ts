/**
 * The classroom: which dialog is open, which lesson and step are on screen, presenter mode
 * (blank screen, laser pointer) and progress per lesson (saved in localStorage).
 *
 * Small on purpose (it loads with the first paint): lessons are data loaded lazily, and the
 * code that puts a step on the live canvas (ui/classroom/driver.ts) loads with them.
 */
import { create } from 'zustand';
import { isLessonId } from '../core/lessons/sections';
import { useUiStore } from './uiStore';

export const PROGRESS_STORAGE_KEY = 'prodviz.lessons.progress';

/** Steps seen (the furthest step reached, 1-based) and the lesson's length. */
export interface LessonProgress {
  seen: number;
  total: number;
}

export interface ClassroomState {
  lessonsOpen: boolean;
  quizOpen: boolean;
  /** The lesson on screen, or null. */
  lessonId: string | null;
  /** 0-based step of the lesson on screen. */
  step: number;
  /** Node ids the current step highlights. */
  highlight: string[];
  /** Presenter mode extras. */
  blank: boolean;
  laser: boolean;
  progress: Record<string, LessonProgress>;
  /** A new version of the app is waiting (service worker). */
  updateReady: boolean;
  /** "Predict first": the step whose question is on screen, before it is revealed (null: none). */
  predicting: number | null;
  /** The glossary view and the interview-question view (projector). */
  glossaryOpen: boolean;
  interviewOpen: boolean;
  openLessons: () => void;
  closeLessons: () => void;
  openQuiz: () => void;
  closeQuiz: () => void;
  /** Opens a lesson at a step (0-based); the player loads it and shows the step. */
  openLesson: (id: string, step?: number) => void;
  closeLesson: () => void;
  goTo: (step: number) => void;
  setHighlight: (ids: string[]) => void;
  setBlank: (on: boolean) => void;
  setLaser: (on: boolean) => void;
  record: (id: string, step: number, total: number) => void;
  resetProgress: (id: string) => void;
  setUpdateReady: (on: boolean) => void;
  setPredicting: (step: number | null) => void;
  openGlossary: () => void;
  closeGlossary: () => void;
  openInterview: () => void;
  closeInterview: () => void;
}

function loadProgress(): Record<string, LessonProgress> {
  try {
    const raw = JSON.parse(localStorage.getItem(PROGRESS_STORAGE_KEY) ?? '{}') as unknown;
    if (typeof raw !== 'object' || raw === null) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
      const p = (v ?? {}) as Partial<LessonProgress>;
      // Clamped per field on read: a total of 1–500 steps, seen within 0…total ("-5 / 4" → "0 / 4").
      if (!isLessonId(id) || !Number.isInteger(p.total) || !Number.isInteger(p.seen)) continue;
      const total = Math.min(500, Math.max(1, p.total!));
      out[id] = { seen: Math.min(total, Math.max(0, p.seen!)), total };
    }
    return out;
  } catch {
    return {};
  }
}

function saveProgress(progress: Record<string, LessonProgress>) {
  try {
    localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(progress));
  } catch {
    /* private mode: progress lasts for this visit */
  }
}

/** `?lesson=nginx&step=3` (step is 1-based in the URL). */
export function lessonFromSearch(search: string): { lessonId: string | null; step: number } {
  const params = new URLSearchParams(search);
  const id = params.get('lesson');
  if (!isLessonId(id)) return { lessonId: null, step: 0 };
  const n = Number(params.get('step') ?? '1');
  return { lessonId: id, step: Number.isInteger(n) && n >= 1 ? n - 1 : 0 };
}

const initial = typeof location === 'undefined' ? { lessonId: null, step: 0 } : lessonFromSearch(location.search);

export const useClassroomStore = create<ClassroomState>((set, get) => ({
  lessonsOpen: false,
  quizOpen: false,
  lessonId: initial.lessonId,
  step: initial.step,
  highlight: [],
  blank: false,
  laser: false,
  // loadProgress catches a missing or throwing storage (typeof on a throwing getter throws too).
  progress: loadProgress(),
  updateReady: false,
  predicting: null,
  glossaryOpen: false,
  interviewOpen: false,
  openLessons: () => set({ lessonsOpen: true, quizOpen: false }),
  closeLessons: () => set({ lessonsOpen: false }),
  openQuiz: () => set({ quizOpen: true, lessonsOpen: false }),
  closeQuiz: () => set({ quizOpen: false }),
  openLesson: (lessonId, step = 0) => set({ lessonId, step: Math.max(0, step), lessonsOpen: false, predicting: null }),
  closeLesson: () => {
    set({ lessonId: null, step: 0, highlight: [], blank: false, laser: false, predicting: null });
    useUiStore.getState().setPresenting(false);
  },
  goTo: (step) => set({ step: Math.max(0, step), predicting: null }),
  setHighlight: (highlight) => set({ highlight }),
  setBlank: (blank) => set({ blank }),
  setLaser: (laser) => set({ laser }),
  record: (id, step, total) => {
    const prev = get().progress[id];
    const seen = Math.min(total, Math.max(prev?.seen ?? 0, step + 1));
    if (prev && prev.seen === seen && prev.total === total) return;
    const progress = { ...get().progress, [id]: { seen, total } };
    saveProgress(progress);
    set({ progress });
  },
  resetProgress: (id) => {
    const progress = { ...get().progress };
    delete progress[id];
    saveProgress(progress);
    set({ progress });
  },
  setUpdateReady: (updateReady) => set({ updateReady }),
  setPredicting: (predicting) => set({ predicting }),
  openGlossary: () => set({ glossaryOpen: true }),
  closeGlossary: () => set({ glossaryOpen: false }),
  openInterview: () => set({ interviewOpen: true, quizOpen: false, lessonsOpen: false }),
  closeInterview: () => set({ interviewOpen: false }),
}));

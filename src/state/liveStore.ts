/**
 * The live class as the UI sees it: who I am in it (teacher, student, nobody), the connection
 * status, the join code, the students, the question on screen, the end-of-class leaderboard.
 *
 * Small and eager on purpose: the sync engine (Yjs, Hocuspocus) and the code that drives it
 * (liveSession.ts) load only when a class starts or a `?join=CODE` link is opened.
 */
import { create } from 'zustand';
import { normaliseCode } from '../core/live/code';
import type { LeaderRow, QuestionState, TeacherState } from '../core/live/protocol';

export type LiveRole = 'none' | 'teacher' | 'student';
/** unreachable: no live server answers (offline, file-only, a static host). */
export type LiveStatus = 'idle' | 'starting' | 'connecting' | 'online' | 'offline' | 'unreachable' | 'denied';

export interface LiveStudent {
  sid: string;
  nick: string;
}

export interface LiveState {
  role: LiveRole;
  status: LiveStatus;
  /** Why the server refused us (removed, not-found, ended, full, rate-limited, …). */
  denied: string | null;
  panelOpen: boolean;
  code: string | null;
  students: LiveStudent[];
  question: QuestionState | null;
  /** When this screen first saw the question (wall clock, ms): its timer counts from here. */
  questionSeenAt: number;
  ended: boolean;
  leaderboard: LeaderRow[] | null;
  /** Student: the nickname chosen (null until joined). */
  nick: string | null;
  /** Student: following the teacher (false once they pan, click a node, press Play…). */
  following: boolean;
  /** Student: the teacher's latest inputs. */
  teacher: TeacherState | null;
  /** Student: question id → my choice. */
  myAnswers: Record<string, number>;
  /** Student: the question whose dialog was closed. */
  dismissed: string | null;
  /** The last refusal or error, as an i18n key under live.error. */
  error: string | null;
  openPanel: () => void;
  closePanel: () => void;
  togglePanel: () => void;
}

export const TEACHER_STORAGE_KEY = 'prodviz.live.teacher';
export const studentStorageKey = (code: string) => `prodviz.live.student.${code}`;

/** The class code of a `?join=CODE` link, or null. */
export function joinCodeFromSearch(search: string): string | null {
  const raw = new URLSearchParams(search).get('join');
  return raw ? normaliseCode(raw) : null;
}

/** A class this browser started and has not ended (kept across reloads). */
export function savedTeacherClass(): { code: string; token: string } | null {
  try {
    const v = JSON.parse(localStorage.getItem(TEACHER_STORAGE_KEY) ?? 'null') as { code?: unknown; token?: unknown } | null;
    if (v && typeof v.code === 'string' && typeof v.token === 'string' && normaliseCode(v.code)) return { code: v.code, token: v.token };
  } catch {
    /* storage unavailable or corrupt */
  }
  return null;
}

export const useLiveStore = create<LiveState>((set) => ({
  role: 'none',
  status: 'idle',
  denied: null,
  panelOpen: false,
  code: null,
  students: [],
  question: null,
  questionSeenAt: 0,
  ended: false,
  leaderboard: null,
  nick: null,
  following: true,
  teacher: null,
  myAnswers: {},
  dismissed: null,
  error: null,
  openPanel: () => set({ panelOpen: true }),
  closePanel: () => set({ panelOpen: false }),
  togglePanel: () => set((s) => ({ panelOpen: !s.panelOpen })),
}));

/**
 * The live class's wire shapes, shared by the browser and the sync server (server/).
 *
 * The class is one Yjs document named `class:<CODE>`, synced by Hocuspocus:
 * - map `teacher`: what the teacher drives (lesson, step, scene, seed, speed, play state,
 *   requests per second). Only the teacher's connection may write the document; students'
 *   connections are read-only on the server.
 * - map `roster`: student id → { nick, removed? }, written by the server.
 * - map `question`: the question on screen, written by the server on the teacher's request.
 * - map `info`: { ended, leaderboard }, written by the server.
 *
 * Everything else goes through Hocuspocus "stateless" messages (JSON strings) to the server,
 * which checks who sent them: a student may join with a nickname and answer once per
 * question, for themself only; the teacher may ask, reveal, remove a student and end.
 * Answers are kept by the server (never in the document), so students cannot read each
 * other's choices; the document only carries the count and, after Reveal, the distribution.
 */

export { CODE_ALPHABET, CODE_LENGTH, isJoinCode, normaliseCode, formatCode } from './code';
import { isJoinCode } from './code';

export const DOC_PREFIX = 'class:';
export function docName(code: string): string {
  return `${DOC_PREFIX}${code}`;
}
export function codeOfDoc(name: string): string | null {
  if (!name.startsWith(DOC_PREFIX)) return null;
  const code = name.slice(DOC_PREFIX.length);
  return isJoinCode(code) ? code : null;
}

export const NICK_MAX = 24;
export const CHOICES_MAX = 8;
export const TEXT_MAX = 600;
export const TIMER_CHOICES = [0, 20, 30, 60] as const;

export interface Bilingual {
  tr: string;
  en: string;
}

/** The teacher's inputs; a student's copy of the simulation follows them. */
export interface TeacherState {
  lessonId: string | null;
  /** 0-based lesson step. */
  step: number;
  scene: string;
  seed: number;
  speed: number;
  playing: boolean;
  rps: number;
}

export interface QuestionState {
  id: string;
  prompt: Bilingual;
  choices: Bilingual[];
  /** Wall-clock ms (server time) when answers close, or 0 for no timer. */
  endsAt: number;
  /** The timer the teacher chose, seconds (0: none). */
  timerS?: number;
  answered: number;
  revealed: boolean;
  /** After Reveal: the right choice and how many chose each one. */
  correct?: number;
  counts?: number[];
}

export interface LeaderRow {
  nick: string;
  right: number;
  answered: number;
}

/** Client → server stateless messages. */
export type ClientMessage =
  | { t: 'join'; nick: string }
  | { t: 'answer'; q: string; c: number }
  | { t: 'ask'; prompt: Bilingual; choices: Bilingual[]; correct: number; timerS: number; source?: string }
  | { t: 'reveal' }
  | { t: 'kick'; sid: string }
  | { t: 'end' };

/** Server → client stateless messages. */
export type ServerMessage =
  | { t: 'joined'; nick: string; answers: Record<string, number> }
  | { t: 'answered'; q: string; c: number }
  | { t: 'refused'; why: RefusalReason };

export type RefusalReason = 'not-joined' | 'already-answered' | 'closed' | 'not-allowed' | 'bad-message' | 'removed' | 'full';

/** The token a connection authenticates with (JSON in the Hocuspocus token). */
export type LiveToken = { r: 't'; tok: string } | { r: 's'; sid: string; key: string };

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isBilingual = (v: unknown): v is Bilingual =>
  typeof v === 'object' && v !== null && isStr((v as Bilingual).tr, TEXT_MAX) && isStr((v as Bilingual).en, TEXT_MAX);
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
export const isId = (v: unknown): v is string => typeof v === 'string' && ID_RE.test(v);

/** Cleans a nickname: trimmed, single spaces, no control characters, at most NICK_MAX. */
export function cleanNick(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  if (!s) return null;
  return [...s].slice(0, NICK_MAX).join('');
}

/** Parses a client's stateless message; anything that is not exactly one of the shapes is null. */
export function parseClientMessage(raw: string): ClientMessage | null {
  if (raw.length > 8192) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  switch (m.t) {
    case 'join': {
      const nick = cleanNick(m.nick);
      return nick ? { t: 'join', nick } : null;
    }
    case 'answer':
      return isId(m.q) && Number.isInteger(m.c) && (m.c as number) >= 0 && (m.c as number) < CHOICES_MAX
        ? { t: 'answer', q: m.q, c: m.c as number }
        : null;
    case 'ask': {
      const choices = m.choices;
      if (!isBilingual(m.prompt) || !Array.isArray(choices) || choices.length < 2 || choices.length > CHOICES_MAX) return null;
      if (!choices.every(isBilingual)) return null;
      const correct = m.correct;
      if (!Number.isInteger(correct) || (correct as number) < 0 || (correct as number) >= choices.length) return null;
      const timerS = m.timerS;
      if (!Number.isInteger(timerS) || (timerS as number) < 0 || (timerS as number) > 600) return null;
      const source = m.source === undefined ? undefined : isStr(m.source, 80) ? m.source : null;
      if (source === null) return null;
      return {
        t: 'ask',
        prompt: { tr: m.prompt.tr, en: m.prompt.en },
        choices: (choices as Bilingual[]).map((c) => ({ tr: c.tr, en: c.en })),
        correct: correct as number,
        timerS: timerS as number,
        ...(source ? { source } : {}),
      };
    }
    case 'reveal':
      return { t: 'reveal' };
    case 'kick':
      return isId(m.sid) ? { t: 'kick', sid: m.sid } : null;
    case 'end':
      return { t: 'end' };
    default:
      return null;
  }
}

export function parseToken(raw: string): LiveToken | null {
  if (raw.length > 512) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (v.r === 't' && isId(v.tok)) return { r: 't', tok: v.tok };
    if (v.r === 's' && isId(v.sid) && isId(v.key)) return { r: 's', sid: v.sid, key: v.key };
  } catch {
    /* not JSON */
  }
  return null;
}

/** Answers as CSV (RFC 4180 quoting; a leading =+-@ is defused for spreadsheets). */
export function toCsv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The presenter notes window and the stage talk over one BroadcastChannel (same origin, no
 * server): the stage sends what is on screen, the notes window asks for it and moves the stage.
 * Small and dependency-free: both sides import it.
 */
import type { Lang } from '../../i18n';

export const NOTES_CHANNEL = 'prodviz-notes';
/** The window name: opening the notes twice reuses the same window. */
export const NOTES_WINDOW = 'prodviz-notes';

/** What the notes window shows, computed by the stage (the notes window loads no lesson). */
export interface NotesState {
  lang: Lang;
  lesson: string;
  /** 0-based step on the stage and the lesson's length. */
  index: number;
  total: number;
  /** The stage shows a "predict first" question (the step is not revealed yet). */
  predicting: boolean;
  stepTitle: string;
  narration: string;
  aside: string | null;
  action: string | null;
  /** The next press's title (a step of this lesson, or the next lesson), null at the very end. */
  next: { title: string; lesson: string | null } | null;
  atStart: boolean;
  atEnd: boolean;
  /** When presenting started (ms since epoch, the stage's clock). */
  startedAt: number;
}

export type StageMessage = { type: 'state'; state: NotesState } | { type: 'ended' };
export type NotesMessage = { type: 'hello' } | { type: 'nav'; dir: 1 | -1 } | { type: 'resetTimer' };

export function isNotesMessage(m: unknown): m is NotesMessage {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as { type?: unknown; dir?: unknown };
  return x.type === 'hello' || x.type === 'resetTimer' || (x.type === 'nav' && (x.dir === 1 || x.dir === -1));
}

export function isStageMessage(m: unknown): m is StageMessage {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as { type?: unknown; state?: unknown };
  return x.type === 'ended' || (x.type === 'state' && typeof x.state === 'object' && x.state !== null);
}

/** `?notes=1`: this page is the notes window. */
export function isNotesPage(search: string): boolean {
  return new URLSearchParams(search).get('notes') === '1';
}

export function openChannel(): BroadcastChannel | null {
  try {
    return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NOTES_CHANNEL);
  } catch {
    return null;
  }
}

/**
 * Opens (or brings forward) the notes window: the same app with `?notes=1`. Returns false
 * when the browser blocked the pop-up.
 */
export function openNotesWindow(lang: Lang): boolean {
  const url = new URL(window.location.href);
  url.search = `?notes=1&lang=${lang}`;
  url.hash = '';
  let w: Window | null;
  try {
    w = window.open(url.href, NOTES_WINDOW, 'popup=yes,width=820,height=620');
  } catch {
    w = null;
  }
  w?.focus();
  return w !== null;
}

/** "12:05" (or "1:02:05" past an hour). */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Every query parameter, validated once before any store reads the address: `?scene`,
 * `?lang`, `?seed`, `?lesson`, `?step`, `?join`. A value the app does not know is taken out
 * of the address (so the stores fall back to their defaults and a reload does not repeat the
 * problem) and noted; main.tsx shows the notes, in the user's language, once the page is up.
 * Parameters nobody reads are left alone.
 *
 * main.tsx imports this module first: ES modules run in import order, so the address is clean
 * before classroomStore (?lesson, ?step), simStore (?seed) or the live class (?join) look.
 */
import { isLessonId } from '../../core/lessons/sections';
import { isSceneId } from '../../core/topology/types';

export type UrlProblem = 'scene' | 'lang' | 'seed' | 'lesson' | 'step' | 'join' | 'tooLong';

export interface UrlNotice {
  param: UrlProblem;
  /** The refused value, shortened and stripped of characters that could disguise it. */
  value: string;
}

const SHOWN = 40;
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function shown(value: string): string {
  const clean = value.replace(HIDDEN, '');
  return clean.length > SHOWN ? `${clean.slice(0, SHOWN)}…` : clean;
}

const isSeed = (s: string) => /^\d{1,10}$/.test(s) && Number(s) <= 0xffffffff;
const isStep = (s: string) => /^\d{1,4}$/.test(s) && Number(s) >= 1;
/** A live-class code: letters, digits, - and _, at most 64 (the live server picks the format). */
const isJoinCode = (s: string) => /^[A-Za-z0-9_ -]{1,64}$/.test(s);

/** Checks a query string; returns the notes and the query string without the refused values. */
export function checkSearch(search: string): { notices: UrlNotice[]; search: string } {
  const params = new URLSearchParams(search);
  const notices: UrlNotice[] = [];
  const refuse = (param: UrlProblem, value: string, ...drop: string[]) => {
    notices.push({ param, value: shown(value) });
    for (const d of [param, ...drop]) params.delete(d);
  };
  const scene = params.get('scene');
  if (scene !== null && !isSceneId(scene)) refuse('scene', scene);
  const lang = params.get('lang');
  if (lang !== null && lang !== 'tr' && lang !== 'en') refuse('lang', lang);
  const seed = params.get('seed');
  if (seed !== null && !isSeed(seed)) refuse('seed', seed);
  const lesson = params.get('lesson');
  if (lesson !== null && !isLessonId(lesson)) refuse('lesson', lesson, 'step');
  const step = params.get('step');
  if (step !== null && params.has('lesson') && !isStep(step)) refuse('step', step);
  const join = params.get('join');
  if (join !== null && !isJoinCode(join)) refuse('join', join);
  // Set by the server (server/longUrl.ts, deploy/nginx) when an address was too long to serve.
  if (params.get('notice') === 'too-long') {
    notices.push({ param: 'tooLong', value: '' });
    params.delete('notice');
  }
  const rest = params.toString();
  return { notices, search: notices.length === 0 ? search : rest ? `?${rest}` : '' };
}

/** What was refused in this page's address (filled when this module first runs). */
export const urlNotices: UrlNotice[] = [];

if (typeof window !== 'undefined') {
  try {
    const { notices, search } = checkSearch(window.location.search);
    if (notices.length > 0) {
      urlNotices.push(...notices);
      const url = new URL(window.location.href);
      url.search = search;
      window.history.replaceState(window.history.state, '', url);
    }
  } catch {
    /* an address the browser cannot rewrite: the stores still validate what they read */
  }
}

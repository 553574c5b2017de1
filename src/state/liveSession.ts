/**
 * Runs a live class in the browser (loaded on demand): the teacher's inputs go into the
 * class document, students apply them to their own copy of the deterministic simulation.
 * Inputs only (lesson, step, scene, seed, speed, play state, requests per second), never
 * packet positions: every screen computes the same run.
 */
import * as Y from 'yjs';
import { isSceneId } from '../core/topology/types';
import {
  cleanNick,
  type Bilingual,
  type LeaderRow,
  type LiveToken,
  type QuestionState,
  type ServerMessage,
  type TeacherState,
} from '../core/live/protocol';
import { LiveConnection, type ConnStatus } from './liveConnection';
import { savedTeacherClass, studentStorageKey, TEACHER_STORAGE_KEY, useLiveStore, type LiveStatus } from './liveStore';
import { useClassroomStore } from './classroomStore';
import { useSimStore } from './simStore';
import { useUiStore } from './uiStore';

let conn: LiveConnection | null = null;
const teardown: (() => void)[] = [];
let teacherToken: string | null = null;
let everOnline = false;
let unreachableTimer: ReturnType<typeof setTimeout> | undefined;

const set = useLiveStore.setState;

export function apiUrl(path: string): string {
  return new URL(`live/api/${path}`, document.baseURI).href;
}

export function wsUrl(): string {
  const u = new URL('live', document.baseURI);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}

function save(key: string, value: unknown) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode: the class lasts for this visit */
  }
}

function randomId(): string {
  const b = new Uint8Array(18);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function stop() {
  for (const f of teardown.splice(0)) f();
  clearTimeout(unreachableTimer);
  conn?.destroy();
  conn = null;
  everOnline = false;
}

function onStatus(s: ConnStatus, reason?: string) {
  const map: Record<ConnStatus, LiveStatus> = { connecting: 'connecting', online: 'online', offline: 'offline', denied: 'denied' };
  if (s === 'online') {
    everOnline = true;
    clearTimeout(unreachableTimer);
  }
  set({ status: map[s], ...(s === 'denied' ? { denied: reason ?? 'permission-denied' } : {}) });
  if (s === 'offline' && !everOnline) set({ status: 'unreachable' });
}

function readQuestion(m: Y.Map<unknown>): QuestionState | null {
  const id = m.get('id');
  if (typeof id !== 'string') return null;
  return {
    id,
    prompt: m.get('prompt') as Bilingual,
    choices: (m.get('choices') as Bilingual[]) ?? [],
    endsAt: Number(m.get('endsAt') ?? 0),
    answered: Number(m.get('answered') ?? 0),
    revealed: m.get('revealed') === true,
    ...(typeof m.get('correct') === 'number' ? { correct: m.get('correct') as number } : {}),
    ...(Array.isArray(m.get('counts')) ? { counts: m.get('counts') as number[] } : {}),
    ...(typeof m.get('timerS') === 'number' ? { timerS: m.get('timerS') as number } : {}),
  } as QuestionState;
}

function watch(c: LiveConnection, onTeacher?: () => void) {
  const roster = () =>
    set({
      students: [...c.roster.entries()]
        .map(([sid, v]) => ({ sid, nick: String((v as { nick?: string }).nick ?? '') }))
        .sort((a, b) => a.nick.localeCompare(b.nick)),
    });
  const question = () => {
    const q = readQuestion(c.question);
    const prev = useLiveStore.getState().question;
    set({ question: q, ...(q && q.id !== prev?.id ? { questionSeenAt: Date.now() } : {}) });
  };
  const info = () => set({ ended: c.info.get('ended') === true, leaderboard: (c.info.get('leaderboard') as LeaderRow[] | undefined) ?? null });
  c.roster.observe(roster);
  c.question.observe(question);
  c.info.observe(info);
  teardown.push(() => {
    c.roster.unobserve(roster);
    c.question.unobserve(question);
    c.info.unobserve(info);
  });
  if (onTeacher) {
    c.teacher.observe(onTeacher);
    teardown.push(() => c.teacher.unobserve(onTeacher));
  }
  roster();
  question();
  info();
}

/** A live server that does not answer within a few seconds is "unreachable" (said plainly). */
function watchReachable() {
  clearTimeout(unreachableTimer);
  unreachableTimer = setTimeout(() => {
    if (!everOnline && useLiveStore.getState().status !== 'denied') set({ status: 'unreachable' });
  }, 5000);
}

// ——— teacher ———

function teacherState(): TeacherState {
  const c = useClassroomStore.getState();
  const s = useSimStore.getState();
  return {
    lessonId: c.lessonId,
    step: c.step,
    scene: useUiStore.getState().scene,
    seed: s.seed,
    speed: s.speed,
    playing: s.playing,
    rps: s.rps,
  };
}

/** Writes the teacher's inputs into the class document (changed keys only, at most every 100 ms). */
function publishTeacher(c: LiveConnection) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const next = teacherState();
    const m = c.teacher;
    const changed = (Object.keys(next) as (keyof TeacherState)[]).filter((k) => m.get(k) !== next[k]);
    if (!changed.length) return;
    c.doc.transact(() => {
      for (const k of changed) m.set(k, next[k]);
    });
  };
  const schedule = () => {
    timer ??= setTimeout(flush, 100);
  };
  const subs = [
    useClassroomStore.subscribe((s, p) => (s.lessonId !== p.lessonId || s.step !== p.step) && schedule()),
    useUiStore.subscribe((s, p) => s.scene !== p.scene && schedule()),
    useSimStore.subscribe((s, p) => (s.seed !== p.seed || s.speed !== p.speed || s.playing !== p.playing || s.rps !== p.rps) && schedule()),
  ];
  teardown.push(() => {
    clearTimeout(timer);
    for (const u of subs) u();
  });
  flush();
}

function connectTeacher(code: string, token: string) {
  stop();
  teacherToken = token;
  set({ role: 'teacher', code, status: 'connecting', denied: null, error: null });
  const c = new LiveConnection({
    url: wsUrl(),
    code,
    token: { r: 't', tok: token },
    onStatus: (s, reason) => {
      onStatus(s, reason);
      // The class is gone from the server (data wiped): forget it, start afresh.
      if (s === 'denied') save(TEACHER_STORAGE_KEY, null);
    },
    onMessage: (m) => {
      if (m.t === 'refused') set({ error: m.why });
    },
  });
  conn = c;
  watch(c);
  publishTeacher(c);
  watchReachable();
}

export async function startClass(): Promise<void> {
  set({ status: 'starting', error: null, denied: null });
  let res: Response;
  try {
    res = await fetch(apiUrl('classes'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  } catch {
    set({ status: 'unreachable' });
    return;
  }
  if (res.status === 429) {
    set({ status: 'idle', error: 'rate-limited' });
    return;
  }
  const body = (await res.json().catch(() => null)) as { code?: string; token?: string } | null;
  if (res.status !== 201 || !body?.code || !body.token) {
    set({ status: 'unreachable' });
    return;
  }
  save(TEACHER_STORAGE_KEY, { code: body.code, token: body.token });
  connectTeacher(body.code, body.token);
}

export function ask(q: { prompt: Bilingual; choices: Bilingual[]; correct: number; source?: string }, timerS: number) {
  conn?.send({ t: 'ask', prompt: q.prompt, choices: q.choices, correct: q.correct, timerS, ...(q.source ? { source: q.source } : {}) });
}

export function reveal() {
  conn?.send({ t: 'reveal' });
}

export function kick(sid: string) {
  conn?.send({ t: 'kick', sid });
}

export function endClass() {
  conn?.send({ t: 'end' });
}

/** Leaves the ended class on this browser (its export stays on the server). */
export function closeClass() {
  stop();
  save(TEACHER_STORAGE_KEY, null);
  teacherToken = null;
  set({ role: 'none', status: 'idle', code: null, students: [], question: null, ended: false, leaderboard: null, error: null, denied: null });
}

/** Downloads the answers (CSV) or the whole class (JSON) with the teacher's token. */
export async function exportClass(kind: 'csv' | 'json', lang: string): Promise<boolean> {
  const code = useLiveStore.getState().code;
  if (!code || !teacherToken) return false;
  try {
    const res = await fetch(apiUrl(`classes/${code}/export.${kind}?lang=${lang}`), { headers: { Authorization: `Bearer ${teacherToken}` } });
    if (!res.ok) return false;
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `prodviz-class-${code}.${kind}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    return true;
  } catch {
    return false;
  }
}

// ——— student ———

interface StudentSaved {
  sid: string;
  key: string;
  nick: string | null;
}

let applying = false;

/** Puts the teacher's inputs on this screen. */
function applyTeacher(ts: TeacherState) {
  applying = true;
  try {
    const c = useClassroomStore.getState();
    if (ts.lessonId !== c.lessonId) {
      if (ts.lessonId) c.openLesson(ts.lessonId, ts.step);
      else c.closeLesson();
    } else if (ts.lessonId && ts.step !== c.step) c.goTo(ts.step);
    if (!ts.lessonId && isSceneId(ts.scene) && useUiStore.getState().scene !== ts.scene) useUiStore.getState().setScene(ts.scene);
    const s = useSimStore.getState();
    if (Number.isInteger(ts.seed) && ts.seed !== s.seed) s.setSeed(ts.seed);
    if (typeof ts.speed === 'number' && ts.speed !== s.speed) s.setSpeed(ts.speed);
    if (typeof ts.rps === 'number' && ts.rps !== s.rps) s.setRps(ts.rps);
    const now = useSimStore.getState();
    if (typeof ts.playing === 'boolean' && ts.playing !== now.playing) (ts.playing ? now.play : now.pause)();
  } finally {
    applying = false;
  }
}

function readTeacher(m: Y.Map<unknown>): TeacherState | null {
  if (!m.size) return null;
  return {
    lessonId: typeof m.get('lessonId') === 'string' ? (m.get('lessonId') as string) : null,
    step: Number(m.get('step') ?? 0),
    scene: String(m.get('scene') ?? 'production'),
    seed: Number(m.get('seed') ?? 1),
    speed: Number(m.get('speed') ?? 1),
    playing: m.get('playing') === true,
    rps: Number(m.get('rps') ?? 50),
  };
}

/** What a student does that means "I want to explore on my own". */
const BREAKAWAY_AREAS = '.react-flow, .toolbar, .lesson-card__nav, .topbar__tabs, .presenter__nav';
const BREAKAWAY_KEYS = new Set([' ', '.', 'PageUp', 'PageDown', 'ArrowLeft', 'ArrowRight']);

function watchBreakaway() {
  const onPointer = (e: Event) => {
    const t = e.target;
    if (!(t instanceof Element) || !useLiveStore.getState().following) return;
    if (t.closest('.live-ui')) return;
    if (t.closest(BREAKAWAY_AREAS)) breakAway();
  };
  const onKey = (e: KeyboardEvent) => {
    if (!useLiveStore.getState().following || !BREAKAWAY_KEYS.has(e.key)) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.closest('input, select, textarea, dialog, .live-ui') || t.isContentEditable)) return;
    breakAway();
  };
  document.addEventListener('pointerdown', onPointer, true);
  document.addEventListener('wheel', onPointer, { capture: true, passive: true });
  document.addEventListener('keydown', onKey, true);
  teardown.push(() => {
    document.removeEventListener('pointerdown', onPointer, true);
    document.removeEventListener('wheel', onPointer, true);
    document.removeEventListener('keydown', onKey, true);
  });
}

export function breakAway() {
  if (useLiveStore.getState().role === 'student') set({ following: false });
}

export function follow() {
  set({ following: true });
  const ts = useLiveStore.getState().teacher;
  if (ts) {
    // Back to the teacher's run: same seed, same inputs, from the start of the step.
    applying = true;
    useSimStore.getState().reset();
    applying = false;
    applyTeacher(ts);
  }
}

export function joinClass(code: string) {
  stop();
  let saved: StudentSaved | null;
  try {
    saved = JSON.parse(localStorage.getItem(studentStorageKey(code)) ?? 'null') as StudentSaved | null;
  } catch {
    saved = null;
  }
  if (!saved || typeof saved.sid !== 'string' || typeof saved.key !== 'string') saved = { sid: randomId(), key: randomId(), nick: null };
  save(studentStorageKey(code), saved);
  const me = saved;
  set({ role: 'student', code, status: 'connecting', nick: null, following: true, denied: null, error: null, myAnswers: {} });
  const token: LiveToken = { r: 's', sid: me.sid, key: me.key };
  const c = new LiveConnection({
    url: wsUrl(),
    code,
    token,
    onStatus,
    onSynced: () => {
      // Rejoin with the nickname chosen before (a dropped Wi-Fi, a reload).
      if (me.nick) c.send({ t: 'join', nick: me.nick });
    },
    onMessage: (m: ServerMessage) => {
      if (m.t === 'joined') {
        me.nick = m.nick;
        save(studentStorageKey(code), me);
        set((s) => ({ nick: m.nick, myAnswers: { ...m.answers, ...s.myAnswers } }));
      } else if (m.t === 'answered') {
        set((s) => ({ myAnswers: { ...s.myAnswers, [m.q]: m.c } }));
      } else if (m.t === 'refused') {
        if (m.why === 'removed') set({ status: 'denied', denied: 'removed' });
        else set({ error: m.why });
      }
    },
  });
  conn = c;
  const onTeacher = () => {
    const ts = readTeacher(c.teacher);
    set({ teacher: ts });
    if (ts && useLiveStore.getState().following) applyTeacher(ts);
  };
  watch(c, onTeacher);
  watchBreakaway();
  // A lesson's own step actions settle after it loads: line up with the teacher again.
  const reconcile = setInterval(() => {
    const { following, teacher } = useLiveStore.getState();
    if (following && teacher && !applying) applyTeacher(teacher);
  }, 1000);
  teardown.push(() => clearInterval(reconcile));
  watchReachable();
}

export function chooseNick(raw: string): boolean {
  const nick = cleanNick(raw);
  if (!nick || !conn) return false;
  conn.send({ t: 'join', nick });
  return true;
}

export function answer(q: string, c: number) {
  conn?.send({ t: 'answer', q, c });
}

export function dismissQuestion(id: string) {
  set({ dismissed: id });
}

/** Starts what the page asks for: a `?join=` link, or the class this browser was teaching. */
export function init(joinCode: string | null) {
  if (conn) return;
  if (joinCode) joinClass(joinCode);
  else {
    const t = savedTeacherClass();
    if (t) connectTeacher(t.code, t.token);
  }
}

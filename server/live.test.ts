import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { LiveConnection, type ConnStatus } from '../src/state/liveConnection';
import { docName, isJoinCode, type ServerMessage } from '../src/core/live/protocol';
import { createClass, startLive } from './testServer';

type Srv = Awaited<ReturnType<typeof startLive>>;
let dir: string;
let srv: Srv;
const conns: LiveConnection[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prodviz-live-'));
  srv = await startLive({ dataDir: dir, maxFailedJoins: 5 });
});
afterEach(async () => {
  for (const c of conns.splice(0)) c.destroy();
  await srv.stop();
  rmSync(dir, { recursive: true, force: true });
});

function connect(code: string, token: ConstructorParameters<typeof LiveConnection>[0]['token'], url = srv.ws) {
  const messages: ServerMessage[] = [];
  const status: { s: ConnStatus; reason?: string } = { s: 'connecting' };
  const c = new LiveConnection({
    url,
    code,
    token,
    WebSocketPolyfill: WebSocket,
    onMessage: (m) => messages.push(m),
    onStatus: (s, reason) => Object.assign(status, { s, reason }),
  });
  conns.push(c);
  return { c, messages, status };
}

const student = (n: number) => ({ r: 's' as const, sid: `student-${n}-abcdef`, key: `secret-key-${n}-abcdef` });

async function teacherAndStudents(n: number) {
  const { code, token } = await createClass(srv.http);
  const t = connect(code, { r: 't', tok: token });
  await expect.poll(() => t.status.s).toBe('online');
  const ss = Array.from({ length: n }, (_, i) => connect(code, student(i)));
  for (const [i, s] of ss.entries()) {
    await expect.poll(() => s.status.s).toBe('online');
    s.c.send({ t: 'join', nick: `Öğrenci ${i + 1}` });
    await expect.poll(() => s.messages.some((m) => m.t === 'joined')).toBe(true);
  }
  return { code, token, t, ss };
}

const ask = { t: 'ask' as const, prompt: { tr: 'Soru?', en: 'Question?' }, choices: [{ tr: 'A', en: 'A' }, { tr: 'B', en: 'B' }], correct: 1, timerS: 0 };

describe('live server', () => {
  it('creates classes with short, unambiguous codes', async () => {
    const { code, token } = await createClass(srv.http);
    expect(isJoinCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('carries the teacher state to students; a student cannot drive', async () => {
    const { t, ss } = await teacherAndStudents(2);
    t.c.teacher.set('step', 3);
    await expect.poll(() => ss[0]!.c.teacher.get('step')).toBe(3);
    await expect.poll(() => ss[1]!.c.teacher.get('step')).toBe(3);
    // A student edits their copy: it never reaches the server or the others.
    ss[0]!.c.teacher.set('step', 99);
    ss[0]!.c.send({ t: 'end' });
    ss[0]!.c.send(ask);
    await expect.poll(() => ss[0]!.messages.filter((m) => m.t === 'refused').length).toBe(2);
    t.c.teacher.set('step', 4);
    await expect.poll(() => ss[1]!.c.teacher.get('step')).toBe(4);
    expect(t.c.teacher.get('step')).toBe(4);
    expect(t.c.info.get('ended')).toBeUndefined();
    expect(t.c.question.get('id')).toBeUndefined();
  });

  it('counts answers once per student, reveals, and keeps them over a restart', async () => {
    const { code, token, t, ss } = await teacherAndStudents(2);
    t.c.send(ask);
    await expect.poll(() => ss[1]!.c.question.get('id')).toBeTruthy();
    const q = ss[0]!.c.question.get('id') as string;
    ss[0]!.c.send({ t: 'answer', q, c: 1 });
    ss[0]!.c.send({ t: 'answer', q, c: 0 });
    ss[1]!.c.send({ t: 'answer', q, c: 0 });
    await expect.poll(() => t.c.question.get('answered')).toBe(2);
    await expect.poll(() => ss[0]!.messages.some((m) => m.t === 'refused' && m.why === 'already-answered')).toBe(true);
    expect(ss[0]!.c.question.get('correct')).toBeUndefined();

    // Restart the server on the same data directory.
    for (const c of conns.splice(0)) c.destroy();
    await srv.stop();
    srv = await startLive({ dataDir: dir });
    const t2 = connect(code, { r: 't', tok: token });
    await expect.poll(() => t2.status.s).toBe('online');
    await expect.poll(() => t2.c.question.get('answered')).toBe(2);
    t2.c.send({ t: 'reveal' });
    await expect.poll(() => t2.c.question.get('counts')).toEqual([1, 1]);
    expect(t2.c.question.get('correct')).toBe(1);
    const s0 = connect(code, student(0));
    s0.c.send({ t: 'join', nick: 'Öğrenci 1' });
    await expect.poll(() => s0.messages.find((m) => m.t === 'joined')).toMatchObject({ answers: { [q]: 1 } });
    t2.c.send({ t: 'end' });
    await expect.poll(() => t2.c.info.get('leaderboard')).toEqual([
      { nick: 'Öğrenci 1', right: 1, answered: 1 },
      { nick: 'Öğrenci 2', right: 0, answered: 1 },
    ]);
    const csv = await fetch(`${srv.http}/live/api/classes/${code}/export.csv`, { headers: { Authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('Öğrenci 1');
    expect(text.trim().split('\r\n')).toHaveLength(3);
    const denied = await fetch(`${srv.http}/live/api/classes/${code}/export.csv`, { headers: { Authorization: 'Bearer nope-nope-nope' } });
    expect(denied.status).toBe(404);
  });

  it('refuses a wrong teacher token and rate-limits guessing codes', async () => {
    const { code } = await createClass(srv.http);
    const fake = connect(code, { r: 't', tok: 'not-the-teacher-token' });
    await expect.poll(() => fake.status.s).toBe('denied');
    for (let i = 0; i < 5; i++) {
      const g = connect(`ABCDEFG${'23456789'[i]}`, student(100 + i));
      await expect.poll(() => g.status.s).toBe('denied');
    }
    // Over the limit, even the right code is refused from this address for a while.
    const late = connect(code, student(200));
    await expect.poll(() => late.status.reason).toBe('rate-limited');
  });

  it('drops garbage frames without crashing, and disconnects a flooder', async () => {
    const { code, t, ss } = await teacherAndStudents(1);
    const ws = new WebSocket(srv.ws);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    ws.send('not binary at all');
    ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]));
    const e = encoding.createEncoder();
    encoding.writeVarString(e, docName(code));
    encoding.writeVarUint(e, 6); // broadcast stateless: not accepted
    encoding.writeVarString(e, 'spam');
    for (let i = 0; i < 20; i++) ws.send(encoding.toUint8Array(e));
    ws.send(Buffer.alloc(100_000, 7));
    await closed;
    expect(srv.live.stats.dropped).toBeGreaterThan(3);
    // The class goes on.
    t.c.teacher.set('step', 7);
    await expect.poll(() => ss[0]!.c.teacher.get('step')).toBe(7);
  });

  it('removes a student: they are disconnected and cannot come back', async () => {
    const { code, t, ss } = await teacherAndStudents(2);
    await expect.poll(() => t.c.roster.size).toBe(2);
    t.c.send({ t: 'kick', sid: student(0).sid });
    await expect.poll(() => t.c.roster.size).toBe(1);
    await expect.poll(() => ss[0]!.messages.some((m) => m.t === 'refused' && m.why === 'removed')).toBe(true);
    const again = connect(code, student(0));
    await expect.poll(() => again.status.reason).toBe('removed');
  });
});

/**
 * The live-class sync server: Hocuspocus (Yjs over WebSocket) with our rules on top.
 *
 * - Authentication (onAuthenticate): the teacher's token opens the class document writable;
 *   a student's id + key opens it read-only (Hocuspocus refuses their document updates).
 * - Stateless messages (onStateless): join with a nickname, answer (once, for oneself),
 *   and the teacher's ask / reveal / remove / end. The server checks the sender's role and
 *   writes the result into the document, so every screen sees it.
 * - A guard in front of Hocuspocus drops what no honest client sends: oversized or garbled
 *   frames, message types we do not use (awareness, broadcast), a second document on one
 *   socket, more than a few messages a second. Dropped frames are logged (rate-limited);
 *   repeat offenders are disconnected. Nothing a client sends can throw out of here.
 * - HTTP under /live/api: create a class (rate-limited per address), export a class's
 *   answers (CSV) or the whole finished class (JSON) with the teacher's token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { Hocuspocus, MessageType, type Document, type onAuthenticatePayload, type onStatelessPayload } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  codeOfDoc,
  docName,
  isJoinCode,
  parseClientMessage,
  parseToken,
  toCsv,
  type ClientMessage,
  type LeaderRow,
  type ServerMessage,
} from '../src/core/live/protocol.ts';
import { Bucket, WindowLimit, quietLog } from './limits.ts';
import { LiveStore, hashSecret, randomId, sameHash, type ClassRuntime, type QuestionRecord } from './store.ts';

export interface LiveOptions {
  dataDir: string;
  /** Take the client address from X-Forwarded-For (behind nginx). */
  trustProxy?: boolean;
  maxStudents?: number;
  /** Failed joins (unknown code, bad token) allowed per address per 10 minutes. */
  maxFailedJoins?: number;
  /** Classes one address may create per 10 minutes. */
  maxCreates?: number;
}

type Role = 'teacher' | 'student';
interface SocketInfo {
  ip: string;
  doc: string | null;
  role: Role | null;
  bucket: Bucket;
  strikes: number;
}
interface Ctx {
  role: Role;
  code: string;
  sid?: string;
}

export const WS_MAX_PAYLOAD = 64 * 1024;
const STUDENT_FRAME_MAX = 2048;
const TEN_MIN = 10 * 60_000;
const ALLOWED = new Set<number>([MessageType.Sync, MessageType.SyncReply, MessageType.Auth, MessageType.Stateless, MessageType.CLOSE]);

/** Hocuspocus sends `reason` to the client (onAuthenticationFailed). */
function deny(reason: string): Error {
  return Object.assign(new Error(reason), { reason });
}

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

export class LiveServer {
  readonly store: LiveStore;
  readonly hocuspocus: Hocuspocus;
  private wss: WebSocketServer;
  private sockets = new WeakMap<IncomingMessage, SocketInfo>();
  private failedJoins: WindowLimit;
  private creates: WindowLimit;
  private warn = quietLog();
  private maxStudents: number;
  private trustProxy: boolean;
  /** Counters for tests and the benchmark. */
  readonly stats = { dropped: 0, refused: 0, answers: 0 };

  constructor(opts: LiveOptions) {
    this.store = new LiveStore(opts.dataDir);
    this.trustProxy = opts.trustProxy ?? false;
    this.maxStudents = opts.maxStudents ?? 200;
    this.failedJoins = new WindowLimit(opts.maxFailedJoins ?? 30, TEN_MIN);
    this.creates = new WindowLimit(opts.maxCreates ?? 60, TEN_MIN);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
    this.hocuspocus = new Hocuspocus({
      quiet: true,
      // Teacher's changes are saved within a second; answers are saved at once (store.ts).
      debounce: 300,
      maxDebounce: 1000,
      extensions: [
        new Database({
          fetch: async ({ documentName }) => this.store.getDoc(documentName),
          store: async ({ documentName, state }) => this.store.putDoc(documentName, state),
        }),
      ],
      onAuthenticate: (p) => this.authenticate(p),
      onStateless: (p) => this.stateless(p),
    });
  }

  async open(): Promise<void> {
    await this.store.open();
  }

  /** Saves every open document, closes the sockets and the store (SIGTERM, tests). */
  async close(): Promise<void> {
    const docs = [...this.hocuspocus.documents.values()];
    await Promise.all(docs.map((d) => this.store.putDoc(d.name, Y.encodeStateAsUpdate(d))));
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    for (const d of docs) d.destroy();
    this.hocuspocus.documents.clear();
    await this.store.close();
  }

  // ——— WebSocket ———

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const info: SocketInfo = { ip: clientIp(req, this.trustProxy), doc: null, role: null, bucket: new Bucket(20, 60), strikes: 0 };
      this.sockets.set(req, info);
      this.guard(ws, info);
      this.hocuspocus.handleConnection(ws, req, {});
    });
  }

  /** Filters frames before Hocuspocus sees them (see the file comment). */
  private guard(ws: WebSocket, info: SocketInfo) {
    const emit = ws.emit.bind(ws) as (event: string, ...args: unknown[]) => boolean;
    const seen = new WeakSet<object>();
    ws.on('error', (e) => this.warn(`socket error from ${info.ip}: ${e.message}`));
    (ws as unknown as { emit: typeof emit }).emit = (event: string, ...args: unknown[]) => {
      if (event !== 'message') return emit(event, ...args);
      const data = args[0] as RawData;
      // Hocuspocus replays frames it queued during authentication: they were checked already.
      if (typeof data === 'object' && data !== null && seen.has(data)) return emit(event, ...args);
      const why = this.check(data, info);
      if (why) {
        this.stats.dropped++;
        this.warn(`dropped a frame from ${info.ip} (${info.role ?? 'unauthenticated'}): ${why}`);
        if (++info.strikes >= 10) ws.close(1008, 'policy');
        return false;
      }
      if (typeof data === 'object' && data !== null) seen.add(data);
      return emit(event, ...args);
    };
  }

  private check(data: RawData, info: SocketInfo): string | null {
    if (!(data instanceof Buffer || data instanceof Uint8Array)) return 'not a single binary frame';
    const limit = info.role === 'teacher' ? WS_MAX_PAYLOAD : STUDENT_FRAME_MAX;
    if (data.length > limit) return `too large (${data.length} bytes)`;
    const rate = info.role === 'teacher' ? 4 : 1;
    if (!info.bucket.take(1 / rate)) return 'too many messages';
    let name: string;
    let type: number;
    try {
      const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length));
      name = decoding.readVarString(d);
      type = decoding.readVarUint(d);
    } catch {
      return 'malformed';
    }
    if (info.doc === null) {
      if (!codeOfDoc(name)) return 'not a class document';
      info.doc = name;
    } else if (name !== info.doc) return 'a second document on one socket';
    if (!ALLOWED.has(type)) return `message type ${type} not accepted`;
    return null;
  }

  private async authenticate(p: onAuthenticatePayload): Promise<Ctx> {
    const info = this.sockets.get(p.request);
    const ip = info?.ip ?? 'unknown';
    if (!this.failedJoins.allowed(ip)) {
      this.stats.refused++;
      throw deny('rate-limited');
    }
    const fail = (why: string): never => {
      this.failedJoins.hit(ip);
      this.stats.refused++;
      this.warn(`refused a connection from ${ip}: ${why}`);
      throw deny(why === 'no such class' || why === 'bad document' ? 'not-found' : 'permission-denied');
    };
    const code = codeOfDoc(p.documentName);
    if (!code) return fail('bad document');
    const rt = await this.store.classRuntime(code);
    if (!rt) return fail('no such class');
    const tok = parseToken(p.token ?? '');
    if (!tok) return fail('bad token');
    if (tok.r === 't') {
      if (!sameHash(tok.tok, rt.rec.tokenHash)) return fail('wrong teacher token');
      p.connectionConfig.readOnly = false;
      if (info) info.role = 'teacher';
      return { role: 'teacher', code };
    }
    const known = rt.students.get(tok.sid);
    if (known) {
      if (!sameHash(tok.key, known.keyHash)) return fail('wrong student key');
      if (known.removed) throw deny('removed');
    } else {
      if (rt.rec.endedAt !== null) throw deny('ended');
      if (rt.students.size >= this.maxStudents) throw deny('full');
      const s = { nick: null, keyHash: hashSecret(tok.key), joinedAt: Date.now(), removed: false };
      rt.students.set(tok.sid, s);
      await this.store.saveStudent(code, tok.sid, s);
    }
    p.connectionConfig.readOnly = true;
    if (info) info.role = 'student';
    return { role: 'student', code, sid: tok.sid };
  }

  // ——— stateless messages ———

  private async stateless({ payload, connection, document }: onStatelessPayload) {
    const ctx = connection.context as Ctx | undefined;
    const reply = (m: ServerMessage) => connection.sendStateless(JSON.stringify(m));
    const msg = parseClientMessage(payload);
    if (!ctx || !msg) {
      this.stats.dropped++;
      this.warn(`dropped a malformed message (${ctx?.role ?? 'unknown'})`);
      reply({ t: 'refused', why: 'bad-message' });
      return;
    }
    try {
      const rt = await this.store.classRuntime(ctx.code);
      if (!rt) return;
      if (ctx.role === 'student') await this.fromStudent(rt, ctx.sid!, msg, document, reply);
      else await this.fromTeacher(rt, msg, document, reply);
    } catch (e) {
      this.warn(`error handling ${msg.t}: ${(e as Error).message}`);
    }
  }

  private async fromStudent(rt: ClassRuntime, sid: string, msg: ClientMessage, doc: Document, reply: (m: ServerMessage) => void) {
    const me = rt.students.get(sid);
    if (!me || me.removed) return reply({ t: 'refused', why: 'removed' });
    if (msg.t === 'join') {
      me.nick = msg.nick;
      await this.store.saveStudent(rt.rec.code, sid, me);
      doc.transact(() => doc.getMap('roster').set(sid, { nick: msg.nick }));
      const answers: Record<string, number> = {};
      for (const [qid, m] of rt.answers) {
        const a = m.get(sid);
        if (a) answers[qid] = a.c;
      }
      return reply({ t: 'joined', nick: msg.nick, answers });
    }
    if (msg.t !== 'answer') {
      this.warn(`a student tried "${msg.t}"`);
      this.stats.refused++;
      return reply({ t: 'refused', why: 'not-allowed' });
    }
    if (!me.nick) return reply({ t: 'refused', why: 'not-joined' });
    const q = rt.rec.questions.at(-1);
    if (!q || q.id !== msg.q || q.revealed || rt.rec.endedAt !== null) return reply({ t: 'refused', why: 'closed' });
    if (q.endsAt && Date.now() > q.endsAt + 1500) return reply({ t: 'refused', why: 'closed' });
    if (msg.c >= q.choices.length) return reply({ t: 'refused', why: 'bad-message' });
    let m = rt.answers.get(q.id);
    if (!m) rt.answers.set(q.id, (m = new Map()));
    if (m.has(sid)) return reply({ t: 'refused', why: 'already-answered' });
    const a = { c: msg.c, at: Date.now() };
    m.set(sid, a);
    await this.store.saveAnswer(rt.rec.code, q.id, sid, a);
    this.stats.answers++;
    doc.transact(() => doc.getMap('question').set('answered', m.size));
    reply({ t: 'answered', q: q.id, c: msg.c });
  }

  private async fromTeacher(rt: ClassRuntime, msg: ClientMessage, doc: Document, reply: (m: ServerMessage) => void) {
    const ended = rt.rec.endedAt !== null;
    switch (msg.t) {
      case 'ask': {
        if (ended) return reply({ t: 'refused', why: 'closed' });
        const now = Date.now();
        const q: QuestionRecord = {
          id: randomId(9),
          prompt: msg.prompt,
          choices: msg.choices,
          correct: msg.correct,
          askedAt: now,
          endsAt: msg.timerS ? now + msg.timerS * 1000 : 0,
          revealed: false,
          ...(msg.source ? { source: msg.source } : {}),
        };
        rt.rec.questions.push(q);
        await this.store.saveClass(rt);
        doc.transact(() => {
          const m = doc.getMap('question');
          m.clear();
          m.set('id', q.id);
          m.set('prompt', q.prompt);
          m.set('choices', q.choices);
          m.set('endsAt', q.endsAt);
          m.set('timerS', msg.timerS);
          m.set('answered', 0);
          m.set('revealed', false);
        });
        return;
      }
      case 'reveal': {
        const q = rt.rec.questions.at(-1);
        if (!q) return;
        q.revealed = true;
        await this.store.saveClass(rt);
        const counts = q.choices.map(() => 0);
        for (const a of rt.answers.get(q.id)?.values() ?? []) if (a.c < counts.length) counts[a.c]!++;
        doc.transact(() => {
          const m = doc.getMap('question');
          m.set('revealed', true);
          m.set('correct', q.correct);
          m.set('counts', counts);
        });
        return;
      }
      case 'kick': {
        const s = rt.students.get(msg.sid);
        if (!s) return;
        s.removed = true;
        await this.store.saveStudent(rt.rec.code, msg.sid, s);
        doc.transact(() => doc.getMap('roster').delete(msg.sid));
        for (const c of doc.getConnections()) {
          if ((c.context as Ctx | undefined)?.sid === msg.sid) {
            c.sendStateless(JSON.stringify({ t: 'refused', why: 'removed' } satisfies ServerMessage));
            c.close({ code: 4403, reason: 'removed' });
          }
        }
        return;
      }
      case 'end': {
        if (!ended) {
          rt.rec.endedAt = Date.now();
          await this.store.saveClass(rt);
        }
        const board = this.leaderboard(rt);
        doc.transact(() => {
          const info = doc.getMap('info');
          info.set('ended', true);
          info.set('leaderboard', board);
        });
        return;
      }
      default:
        this.warn(`the teacher sent "${msg.t}"`);
    }
  }

  leaderboard(rt: ClassRuntime): LeaderRow[] {
    const rows: LeaderRow[] = [];
    for (const [sid, s] of rt.students) {
      if (!s.nick || s.removed) continue;
      let right = 0;
      let answered = 0;
      for (const q of rt.rec.questions) {
        const a = rt.answers.get(q.id)?.get(sid);
        if (!a) continue;
        answered++;
        if (q.revealed && a.c === q.correct) right++;
      }
      rows.push({ nick: s.nick, right, answered });
    }
    return rows.sort((a, b) => b.right - a.right || b.answered - a.answered || a.nick.localeCompare(b.nick));
  }

  // ——— HTTP API under /live/api ———

  /** Handles /live/api/…; returns false for any other path. */
  async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/live/api/')) return false;
    try {
      await this.api(req, res, url);
    } catch (e) {
      this.warn(`api error: ${(e as Error).message}`);
      if (!res.headersSent) json(res, 500, { error: 'server' });
      else res.end();
    }
    return true;
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const ip = clientIp(req, this.trustProxy);
    const path = url.pathname.slice('/live/api/'.length);
    if (path === 'health' && req.method === 'GET') return json(res, 200, { ok: true });
    if (path === 'classes' && req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin && origin !== 'null') {
        let host = '';
        try {
          host = new URL(origin).host;
        } catch {
          /* unparsable origin */
        }
        const fwd = req.headers['x-forwarded-host'];
        const hosts = [req.headers.host, ...(this.trustProxy && typeof fwd === 'string' ? [fwd] : [])];
        if (!hosts.includes(host)) return json(res, 403, { error: 'origin' });
      }
      if (!this.creates.hit(ip)) return json(res, 429, { error: 'rate-limited' });
      let code = newCode();
      for (let i = 0; i < 5 && (await this.store.exists(code)); i++) code = newCode();
      const token = randomId(32);
      await this.store.createClass(code, token);
      return json(res, 201, { code, token });
    }
    const m = /^classes\/([^/]+)\/export\.(csv|json)$/.exec(path);
    if (m && req.method === 'GET') {
      const code = m[1]!;
      const auth = req.headers.authorization ?? '';
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!this.failedJoins.allowed(ip)) return json(res, 429, { error: 'rate-limited' });
      const rt = isJoinCode(code) ? await this.store.classRuntime(code) : null;
      if (!rt || !token || !sameHash(token, rt.rec.tokenHash)) {
        this.failedJoins.hit(ip);
        return json(res, 404, { error: 'not-found' });
      }
      const lang = url.searchParams.get('lang') === 'tr' ? 'tr' : 'en';
      if (m[2] === 'csv') {
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="prodviz-class-${code}.csv"`,
          'Cache-Control': 'no-store',
        });
        res.end('\ufeff' + this.csv(rt, lang));
      } else {
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="prodviz-class-${code}.json"`,
          'Cache-Control': 'no-store',
        });
        res.end(JSON.stringify(this.exportClass(rt), null, 2));
      }
      return;
    }
    json(res, 404, { error: 'not-found' });
  }

  csv(rt: ClassRuntime, lang: 'tr' | 'en'): string {
    const rows: (string | number)[][] = [['question', 'prompt', 'nickname', 'choice', 'answer', 'correct', 'answered_at']];
    rt.rec.questions.forEach((q, i) => {
      for (const [sid, a] of rt.answers.get(q.id) ?? []) {
        const s = rt.students.get(sid);
        rows.push([
          i + 1,
          q.prompt[lang],
          s?.nick ?? '',
          a.c + 1,
          q.choices[a.c]?.[lang] ?? '',
          q.revealed ? (a.c === q.correct ? 'yes' : 'no') : '',
          new Date(a.at).toISOString(),
        ]);
      }
    });
    return toCsv(rows);
  }

  exportClass(rt: ClassRuntime) {
    return {
      format: 'prodviz-live-class',
      version: 1,
      code: rt.rec.code,
      createdAt: new Date(rt.rec.createdAt).toISOString(),
      endedAt: rt.rec.endedAt === null ? null : new Date(rt.rec.endedAt).toISOString(),
      questions: rt.rec.questions.map((q) => ({
        prompt: q.prompt,
        choices: q.choices,
        correct: q.correct,
        revealed: q.revealed,
        source: q.source ?? null,
        answers: [...(rt.answers.get(q.id) ?? [])].map(([sid, a]) => ({
          nick: rt.students.get(sid)?.nick ?? '',
          choice: a.c,
          at: new Date(a.at).toISOString(),
        })),
      })),
      leaderboard: this.leaderboard(rt),
    };
  }
}

export { docName };

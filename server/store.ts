/**
 * Where live classes are kept: one LevelDB directory (classic-level, which ships prebuilt
 * binaries inside its npm package: nothing is compiled or downloaded at install time).
 *
 * Keys:
 *   c:<CODE>             the class: teacher token hash, created/ended, its questions
 *   s:<CODE>:<sid>       a student: nickname, key hash, removed
 *   a:<CODE>:<qid>:<sid> an answer: the choice and when
 *   d:<document name>    the Yjs document's state (Hocuspocus's Database extension)
 *
 * Answers are written with sync: true before the student hears "answered", so a server that
 * is killed right after loses none. A class is loaded into memory on first use (a class is
 * small: tens of students, tens of questions).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ClassicLevel } from 'classic-level';
import type { Bilingual } from '../src/core/live/protocol.ts';

export interface QuestionRecord {
  id: string;
  prompt: Bilingual;
  choices: Bilingual[];
  correct: number;
  source?: string;
  askedAt: number;
  endsAt: number;
  revealed: boolean;
}

export interface ClassRecord {
  code: string;
  tokenHash: string;
  createdAt: number;
  endedAt: number | null;
  questions: QuestionRecord[];
}

export interface StudentRecord {
  nick: string | null;
  keyHash: string;
  joinedAt: number;
  removed: boolean;
}

export interface AnswerRecord {
  c: number;
  at: number;
}

export interface ClassRuntime {
  rec: ClassRecord;
  students: Map<string, StudentRecord>;
  /** question id → student id → answer */
  answers: Map<string, Map<string, AnswerRecord>>;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameHash(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomId(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export class LiveStore {
  private db: ClassicLevel<string, string>;
  private classes = new Map<string, Promise<ClassRuntime | null>>();

  constructor(dir: string) {
    this.db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  }

  open(): Promise<void> {
    return this.db.open();
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  async exists(code: string): Promise<boolean> {
    return (await this.db.get(`c:${code}`)) !== undefined;
  }

  async createClass(code: string, token: string): Promise<ClassRuntime> {
    const rec: ClassRecord = { code, tokenHash: hashSecret(token), createdAt: Date.now(), endedAt: null, questions: [] };
    await this.db.put(`c:${code}`, JSON.stringify(rec), { sync: true });
    const rt: ClassRuntime = { rec, students: new Map(), answers: new Map() };
    this.classes.set(code, Promise.resolve(rt));
    return rt;
  }

  /** The class with its students and answers, or null when there is no such class. */
  classRuntime(code: string): Promise<ClassRuntime | null> {
    let p = this.classes.get(code);
    if (!p) {
      p = this.loadClass(code);
      this.classes.set(code, p);
      // An unknown code is not cached (a later create would be hidden by it).
      void p.then((rt) => {
        if (!rt) this.classes.delete(code);
      });
    }
    return p;
  }

  private async loadClass(code: string): Promise<ClassRuntime | null> {
    const raw = await this.db.get(`c:${code}`);
    if (raw === undefined) return null;
    const rec = JSON.parse(raw) as ClassRecord;
    const students = new Map<string, StudentRecord>();
    for await (const [k, v] of this.db.iterator({ gt: `s:${code}:`, lt: `s:${code}:\uffff` })) {
      students.set(k.slice(`s:${code}:`.length), JSON.parse(v) as StudentRecord);
    }
    const answers = new Map<string, Map<string, AnswerRecord>>();
    for await (const [k, v] of this.db.iterator({ gt: `a:${code}:`, lt: `a:${code}:\uffff` })) {
      const [qid, sid] = k.slice(`a:${code}:`.length).split(':');
      if (!qid || !sid) continue;
      let m = answers.get(qid);
      if (!m) answers.set(qid, (m = new Map()));
      m.set(sid, JSON.parse(v) as AnswerRecord);
    }
    return { rec, students, answers };
  }

  saveClass(rt: ClassRuntime): Promise<void> {
    return this.db.put(`c:${rt.rec.code}`, JSON.stringify(rt.rec), { sync: true });
  }

  saveStudent(code: string, sid: string, s: StudentRecord): Promise<void> {
    return this.db.put(`s:${code}:${sid}`, JSON.stringify(s), { sync: true });
  }

  saveAnswer(code: string, qid: string, sid: string, a: AnswerRecord): Promise<void> {
    return this.db.put(`a:${code}:${qid}:${sid}`, JSON.stringify(a), { sync: true });
  }

  async getDoc(name: string): Promise<Uint8Array | null> {
    const v = await this.db.get<string, Uint8Array>(`d:${name}`, { valueEncoding: 'view' });
    return v ?? null;
  }

  putDoc(name: string, state: Uint8Array): Promise<void> {
    return this.db.put<string, Uint8Array>(`d:${name}`, state, { valueEncoding: 'view' });
  }
}

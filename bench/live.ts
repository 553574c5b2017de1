/**
 * Live-class load: the real server (server/index.ts --live-only, its own process on a free
 * port of 127.0.0.1) with 40 simulated students (Node Hocuspocus clients) while the teacher
 * steps through 30 presenter steps. Every student must see every step. Prints the
 * step-to-student latency (p50, p95, max), one question answered by everyone, and the
 * server's memory (resident set) before and during the class.
 *
 *   npm run bench:live                    (defaults: --students 40 --steps 30 --interval 200)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { LiveConnection } from '../src/state/liveConnection';
import { freePort } from '../e2e/liveServer';

const { values } = parseArgs({
  options: { students: { type: 'string', default: '40' }, steps: { type: 'string', default: '30' }, interval: { type: 'string', default: '200' } },
});
const STUDENTS = Math.min(200, Math.max(1, Number(values.students)));
const STEPS = Math.min(500, Math.max(1, Number(values.steps)));
const INTERVAL = Math.max(20, Number(values.interval));

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

const until = async (cond: () => boolean, what: string, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'prodviz-bench-live-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', '--live-only'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LIVE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const conns: LiveConnection[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (d: Buffer) => d.toString().includes('ProdViz') && resolve());
      server.once('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    const http = `http://127.0.0.1:${port}`;
    const url = `ws://127.0.0.1:${port}/live`;
    const rssIdle = rssMb(server.pid!);
    const res = await fetch(`${http}/live/api/classes`, { method: 'POST' });
    const { code, token } = (await res.json()) as { code: string; token: string };

    const teacher = new LiveConnection({ url, code, token: { r: 't', tok: token }, WebSocketPolyfill: WebSocket });
    conns.push(teacher);
    await until(() => teacher.status === 'online', 'teacher online');

    const seen: number[][] = Array.from({ length: STUDENTS }, () => new Array<number>(STEPS + 1).fill(0));
    const joined = new Set<number>();
    const answered = new Set<number>();
    const students = Array.from({ length: STUDENTS }, (_, i) => {
      const c = new LiveConnection({
        url,
        code,
        token: { r: 's', sid: `bench-student-${i}-xxxx`, key: `bench-key-${i}-xxxxxxxx` },
        WebSocketPolyfill: WebSocket,
        onMessage: (m) => {
          if (m.t === 'joined') joined.add(i);
          if (m.t === 'answered') answered.add(i);
        },
      });
      c.teacher.observe(() => {
        const step = c.teacher.get('step');
        if (typeof step === 'number' && step >= 1 && step <= STEPS && !seen[i]![step]) seen[i]![step] = performance.now();
      });
      conns.push(c);
      return c;
    });
    const t0 = performance.now();
    await until(() => students.every((s) => s.status === 'online'), 'students online', 30_000);
    students.forEach((s, i) => s.send({ t: 'join', nick: `Student ${i + 1}` }));
    await until(() => joined.size === STUDENTS, 'students joined');
    const joinMs = performance.now() - t0;

    const sentAt: number[] = [];
    for (let step = 1; step <= STEPS; step++) {
      sentAt[step] = performance.now();
      teacher.doc.transact(() => {
        teacher.teacher.set('lessonId', 'nginx');
        teacher.teacher.set('step', step);
      });
      await new Promise((r) => setTimeout(r, INTERVAL));
    }
    await until(() => seen.every((row) => row.slice(1).every((t) => t > 0)), 'every student saw every step');
    const rssClass = rssMb(server.pid!);

    teacher.send({ t: 'ask', prompt: { tr: 'Soru', en: 'Question' }, choices: [{ tr: 'A', en: 'A' }, { tr: 'B', en: 'B' }], correct: 0, timerS: 0 });
    await until(() => students.every((s) => typeof s.question.get('id') === 'string'), 'question reached everyone');
    const qAt = performance.now();
    students.forEach((s, i) => s.send({ t: 'answer', q: s.question.get('id') as string, c: i % 2 }));
    await until(() => teacher.question.get('answered') === STUDENTS, 'all answers counted');
    const answerMs = performance.now() - qAt;

    const lat = seen.flatMap((row) => row.slice(1).map((t, k) => t - sentAt[k + 1]!));
    const r = (x: number) => Math.round(x * 10) / 10;
    const result = {
      students: STUDENTS,
      steps: STEPS,
      intervalMs: INTERVAL,
      deliveries: lat.length,
      missed: STUDENTS * STEPS - lat.length,
      stepToStudentMs: { p50: r(pct(lat, 50)), p95: r(pct(lat, 95)), max: r(Math.max(...lat)) },
      joinAllMs: Math.round(joinMs),
      answersAllMs: Math.round(answerMs),
      answersCounted: answered.size,
      serverRssMb: { idle: rssIdle, duringClass: rssClass, afterAnswers: rssMb(server.pid!) },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const c of conns) c.destroy();
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

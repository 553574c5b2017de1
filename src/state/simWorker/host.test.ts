/**
 * The worker's message handler, run in-process with every message structured-cloned both ways
 * (as postMessage does): the same seed and the same calls give the same event stream as the
 * Simulation used directly, and frames, summaries and Compare carry the same numbers.
 */
import { describe, expect, it } from 'vitest';
import { compare } from '../../core/sim/compare';
import { Simulation } from '../../core/sim/engine';
import { unpackTransit } from '../../core/sim/transitPack';
import { REQUEST_TYPES, type LoadPattern, type SimOptions, type Transit } from '../../core/sim/types';
import { setAppServers, drainingServers } from '../../core/topology/scaling';
import { getScene } from '../../core/topology/scenes';
import { LOG_CAP, LOG_SHOWN, SCREEN_NETWORK, WINDOW_MS } from '../simConstants';
import { createEngineHost } from './host';
import type { FrameMessage, FromEngine, LogRow, SummaryMessage, ToEngine } from './protocol';

const base = () => getScene('production').topology;
const options = (seed: number): SimOptions => ({
  seed,
  rps: 120,
  mix: { static: 0.3, page: 0.4, api: 0.2, upload: 0.1 },
  network: SCREEN_NETWORK,
  eventLog: 0,
  windowMs: WINDOW_MS,
  pattern: { kind: 'steady' },
});

/** A session's calls, in the order the page sends them. */
type Call = [method: string, ...args: unknown[]];
const spike: LoadPattern = { kind: 'spike', factor: 4, everyMs: 1500, lengthMs: 400 };
const script = (): Call[] => [
  ['advanceTo', 800],
  ['setRps', 400],
  ['advanceTo', 2100.5],
  ['step'],
  ['step'],
  ['step'],
  ['setMix', { static: 0, page: 1 }],
  ['setTopology', setAppServers(base(), 4)],
  ['advanceTo', 4000],
  ['setLoadPattern', spike],
  ['advanceTo', 6500],
  ['setTopology', setAppServers(setAppServers(base(), 4), 2, { drain: true })],
  ['advanceTo', 7000.25],
];

function direct(seed: number) {
  const sim = new Simulation(base(), options(seed));
  for (const [method, ...args] of script()) {
    (sim as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args);
  }
  return sim;
}

function hosted(seed: number) {
  const received: FromEngine[] = [];
  const host = createEngineHost((msg) => received.push(structuredClone(msg)));
  const send = (msg: ToEngine) => host.handle(structuredClone(msg));
  send({ op: 'create', topology: base(), options: options(seed) });
  for (const [method, ...args] of script()) {
    if (method === 'advanceTo') send({ op: 'advance', t: args[0] as number, frame: true, tag: 1 });
    else send({ op: 'call', method, args });
  }
  send({ op: 'call', method: 'eventHash', args: [], id: 1 });
  send({ op: 'call', method: 'eventCount', args: [], id: 2 });
  send({ op: 'summary' });
  const result = (id: number) => received.find((m) => m.op === 'result' && m.id === id) as { value: unknown };
  const frames = received.filter((m): m is FrameMessage => m.op === 'frame');
  const summary = received.find((m): m is SummaryMessage => m.op === 'summary')!;
  return { hash: result(1).value, count: result(2).value, frames, summary, allRows: host.logRows() };
}

describe('engine host (the worker’s message handler)', () => {
  it('gives the same event-stream hash as the in-process engine for the same seed and calls', () => {
    for (const seed of [1, 7, 42]) {
      const sim = direct(seed);
      const h = hosted(seed);
      expect(sim.eventCount).toBeGreaterThan(1000);
      expect(h.count).toBe(sim.eventCount);
      expect(h.hash).toBe(sim.eventHash);
      expect(h.summary.eventHash).toBe(sim.eventHash);
    }
    // …and a different seed gives a different stream (the hash is not a constant).
    expect(hosted(2).hash).not.toBe(hosted(1).hash);
  });

  it('frames carry exactly the transits in flight, and the summary the same metrics', () => {
    const sim = direct(5);
    const h = hosted(5);
    const names: string[] = [];
    for (const f of h.frames) {
      if (f.reset) names.length = 0;
      if (f.names) names.splice(f.names.from, names.length, ...f.names.names);
      expect(f.tag).toBe(1);
    }
    const last = h.frames[h.frames.length - 1]!;
    expect(last.now).toBe(sim.now);
    const got = Array.from({ length: last.count }, (_, i) => unpackTransit(last.data, i, names));
    // The public fields of each transit (the engine's objects carry internals too).
    const want = sim.transits().map((t) => {
      const pub: Transit = { reqId: t.reqId, type: t.type, edgeId: t.edgeId, from: t.from, to: t.to, t0: t.t0, t1: t.t1, back: t.back };
      if (t.status !== undefined) pub.status = t.status;
      if (t.cacheHit === true) pub.cacheHit = true;
      return pub;
    });
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
    expect(h.summary.metrics).toEqual(sim.metrics());
    // The drain the last setTopology started: reported per draining box, as isDrained says.
    const draining = drainingServers(setAppServers(setAppServers(base(), 4), 2, { drain: true }));
    expect(Object.keys(h.summary.drained).sort()).toEqual([...draining].sort());
    for (const id of draining) expect(h.summary.drained[id]).toBe(sim.isDrained(id));
  });

  it('keeps the event log’s last rows, oldest first, and sends those every filter shows', () => {
    const h = hosted(3);
    const all = h.allRows;
    expect(all.length).toBe(LOG_CAP);
    expect(all.every((r) => ['hop', 'respond', 'complete', 'error', 'reject', 'timeout', 'fail', 'killed'].includes(r.kind))).toBe(true);
    const seqs = h.summary.log.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Fewer rows than kept, but the same last LOG_SHOWN under every filter of the event log.
    expect(h.summary.log.length).toBeLessThan(LOG_CAP);
    const lastShown = (rows: LogRow[], type?: string) => rows.filter((r) => type === undefined || r.type === type).slice(-LOG_SHOWN);
    for (const type of [undefined, ...REQUEST_TYPES]) expect(lastShown(h.summary.log, type)).toEqual(lastShown(all, type));
  });

  it('runs Compare in slices and gives the same summaries as compare()', async () => {
    const before = setAppServers(base(), 1);
    const after = setAppServers(base(), 3);
    const opts = { seed: 9, rps: 150, network: SCREEN_NETWORK, warmupMs: 2000, measureMs: 6000 };
    const want = compare(before, after, opts);
    const received: FromEngine[] = [];
    const finished = new Promise<void>((resolve) => {
      const host = createEngineHost((msg) => {
        received.push(structuredClone(msg));
        if (msg.op === 'compare' && msg.results) resolve();
      });
      host.handle(structuredClone<ToEngine>({ op: 'compare', id: 4, runs: [{ topology: before, options: opts }, { topology: after, options: opts }], sliceMs: 2 }));
    });
    await finished;
    const progress = received.filter((m) => m.op === 'compare' && !m.results).map((m) => (m as { progress: number }).progress);
    expect(progress.length).toBeGreaterThan(1);
    const done = received.find((m) => m.op === 'compare' && m.results) as { results: unknown[] };
    expect(done.results).toEqual([want.before, want.after]);
  });

  it('answers a failed call with an error instead of dying', () => {
    const received: FromEngine[] = [];
    const host = createEngineHost((msg) => received.push(msg));
    host.handle({ op: 'call', method: 'eventHash', args: [], id: 1 });
    expect(received).toEqual([{ op: 'result', id: 1, error: 'no simulation yet' }]);
  });
});

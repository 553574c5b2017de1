/**
 * The engine host: owns the Simulation and answers the page's messages (protocol.ts). The
 * same code runs in the Web Worker (worker.ts) and, for `?engine=main` or a browser without
 * workers, in the page — so both give the same event stream for the same calls.
 *
 * Per frame it packs what is in flight into a transferable Float64Array; a few times a second
 * it sends a summary (metrics, the event log's rows, drained servers). Compare's headless runs
 * go here too, in slices, so the page never runs them.
 */
import { HeadlessRun, type HeadlessOptions } from '../../core/sim/compare';
import { Simulation } from '../../core/sim/engine';
import { NameTable, packTransits } from '../../core/sim/transitPack';
import type { SimEvent } from '../../core/sim/types';
import type { Topology } from '../../core/topology/types';
import { LOG_CAP, LOG_SHOWN } from '../simConstants';
import type { LogRow, PacketFrame, Post, ToEngine } from './protocol';

/** Draws the packets where the engine runs (the worker's OffscreenCanvas, see worker.ts). */
export interface FrameDrawer {
  draw(frame: PacketFrame): void;
}

const EMPTY = new Float64Array(0);

/** Engine events one Step may look through for the next one the event log shows. */
const STEP_SEARCH = 1000;

function logged(kind: SimEvent['kind']): boolean {
  return (
    kind === 'hop' ||
    kind === 'respond' ||
    kind === 'complete' ||
    kind === 'error' ||
    kind === 'reject' ||
    kind === 'timeout' ||
    kind === 'fail' ||
    kind === 'killed' ||
    kind === 'retry' ||
    kind === 'markDown' ||
    kind === 'markUp' ||
    kind === 'workerBoot' ||
    kind === 'recycle' ||
    kind === 'synDrop' ||
    kind === 'cacheError' ||
    kind === 'sessionsLost'
  );
}

/** The event log's ring: the engine's own event objects, written in place. */
class EventRing {
  private readonly events: (SimEvent | null)[] = new Array<SimEvent | null>(LOG_CAP).fill(null);
  private readonly ages = new Float64Array(LOG_CAP);
  private next = 0;
  private count = 0;
  private readonly arrivals = new Map<number, number>();
  /** Bumped on every logged event: a summary with no new rows sends the same rows again. */
  version = 0;

  collect = (e: SimEvent) => {
    if (e.kind === 'arrive') this.arrivals.set(e.reqId, e.t);
    else if (logged(e.kind)) {
      this.events[this.next] = e;
      this.ages[this.next] = e.t - (this.arrivals.get(e.reqId) ?? e.t);
      this.next = (this.next + 1) % LOG_CAP;
      if (this.count < LOG_CAP) this.count++;
      this.version++;
      if (e.kind === 'complete' || e.kind === 'error') this.arrivals.delete(e.reqId);
    }
    if (this.arrivals.size > 50_000) this.arrivals.clear();
  };

  /**
   * Rows, oldest first: with `all`, every row kept; otherwise only those the event log can
   * show under some filter — the last LOG_SHOWN rows, and the last LOG_SHOWN of each type.
   */
  rows(all = false): LogRow[] {
    const keep = new Uint8Array(this.count);
    if (all) keep.fill(1);
    else {
      const perType = new Map<string, number>();
      for (let i = this.count - 1, seen = 0; i >= 0; i--, seen++) {
        const e = this.events[(this.next - this.count + i + LOG_CAP) % LOG_CAP];
        if (!e) continue;
        const n = perType.get(e.type) ?? 0;
        if (seen < LOG_SHOWN || n < LOG_SHOWN) keep[i] = 1;
        perType.set(e.type, n + 1);
      }
    }
    const out: LogRow[] = [];
    for (let i = 0; i < this.count; i++) {
      if (keep[i] === 0) continue;
      const at = (this.next - this.count + i + LOG_CAP) % LOG_CAP;
      const e = this.events[at];
      if (!e) continue;
      const row: LogRow = {
        seq: e.seq,
        t: e.t,
        kind: e.kind,
        reqId: e.reqId,
        type: e.type,
        method: e.method,
        path: e.path,
        ageMs: this.ages[at] ?? 0,
      };
      // Only the fields the event has (structured clone keeps `undefined` keys otherwise).
      if (e.from !== undefined) row.from = e.from;
      if (e.to !== undefined) row.to = e.to;
      if (e.node !== undefined) row.node = e.node;
      if (e.status !== undefined) row.status = e.status;
      if (e.traceback === true) row.traceback = true;
      out.push(row);
    }
    return out;
  }
}

export interface EngineHost {
  handle(msg: ToEngine): void;
  /** The Simulation (tests, the in-page fallback's debugging); null before 'create'. */
  readonly sim: Simulation | null;
  /** From now on, every frame is drawn here and the page gets only its count. */
  setDrawer(drawer: FrameDrawer): void;
  /** Every row the event log keeps (a summary carries only those a filter can show). */
  logRows(): LogRow[];
}

type Callable = Record<string, unknown>;

export function createEngineHost(post: Post): EngineHost {
  let sim: Simulation | null = null;
  let topology: Topology | null = null;
  let ring = new EventRing();
  let names = new NameTable();
  let resetNames = true;
  let spare: Float64Array | null = null;
  let drawer: FrameDrawer | null = null;
  /** The drawer's buffer (never transferred) and its names' version. */
  let local: Float64Array | null = null;
  let namesVersion = 0;
  const compares = new Map<number, () => void>();

  const sendFrame = (buf: ArrayBuffer | undefined, tag: number | undefined, seq?: number) => {
    if (!sim) return;
    if (drawer) {
      const list = sim.transits();
      local = packTransits(list, names, local);
      const t0 = performance.now();
      drawer.draw({ now: sim.now, count: list.length, data: local, names: names.names, namesVersion });
      const drawMs = performance.now() - t0;
      post({ op: 'frame', now: sim.now, count: list.length, data: EMPTY, names: null, reset: false, tag, ...(seq !== undefined ? { seq } : {}), drawn: true, drawMs });
      return;
    }
    if (buf && (!spare || buf.byteLength > spare.byteLength)) spare = new Float64Array(buf);
    const list = sim.transits();
    const data = packTransits(list, names, spare);
    spare = null;
    const reset = resetNames;
    resetNames = false;
    post({ op: 'frame', now: sim.now, count: list.length, data, names: names.takeNew(), reset, tag, ...(seq !== undefined ? { seq } : {}) }, [data.buffer]);
  };

  const sendSummary = () => {
    if (!sim) return;
    const drained: Record<string, boolean> = {};
    for (const n of topology?.nodes ?? []) {
      if ((n.params as { draining?: boolean } | undefined)?.draining === true) drained[n.id] = sim.isDrained(n.id);
    }
    post({
      op: 'summary',
      now: sim.now,
      metrics: sim.metrics(),
      log: ring.rows(),
      drained,
      eventHash: sim.eventHash,
      eventCount: sim.eventCount,
    });
  };

  const runCompare = (id: number, runs: HeadlessRun[], chunkMs: number, sliceMs: number) => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    compares.set(id, () => {
      stopped = true;
      clearTimeout(timer);
    });
    const slice = () => {
      if (stopped) return;
      const until = performance.now() + sliceMs;
      while (performance.now() < until) {
        const r = runs.find((x) => !x.done);
        if (!r) break;
        r.step(chunkMs);
      }
      if (runs.every((r) => r.done)) {
        compares.delete(id);
        post({ op: 'compare', id, progress: 1, results: runs.map((r) => r.result()) });
      } else {
        post({ op: 'compare', id, progress: runs.reduce((a, r) => a + r.progress, 0) / runs.length });
        timer = setTimeout(slice, 0);
      }
    };
    timer = setTimeout(slice, 0);
  };

  const handle = (msg: ToEngine) => {
    switch (msg.op) {
      case 'create': {
        sim = new Simulation(msg.topology, msg.options);
        topology = msg.topology;
        ring = new EventRing();
        names = new NameTable();
        resetNames = true;
        namesVersion++;
        sim.onEvent(ring.collect);
        return;
      }
      case 'call': {
        let value: unknown;
        let error: string | undefined;
        try {
          if (!sim) throw new Error('no simulation yet');
          if (msg.method === 'stepVisible') {
            // Step goes to the next thing the event log shows (a hop, an answer, an error), like
            // Packet Tracer's Capture/Forward: an arrival alone is invisible, so it is not a step.
            let ev = null;
            for (let i = 0; i < STEP_SEARCH; i++) {
              ev = sim.step();
              if (!ev || logged(ev.kind)) break;
            }
            value = ev;
          } else {
            const target = (sim as unknown as Callable)[msg.method];
            value = typeof target === 'function' ? (target as (...a: unknown[]) => unknown).apply(sim, msg.args) : target;
          }
          if (msg.method === 'setTopology') topology = msg.args[0] as Topology;
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
          if (msg.id === undefined) throw err;
        }
        if (msg.id !== undefined) post(error === undefined ? { op: 'result', id: msg.id, value } : { op: 'result', id: msg.id, error });
        return;
      }
      case 'advance':
        sim?.advanceTo(msg.t);
        if (msg.frame) sendFrame(msg.buf, msg.tag);
        else if (msg.buf) spare = new Float64Array(msg.buf);
        if (msg.summary) sendSummary();
        return;
      case 'frame':
        sendFrame(msg.buf, msg.tag, msg.seq);
        return;
      case 'summary':
        sendSummary();
        return;
      case 'compare': {
        const runs = msg.runs.map((r) => new HeadlessRun(r.topology, r.options as unknown as HeadlessOptions));
        runCompare(msg.id, runs, msg.chunkMs ?? 250, msg.sliceMs ?? 12);
        return;
      }
      case 'cancel':
        compares.get(msg.id)?.();
        compares.delete(msg.id);
        return;
      case 'canvas':
      case 'packets':
        // The packet layer's messages: the worker's drawer takes them (worker.ts).
        return;
    }
  };

  return {
    handle,
    get sim() {
      return sim;
    },
    setDrawer(d) {
      drawer = d;
    },
    logRows: () => ring.rows(true),
  };
}

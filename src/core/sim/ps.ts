/**
 * CPU time as the operating system shares it: processor sharing.
 *
 * Every process busy on a server box's CPU runs at rate min(1, cores / busy): with more busy
 * processes than cores each one gets its share, recomputed whenever one starts or ends (not
 * fixed when a request starts). Threads or greenlets of one Python process share the GIL:
 * a node with `par` processes runs at most `par` jobs at full speed (rate par / jobs).
 * Waiting on I/O (a query, a sleep) uses no core: it never enters here.
 *
 * Each node keeps a virtual clock V that advances at its per-job rate; a job needing w ms of
 * CPU ends when V reaches V₀ + w. Jobs sit in a min-heap by that finish mark, so a change of
 * load costs O(log n) and one timer per node (EV_CPU; the engine cancels the old one).
 */
import type { Call, Core, SimNode } from './model';

const EPS = 1e-9;

function rateOf(n: SimNode): number {
  let r = 1;
  const box = n.box;
  if (box !== null && box.cpuBusy > box.cores) r = box.cores / box.cpuBusy;
  const jobs = n.psHeap.length;
  if (jobs > n.par) {
    const g = n.par / jobs;
    if (g < r) r = g;
  }
  return r;
}

/** The nodes whose rate changes together with n's: its box's CPU users (none without a box). */
const NO_GROUP: readonly SimNode[] = [];
function group(n: SimNode): readonly SimNode[] {
  const box = n.box;
  return box !== null && !n.removed ? box.members : NO_GROUP;
}

function advance(n: SimNode, now: number): void {
  const dt = now - n.psLastT;
  if (dt > 0) {
    n.psV += dt * n.psRate;
    n.psLastT = now;
  }
}

function reschedule(core: Core, n: SimNode): void {
  const r = rateOf(n);
  n.psRate = r;
  const h = n.psHeap;
  if (h.length === 0) {
    n.psNextT = Infinity;
    return;
  }
  const left = h[0]!.vEnd - n.psV;
  const t = core.now + (left > 0 ? left / r : 0);
  if (t !== n.psNextT) {
    n.psNextT = t;
    core.scheduleCpu(n, t);
  }
}

function advanceGroup(g: readonly SimNode[], n: SimNode, now: number): void {
  advance(n, now);
  for (let i = 0; i < g.length; i++) advance(g[i]!, now);
}

function rescheduleGroup(core: Core, g: readonly SimNode[], n: SimNode): void {
  let seen = false;
  for (let i = 0; i < g.length; i++) {
    const m = g[i]!;
    if (m === n) seen = true;
    if (m.psHeap.length > 0 || m === n) reschedule(core, m);
  }
  if (!seen) reschedule(core, n);
}

// ── the heap (by vEnd) ──

function up(h: Call[], i: number): void {
  const c = h[i]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pc = h[p]!;
    if (pc.vEnd <= c.vEnd) break;
    h[i] = pc;
    pc.psIdx = i;
    i = p;
  }
  h[i] = c;
  c.psIdx = i;
}

function down(h: Call[], i: number): void {
  const n = h.length;
  const c = h[i]!;
  for (;;) {
    let m = 2 * i + 1;
    if (m >= n) break;
    if (m + 1 < n && h[m + 1]!.vEnd < h[m]!.vEnd) m++;
    const mc = h[m]!;
    if (mc.vEnd >= c.vEnd) break;
    h[i] = mc;
    mc.psIdx = i;
    i = m;
  }
  h[i] = c;
  c.psIdx = i;
}

function removeAt(h: Call[], i: number): void {
  const last = h.pop()!;
  if (i < h.length) {
    h[i] = last;
    last.psIdx = i;
    down(h, i);
    up(h, last.psIdx);
  }
}

/** Starts `work` ms of CPU for c on its node (shared with the box's other busy processes). */
export function psAdd(core: Core, c: Call, work: number): void {
  const n = c.node;
  const g = group(n);
  const now = core.now;
  advanceGroup(g, n, now);
  const box = n.box;
  if (box !== null) {
    core.touch(box);
    box.cpuBusy++;
    c.cpuBox = box;
  }
  c.vEnd = n.psV + work;
  n.psHeap.push(c);
  up(n.psHeap, n.psHeap.length - 1);
  rescheduleGroup(core, g, n);
}

/** c leaves its node's CPU heap h and its box's count of busy processes. */
function leave(core: Core, h: Call[], c: Call): void {
  removeAt(h, c.psIdx);
  c.psIdx = -1;
  const box = c.cpuBox;
  if (box !== null) {
    core.touch(box);
    box.cpuBusy--;
    c.cpuBox = null;
  }
}

/** Takes c off its node's CPU before its work is done (its worker was killed). */
export function psRemove(core: Core, c: Call): void {
  if (c.psIdx < 0) return;
  const n = c.node;
  const g = group(n);
  advanceGroup(g, n, core.now);
  leave(core, n.psHeap, c);
  rescheduleGroup(core, g, n);
}

/** The node's CPU timer fired: puts the jobs whose work is done in out[0…] (in finish order), returns how many. */
export function psDue(core: Core, n: SimNode, out: (Call | null)[]): number {
  const g = group(n);
  advanceGroup(g, n, core.now);
  n.psNextT = Infinity;
  const h = n.psHeap;
  let k = 0;
  while (h.length > 0 && h[0]!.vEnd - n.psV <= EPS * (1 + Math.abs(n.psV))) {
    const c = h[0]!;
    leave(core, h, c);
    out[k++] = c;
  }
  rescheduleGroup(core, g, n);
  return k;
}

/** Brings every node's virtual clock to now with its old rate (before the topology changes). */
export function psFreeze(nodes: readonly SimNode[], now: number): void {
  for (const n of nodes) advance(n, now);
}

/** After the topology changed: new rates, new timers. */
export function psThaw(core: Core, nodes: readonly SimNode[]): void {
  for (const n of nodes) {
    if (n.psHeap.length > 0) {
      n.psNextT = NaN;
      reschedule(core, n);
    }
  }
}

/**
 * Grading a challenge: every goal is a pure function of the diagram, the ops facts and the
 * seeded run's statistics, so the same diagram gets the same grade on every machine.
 */
import { CATALOG, type ComponentKind } from '../catalog/catalog';
import { Simulation } from '../sim/engine';
import { checkTopology } from '../topology/rules';
import { getScene } from '../topology/scenes';
import type { TopoNode, Topology } from '../topology/types';
import type {
  ChallengeDef,
  Goal,
  GoalResult,
  Grade,
  OpsFacts,
  RunSpec,
  RunStats,
  StartSpec,
} from './types';

// ——— the starting diagram ———

export function startTopology(spec: StartSpec): Topology {
  if (spec.from === 'empty') return { nodes: [], edges: [] };
  let t = getScene(spec.from).topology;
  const gone = new Set(spec.removeNodes ?? []);
  let nodes = t.nodes
    .filter((n) => !gone.has(n.id) && !(n.parentId !== undefined && gone.has(n.parentId)))
    .map((n): TopoNode => {
      const params = spec.params?.[n.id];
      const loose = spec.loose?.[n.id];
      let out = params ? { ...n, params: { ...n.params, ...params } } : n;
      if (loose) {
        out = { ...out, position: { ...loose } };
        delete out.parentId;
      }
      return out;
    });
  const ids = new Set(nodes.map((n) => n.id));
  const removeEdges = spec.removeEdges;
  let edges = t.edges.filter(
    (e) =>
      ids.has(e.source) &&
      ids.has(e.target) &&
      removeEdges !== 'all' &&
      !(removeEdges ?? []).includes(e.id),
  );
  for (const [source, target] of spec.addEdges ?? []) {
    if (ids.has(source) && ids.has(target))
      edges = [...edges, { id: `${source}->${target}`, source, target }];
  }
  nodes = [...nodes.filter((n) => n.kind === 'server'), ...nodes.filter((n) => n.kind !== 'server')];
  t = { nodes, edges };
  return t;
}

// ——— cost ———

/** Monthly price of a machine: a base plus its cores and memory (a simplified cloud price list). */
export function machineCost(cores: number, memoryMb: number): number {
  return 5 + 10 * cores + 2.5 * (memoryMb / 1024);
}

/**
 * The architecture's monthly cost: each server box by its size; a component standing outside
 * any box runs on a small machine of its own (1 core, 1 GB); users cost nothing; a CDN 20.
 */
export function topologyCost(t: Topology): number {
  let total = 0;
  for (const n of t.nodes) {
    if (n.kind === 'server') {
      const cap = CATALOG.server.capacity;
      total += machineCost(n.params?.cores ?? cap.cores ?? 2, n.params?.memoryMb ?? cap.memoryMb ?? 4096);
    } else if (n.kind === 'cdn') total += 20;
    else if (n.kind !== 'user' && n.parentId === undefined) total += machineCost(1, 1024);
  }
  return Math.round(total * 100) / 100;
}

// ——— the seeded run ———

const WARMUP_MS = 2000;

/**
 * Runs the simulation with the challenge's fixed seed and load for a fixed simulated time.
 * Requests arriving after a warm-up are counted; each one succeeds only if its answer comes
 * back without error within the deadline (a late answer is a failure, as for a real user).
 */
export function seededRun(t: Topology, spec: RunSpec): RunStats {
  const deadline = spec.deadlineMs ?? 3000;
  const sim = new Simulation(t, {
    seed: spec.seed,
    rps: spec.rps,
    eventLog: 0,
    ...(spec.pattern ? { pattern: spec.pattern } : {}),
  });
  const from = WARMUP_MS;
  const to = WARMUP_MS + spec.seconds * 1000;
  const arrived = new Map<number, number>();
  const latencies: number[] = [];
  let requests = 0;
  let succeeded = 0;
  const off = sim.onEvent((e) => {
    if (e.kind === 'arrive') {
      if (e.t >= from && e.t < to) {
        arrived.set(e.reqId, e.t);
        requests++;
      }
      return;
    }
    if (e.kind !== 'complete' && e.kind !== 'error') return;
    const start = arrived.get(e.reqId);
    if (start === undefined) return;
    arrived.delete(e.reqId);
    const ms = e.t - start;
    const ok = e.kind === 'complete' && (e.status ?? 200) < 400 && ms <= deadline;
    latencies.push(ok ? ms : Infinity);
    if (ok) succeeded++;
  });
  // Stop the arrivals at the end of the window, then give the last ones their deadline.
  sim.advanceTo(to);
  sim.setRps(0);
  sim.advanceTo(to + deadline);
  off();
  for (let i = 0; i < arrived.size; i++) latencies.push(Infinity);
  latencies.sort((a, b) => a - b);
  const p95 =
    latencies.length === 0
      ? Infinity
      : (latencies[Math.min(latencies.length - 1, Math.ceil(0.95 * latencies.length) - 1)] ?? Infinity);
  return { requests, succeeded, p95: Number.isFinite(p95) ? Math.round(p95 * 10) / 10 : Infinity };
}

// ——— goals ———

/** Kinds of the nodes requests reach from the users, walking the edges. */
function reachedFromUsers(t: Topology): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of t.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const queue = t.nodes.filter((n) => n.kind === 'user').map((n) => n.id);
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++)
    for (const next of out.get(queue[i] as string) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  return seen;
}

/** Whether some walk from a user visits the kinds in order (each step along ≥ 1 edge). */
function hasPath(t: Topology, through: readonly ComponentKind[]): boolean {
  const kind = new Map(t.nodes.map((n) => [n.id, n.kind] as const));
  const out = new Map<string, string[]>();
  for (const e of t.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  // State: (node, how many of `through` matched so far).
  const start = t.nodes.filter((n) => n.kind === 'user').map((n) => n.id);
  const seen = new Set<string>();
  const queue: [string, number][] = start.map((id) => [id, 0]);
  for (let i = 0; i < queue.length; i++) {
    const [id, k] = queue[i] as [string, number];
    const matched = kind.get(id) === through[k] ? k + 1 : k;
    if (matched === through.length) return true;
    const key = `${id}:${matched}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of out.get(id) ?? []) queue.push([next, matched]);
  }
  return false;
}

export interface GoalContext {
  topology: Topology;
  ops: OpsFacts;
  run: RunStats | null;
  productionLike: boolean;
}

export function checkGoal(goal: Goal, c: GoalContext): GoalResult {
  const t = c.topology;
  const byId = new Map(t.nodes.map((n) => [n.id, n] as const));
  const ofKind = (k: ComponentKind) => t.nodes.filter((n) => n.kind === k);
  switch (goal.kind) {
    case 'path':
      return { goal, met: hasPath(t, goal.through) };
    case 'edge': {
      const sources = ofKind(goal.from);
      const linked = (s: TopoNode) =>
        t.edges.some((e) => e.source === s.id && byId.get(e.target)?.kind === goal.to);
      return {
        goal,
        met: sources.length > 0 && (goal.every ? sources.every(linked) : sources.some(linked)),
      };
    }
    case 'noEdge':
      return {
        goal,
        met: !t.edges.some(
          (e) =>
            goal.from.includes(byId.get(e.source)?.kind as ComponentKind) &&
            goal.to.includes(byId.get(e.target)?.kind as ComponentKind),
        ),
      };
    case 'spread': {
      const reached = reachedFromUsers(t);
      const boxes = new Set(
        ofKind(goal.component)
          .filter((n) => reached.has(n.id) && n.parentId !== undefined)
          .map((n) => n.parentId),
      );
      return { goal, met: boxes.size >= goal.min, value: boxes.size };
    }
    case 'count': {
      const n = ofKind(goal.component).length;
      return {
        goal,
        met: (goal.min === undefined || n >= goal.min) && (goal.max === undefined || n <= goal.max),
        value: n,
      };
    }
    case 'maxServers': {
      const n = ofKind('server').length;
      return { goal, met: n <= goal.max, value: n };
    }
    case 'allInBoxes':
      return {
        goal,
        met: t.nodes.every(
          (n) => n.kind === 'user' || n.kind === 'cdn' || n.kind === 'server' || n.parentId !== undefined,
        ),
      };
    case 'noErrors':
      return {
        goal,
        met: !checkTopology(t, { productionLike: c.productionLike }).some((f) => f.severity === 'error'),
      };
    case 'noFinding':
      return {
        goal,
        met: !checkTopology(t, { productionLike: c.productionLike }).some((f) => f.rule === goal.rule),
      };
    case 'success': {
      const r = c.run;
      const pct = r && r.requests > 0 ? Math.floor((1000 * r.succeeded) / r.requests) / 10 : 0;
      return { goal, met: pct >= goal.min, value: pct };
    }
    case 'p95': {
      const v = c.run?.p95 ?? Infinity;
      return { goal, met: v <= goal.max, value: v };
    }
    case 'cost': {
      const v = topologyCost(t);
      return { goal, met: v <= goal.max, value: v };
    }
    case 'security':
      return { goal, met: c.ops.security[goal.setting] };
    case 'gracefulDeploy':
      return { goal, met: c.ops.restartMode === 'graceful' };
  }
}

const RUN_GOALS = new Set<Goal['kind']>(['success', 'p95']);

/** Whether a goal list needs the seeded run. */
export function needsRun(goals: readonly Goal[]): boolean {
  return goals.some((g) => RUN_GOALS.has(g.kind));
}

/** The grade of a diagram for a challenge: per goal ✓/✗, the completion in %, the stars. */
export function grade(ch: ChallengeDef, topology: Topology, ops: OpsFacts): Grade {
  const productionLike = ch.scene !== 'local' && ch.scene !== 'development';
  const run =
    ch.run && needsRun([...ch.goals, ...ch.bonus]) ? seededRun(topology, ch.run) : null;
  const ctx: GoalContext = { topology, ops, run, productionLike };
  const goals = ch.goals.map((g) => checkGoal(g, ctx));
  const bonus = ch.bonus.map((g) => checkGoal(g, ctx));
  const met = goals.filter((g) => g.met).length;
  const percent = goals.length === 0 ? 100 : Math.floor((100 * met) / goals.length);
  // Stars only count once the challenge itself is solved.
  const stars = percent === 100 ? bonus.filter((g) => g.met).length : 0;
  return { goals, bonus, percent, stars, run, cost: topologyCost(topology) };
}

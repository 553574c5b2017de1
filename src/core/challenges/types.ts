/**
 * Challenges as data: a starting diagram, goals checked against the diagram and a seeded
 * simulation run, hints, and bonus goals that earn stars. The JSON files in
 * src/content/challenges are validated by validate.ts.
 */
import type { ComponentKind } from '../catalog/catalog';
import type { LoadPattern } from '../sim/types';
import type { NodeParams, SceneId, XY } from '../topology/types';

export interface LocalText {
  title: string;
  brief: string;
  hints: string[];
}

/** How the starting diagram is made from a preset scene (or from nothing). */
export interface StartSpec {
  from: SceneId | 'empty';
  removeNodes?: string[];
  /** Edge ids to remove, or 'all'. */
  removeEdges?: string[] | 'all';
  /** Extra connections, as [source, target] node ids. */
  addEdges?: [string, string][];
  /** Parameters merged into nodes (a hidden failure, a setting to find). */
  params?: Record<string, NodeParams>;
  /** Components taken out of their box and put at this absolute position ("parts on the table"). */
  loose?: Record<string, XY>;
}

/** The seeded run a Check makes: a fixed seed for a fixed simulated time. */
export interface RunSpec {
  rps: number;
  /** Simulated seconds of traffic that count (after the warm-up). */
  seconds: number;
  seed: number;
  pattern?: LoadPattern;
  /** A response later than this is not a success (ms). Default 3000. */
  deadlineMs?: number;
}

export type Goal =
  /** Requests go user → … through these kinds in this order (other hops may lie between). */
  | { kind: 'path'; through: ComponentKind[] }
  /** A connection from a component of one kind to one of another. */
  | { kind: 'edge'; from: ComponentKind; to: ComponentKind; every?: boolean }
  /** No connection from one kind to another. */
  | { kind: 'noEdge'; from: ComponentKind[]; to: ComponentKind[] }
  /** At least `min` components of a kind that requests reach, each on a different server box. */
  | { kind: 'spread'; component: ComponentKind; min: number }
  /** At most / at least this many components of a kind. */
  | { kind: 'count'; component: ComponentKind; min?: number; max?: number }
  /** At most this many server boxes (machines). */
  | { kind: 'maxServers'; max: number }
  /** Every component except users (and a CDN) runs inside a server box. */
  | { kind: 'allInBoxes' }
  /** The Problems panel shows no error. */
  | { kind: 'noErrors' }
  /** The Problems panel does not show this rule. */
  | { kind: 'noFinding'; rule: string }
  /** Share of requests answered in time and without error, in the seeded run (percent). */
  | { kind: 'success'; min: number }
  /** 95th-percentile latency of the seeded run (late or lost requests count as too slow). */
  | { kind: 'p95'; max: number }
  /** The monthly cost of the machines (see cost.ts). */
  | { kind: 'cost'; max: number }
  /** A security setting is on (the Security tab). */
  | { kind: 'security'; setting: 'https' | 'firewall' | 'headers' | 'auth' }
  /** Gunicorn is restarted gracefully on deploy (the Deploy tab). */
  | { kind: 'gracefulDeploy' };

export type GoalKind = Goal['kind'];

export interface ChallengeDef {
  id: string;
  /** The environment tab the challenge is played on (its diagram replaces that tab's, undoably). */
  scene: SceneId;
  /** Order in the list, and a difficulty from 1 to 3. */
  order: number;
  level: 1 | 2 | 3;
  start: StartSpec;
  run?: RunSpec;
  goals: Goal[];
  /** Each bonus goal met earns a star. */
  bonus: Goal[];
  tr: LocalText;
  en: LocalText;
}

/** What a Check reads besides the diagram (the Security and Deploy tabs). */
export interface OpsFacts {
  security: { https: boolean; firewall: boolean; headers: boolean; auth: boolean };
  restartMode: 'graceful' | 'hard';
}

/** What the seeded run measured. */
export interface RunStats {
  /** Requests that arrived in the counted window. */
  requests: number;
  /** Those answered without error within the deadline. */
  succeeded: number;
  /** 95th-percentile latency in ms; Infinity when more than 5 % never came back in time. */
  p95: number;
}

export interface GoalResult {
  goal: Goal;
  met: boolean;
  /** The measured value, for run and cost goals. */
  value?: number;
}

export interface Grade {
  goals: GoalResult[];
  bonus: GoalResult[];
  /** Share of the required goals met, 0–100 (whole number). */
  percent: number;
  stars: number;
  run: RunStats | null;
  cost: number;
}

/**
 * The schema of a challenge file, checked by hand (no dependency): every field, every goal,
 * both languages. Returns the problems found, as readable paths; an empty list means valid.
 */
import { isComponentKind } from '../catalog/catalog';
import { RULE_IDS } from '../topology/rules';
import { isSceneId } from '../topology/types';
import type { ChallengeDef } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

const SECURITY = ['https', 'firewall', 'headers', 'auth'];

function checkGoal(g: unknown, at: string, out: string[]) {
  if (!isObj(g)) return void out.push(`${at}: not an object`);
  const kinds = (v: unknown, p: string) => {
    if (!Array.isArray(v) || v.length === 0 || !v.every(isComponentKind)) out.push(`${at}.${p}: component kinds`);
  };
  const kind = (v: unknown, p: string) => {
    if (!isComponentKind(v)) out.push(`${at}.${p}: a component kind`);
  };
  switch (g.kind) {
    case 'path':
      return kinds(g.through, 'through');
    case 'edge':
      kind(g.from, 'from');
      kind(g.to, 'to');
      if (g.every !== undefined && typeof g.every !== 'boolean') out.push(`${at}.every: boolean`);
      return;
    case 'noEdge':
      kinds(g.from, 'from');
      return kinds(g.to, 'to');
    case 'spread':
      kind(g.component, 'component');
      if (!isNum(g.min) || g.min < 1) out.push(`${at}.min: a number ≥ 1`);
      return;
    case 'count':
      kind(g.component, 'component');
      if (g.min === undefined && g.max === undefined) out.push(`${at}: min or max`);
      if (g.min !== undefined && !isNum(g.min)) out.push(`${at}.min: a number`);
      if (g.max !== undefined && !isNum(g.max)) out.push(`${at}.max: a number`);
      return;
    case 'maxServers':
    case 'p95':
    case 'cost':
      if (!isNum(g.max) || g.max < 0) out.push(`${at}.max: a number ≥ 0`);
      return;
    case 'success':
      if (!isNum(g.min) || g.min < 0 || g.min > 100) out.push(`${at}.min: a percentage`);
      return;
    case 'noFinding':
      if (!(RULE_IDS as readonly unknown[]).includes(g.rule)) out.push(`${at}.rule: a rule id`);
      return;
    case 'security':
      if (!SECURITY.includes(g.setting as string)) out.push(`${at}.setting: ${SECURITY.join('|')}`);
      return;
    case 'allInBoxes':
    case 'noErrors':
    case 'gracefulDeploy':
      return;
    default:
      out.push(`${at}.kind: unknown goal "${String(g.kind)}"`);
  }
}

function checkText(v: unknown, at: string, out: string[]) {
  if (!isObj(v)) return void out.push(`${at}: missing`);
  if (!isStr(v.title)) out.push(`${at}.title: text`);
  if (!isStr(v.brief)) out.push(`${at}.brief: text`);
  if (!Array.isArray(v.hints) || v.hints.length === 0 || !v.hints.every(isStr))
    out.push(`${at}.hints: at least one hint`);
}

export function validateChallenge(c: unknown): string[] {
  const out: string[] = [];
  if (!isObj(c)) return ['not an object'];
  if (!isStr(c.id) || !/^[a-z0-9-]+$/.test(c.id)) out.push('id: lowercase words joined by -');
  if (!isSceneId(c.scene)) out.push('scene: a scene id');
  if (!isNum(c.order)) out.push('order: a number');
  if (c.level !== 1 && c.level !== 2 && c.level !== 3) out.push('level: 1, 2 or 3');
  const s = c.start;
  if (!isObj(s)) out.push('start: missing');
  else {
    if (s.from !== 'empty' && !isSceneId(s.from)) out.push('start.from: a scene id or "empty"');
    if (s.removeEdges !== undefined && s.removeEdges !== 'all' && !Array.isArray(s.removeEdges))
      out.push('start.removeEdges: "all" or edge ids');
    if (
      s.addEdges !== undefined &&
      !(Array.isArray(s.addEdges) && s.addEdges.every((e) => Array.isArray(e) && e.length === 2 && e.every(isStr)))
    )
      out.push('start.addEdges: [source, target] pairs');
  }
  if (c.run !== undefined) {
    const r = c.run;
    if (!isObj(r) || !isNum(r.rps) || !isNum(r.seconds) || !Number.isInteger(r.seed))
      out.push('run: { rps, seconds, seed }');
    else if (r.seconds <= 0 || r.seconds > 60 || r.rps <= 0 || r.rps > 5000)
      out.push('run: 0 < seconds ≤ 60, 0 < rps ≤ 5000');
  }
  if (!Array.isArray(c.goals) || c.goals.length === 0) out.push('goals: at least one');
  else c.goals.forEach((g, i) => checkGoal(g, `goals[${i}]`, out));
  if (!Array.isArray(c.bonus)) out.push('bonus: a list');
  else c.bonus.forEach((g, i) => checkGoal(g, `bonus[${i}]`, out));
  const needsRun = [...(Array.isArray(c.goals) ? c.goals : []), ...(Array.isArray(c.bonus) ? c.bonus : [])].some(
    (g) => isObj(g) && (g.kind === 'success' || g.kind === 'p95'),
  );
  if (needsRun && c.run === undefined) out.push('run: goals measure a run, so the run must be given');
  checkText(c.tr, 'tr', out);
  checkText(c.en, 'en', out);
  return out;
}

/** A challenge file, or an error naming its problems. */
export function parseChallenge(c: unknown): ChallengeDef {
  const problems = validateChallenge(c);
  if (problems.length > 0)
    throw new Error(`Invalid challenge ${isObj(c) ? String(c.id) : ''}: ${problems.join('; ')}`);
  return c as ChallengeDef;
}

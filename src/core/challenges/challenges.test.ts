import { describe, expect, it } from 'vitest';
import { CHALLENGES, CHALLENGE_FILES } from '../../content/challenges';
import { getScene } from '../topology/scenes';
import { checkGoal, grade, machineCost, startTopology, topologyCost } from './grade';
import type { ChallengeDef, OpsFacts } from './types';
import { validateChallenge } from './validate';

const OPS: OpsFacts = {
  security: { https: false, firewall: false, headers: false, auth: false },
  restartMode: 'hard',
};
const byId = (id: string) => CHALLENGES.find((c) => c.id === id) as ChallengeDef;

describe('challenge files', () => {
  it('at least ten, all valid, unique ids, both languages', () => {
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(10);
    for (const f of CHALLENGE_FILES) expect(validateChallenge(f)).toEqual([]);
    expect(new Set(CHALLENGES.map((c) => c.id)).size).toBe(CHALLENGES.length);
  });
  it('the schema names what is wrong', () => {
    const good = structuredClone(CHALLENGE_FILES[0]) as Record<string, unknown>;
    expect(validateChallenge({ ...good, goals: [{ kind: 'teleport' }] })).toEqual([
      'goals[0].kind: unknown goal "teleport"',
    ]);
    expect(validateChallenge({ ...good, tr: undefined })).toEqual(['tr: missing']);
    expect(validateChallenge({ ...good, run: undefined })).toContain(
      'run: goals measure a run, so the run must be given',
    );
  });
  it('every starting diagram is incomplete: no challenge starts solved', () => {
    for (const c of CHALLENGES) {
      const t = startTopology(c.start);
      // Goals that need no run are cheap to check; a challenge must fail at least one of them
      // or be one whose run fails (checked below for the ones that rely on the run alone).
      const cheap = c.goals.filter((g) => g.kind !== 'success' && g.kind !== 'p95');
      const ctx = { topology: t, ops: OPS, run: null, productionLike: true };
      if (cheap.length > 0 && cheap.length === c.goals.length)
        expect(cheap.some((g) => !checkGoal(g, ctx).met), c.id).toBe(true);
    }
  });
});

describe('grading', () => {
  it('Rebuild Production: the parts score below 100 %, the Production preset scores 100 % with stars', () => {
    const c = byId('rebuild-production');
    const start = grade(c, startTopology(c.start), OPS);
    expect(start.percent).toBeLessThan(50);
    expect(start.stars).toBe(0);
    const solved = grade(c, getScene('production').topology, OPS);
    expect(solved.goals.filter((g) => !g.met).map((g) => g.goal.kind)).toEqual([]);
    expect(solved.percent).toBe(100);
    expect(solved.stars).toBe(2);
  });
  it('the same diagram gets the same grade (fixed seed, fixed simulated time)', () => {
    const c = byId('find-the-broken');
    const t = startTopology(c.start);
    const a = grade(c, t, OPS);
    const b = grade(c, structuredClone(t), OPS);
    expect(b).toEqual(a);
    // The hidden failure: answers come too late, and a late answer is not a success.
    expect(a.run!.succeeded).toBeLessThan(a.run!.requests * 0.9);
    expect(a.percent).toBe(0);
  });
  it('security and deploy goals read the ops facts', () => {
    const c = byId('make-it-secure');
    const t = getScene('production').topology;
    expect(grade(c, t, OPS).percent).toBe(40);
    const secure: OpsFacts = { ...OPS, security: { https: true, firewall: true, headers: true, auth: true } };
    const g = grade(c, t, secure);
    expect([g.percent, g.stars]).toEqual([100, 1]);
  });
  it('cost: a machine by its size; a loose component on a small machine of its own', () => {
    expect(machineCost(2, 4096)).toBe(35);
    expect(topologyCost(getScene('production').topology)).toBe(165);
    expect(topologyCost({ nodes: [{ id: 'r', kind: 'redis', position: { x: 0, y: 0 } }], edges: [] })).toBe(17.5);
  });
});

/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { getScene } from '../topology/scenes';
import { validateTopology } from '../topology/graph';
import { appServerCount, checkAction, withAppServers } from './actions';
import { stateAt } from './replay';
import { CLASS_PATH, CLASS_PATH_MINUTES, COURSE_SECTIONS, LESSON_IDS, SECTION_IDS } from './sections';
import type { Lesson, QuizQuestion } from './types';
import { scoreQuiz, validateLesson, validateQuiz } from './validate';
import quizFile from '../../content/quiz.json';

const files = import.meta.glob('../../content/lessons/*.json', { eager: true, import: 'default' });
const lessons = new Map<string, unknown>(
  Object.entries(files).map(([path, data]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), data]),
);

describe('lesson files', () => {
  it('every section of the course has exactly one lesson, plus the extra lessons, and nothing else is there', () => {
    expect([...lessons.keys()].sort()).toEqual([...LESSON_IDS].sort());
    for (const id of SECTION_IDS) expect(LESSON_IDS).toContain(id);
    expect(LESSON_IDS).toContain('first-deploy');
    expect(COURSE_SECTIONS.map((s) => s.name)).toEqual(
      expect.arrayContaining(['NGINX', 'Gunicorn and workers', 'WSGI', 'Docker Compose', 'Summary']),
    );
  });

  for (const [id, raw] of lessons) {
    it(`${id}: valid (both languages, real scenes, nodes and actions)`, () => {
      const { errors } = validateLesson(raw, id);
      expect(errors).toEqual([]);
    });
  }

  it('Turkish texts are written in Turkish (they use its letters), English ones are not copies', () => {
    for (const [id, raw] of lessons) {
      const l = raw as Lesson;
      const tr = l.steps.map((s) => s.narration.tr).join(' ');
      expect(tr, id).toMatch(/[ıİşŞğĞçÇöÖüÜ]/);
      for (const s of l.steps) expect(s.narration.en, id).not.toMatch(/[ıİşŞğĞ]/);
    }
  });

  it('many lessons act on the live simulation, each kind of action is used', () => {
    const types = new Set<string>();
    for (const raw of lessons.values()) for (const s of (raw as Lesson).steps) if (s.action) types.add(s.action.type);
    expect([...types].sort()).toEqual(['appServers', 'nodeUp', 'params', 'reset', 'traffic']);
  });

  it('the 45-minute class is a path through real lessons that adds up to 45 minutes', () => {
    expect(CLASS_PATH_MINUTES).toBe(45);
    for (const { id, minutes } of CLASS_PATH) {
      expect(lessons.has(id), id).toBe(true);
      expect(minutes).toBeGreaterThan(0);
    }
    expect(new Set(CLASS_PATH.map((l) => l.id)).size).toBe(CLASS_PATH.length);
    // In course order.
    const order = CLASS_PATH.map((l) => LESSON_IDS.indexOf(l.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('the course notes and the screen never silently disagree: the seed\'s slips each get an aside', () => {
    const asides = [...lessons.values()].flatMap((raw) => (raw as Lesson).steps.flatMap((s) => (s.aside ? [s.aside.en] : [])));
    const all = asides.join('\n');
    expect(all).toMatch(/Python Web Server Interface[\s\S]*Web Server Gateway Interface/);
    expect(all).toMatch(/not a call chain/);
    expect(all).toMatch(/multithreaded by default/);
    const scaling = lessons.get('scaling') as Lesson;
    expect(scaling.steps.some((s) => s.action?.type === 'params' && s.action.params.cores === 8)).toBe(true);
    expect(JSON.stringify(scaling)).toMatch(/2 CPUs → 8 CPUs/);
  });

  it('the first-deploy lesson drives each mistake through the simulation', () => {
    const l = lessons.get('first-deploy') as Lesson;
    const params = l.steps.flatMap((s) => (s.action?.type === 'params' ? [s.action.params] : []));
    expect(params).toEqual(
      expect.arrayContaining([
        { staticCollected: false },
        expect.objectContaining({ debug: true }),
        expect.objectContaining({ hostAllowed: false }),
        expect.objectContaining({ ioMs: 40000 }),
        { workers: 24 },
      ]),
    );
    expect(l.steps.some((s) => s.action?.type === 'nodeUp' && s.action.node === 'app1-gunicorn' && !s.action.up)).toBe(true);
    expect(l.steps.filter((s) => s.predict).length).toBeGreaterThanOrEqual(5);
  });

  it('replaying a lesson lands every step on a valid architecture', () => {
    for (const [id, raw] of lessons) {
      const l = raw as Lesson;
      for (let k = 0; k < l.steps.length; k++) {
        const { topologies } = stateAt(l, k, (s) => getScene(s).topology);
        for (const t of Object.values(topologies)) {
          expect(validateTopology(t!), `${id} step ${k + 1}`).toEqual([]);
        }
      }
    }
  });
});

describe('validateLesson reports mistakes where they are', () => {
  const base = structuredClone(lessons.get('nginx')) as Lesson;
  const broken = (mutate: (l: Lesson) => void) => {
    const l = structuredClone(base);
    mutate(l);
    return validateLesson(l, 'nginx').errors.join('\n');
  };
  it('empty Turkish, unknown scene, unknown node, bad action, wrong id', () => {
    expect(broken((l) => (l.steps[0]!.narration.tr = ' '))).toMatch(/steps\[0\]\.narration\.tr/);
    expect(broken((l) => ((l.steps[1] as { scene: string }).scene = 'moon'))).toMatch(/steps\[1\]\.scene/);
    expect(broken((l) => (l.steps[0]!.highlight = ['nope']))).toMatch(/no node "nope"/);
    expect(broken((l) => (l.steps[0]!.action = { type: 'params', node: 'nginx', params: { workers: 4 } }))).toMatch(
      /"workers" does not apply to a nginx node/,
    );
    expect(broken((l) => (l.steps[0]!.action = { type: 'explode' } as never))).toMatch(/type must be one of/);
    expect(validateLesson(base, 'gunicorn').errors.join()).toMatch(/does not match the file name/);
  });
  it('a highlight may name a server an earlier step added', () => {
    const l = structuredClone(base);
    l.steps[0]!.action = { type: 'appServers', count: 3 };
    l.steps[1] = { ...l.steps[0]!, action: undefined, highlight: ['app3', 'app3-gunicorn'] };
    delete l.steps[1].action;
    expect(validateLesson(l, 'nginx').errors).toEqual([]);
    const m = structuredClone(base);
    m.steps[0]!.highlight = ['app3'];
    expect(validateLesson(m, 'nginx').errors.join()).toMatch(/no node "app3"/);
  });
});

describe('app servers', () => {
  it('adds copies wired like the others, and removes them again', () => {
    const t = getScene('production').topology;
    const three = withAppServers(t, 3);
    expect(appServerCount(three)).toBe(3);
    const ids = new Set(three.nodes.map((n) => n.id));
    for (const id of ['app3', 'app3-gunicorn', 'app3-django']) expect(ids.has(id)).toBe(true);
    const edges = three.edges.map((e) => e.id);
    expect(edges).toEqual(
      expect.arrayContaining(['nginx->app3-gunicorn', 'app3-gunicorn->app3-django', 'app3-django->postgres', 'app3-django->redis']),
    );
    // Boxes come before their children; the new box sits below the last one.
    expect(three.nodes.findIndex((n) => n.id === 'app3')).toBeLessThan(three.nodes.findIndex((n) => n.id === 'app3-gunicorn'));
    const y = (id: string) => three.nodes.find((n) => n.id === id)!.position.y;
    expect(y('app3')).toBeGreaterThan(y('app2'));
    expect(validateTopology(three)).toEqual([]);
    const one = withAppServers(three, 1);
    expect(appServerCount(one)).toBe(1);
    expect(one.edges.some((e) => e.source.startsWith('app2') || e.target.startsWith('app2'))).toBe(false);
    expect(checkAction(getScene('local').topology, { type: 'appServers', count: 2 })).toMatch(/no app servers/);
  });

  it('replay is the same whichever way the step is reached', () => {
    const l = lessons.get('deployment') as Lesson;
    const fresh = (s: Parameters<typeof getScene>[0]) => getScene(s).topology;
    const at2 = stateAt(l, 2, fresh);
    const app1 = at2.topologies.production!.nodes.find((n) => n.id === 'app1')!;
    expect(app1.params?.up).toBe(false);
    expect(at2.traffic).toEqual({ play: true, rps: 120 });
    const at3 = stateAt(l, 3, fresh);
    expect(at3.topologies.production!.nodes.find((n) => n.id === 'app1')!.params?.up).toBe(true);
    expect(stateAt(l, 0, fresh).topologies.production!.nodes.every((n) => n.params?.up !== false)).toBe(true);
  });
});

describe('quiz', () => {
  const { value, errors } = validateQuiz(quizFile);
  it('is valid, has the course interview questions and at least 20 more over every section', () => {
    expect(errors).toEqual([]);
    const qs = value!.questions;
    const interview = qs.filter((q) => q.interview);
    expect(interview.map((q) => q.prompt.en)).toEqual(
      expect.arrayContaining(['What is NGINX?', 'What is Gunicorn?', 'What is CI/CD?', 'What is scaling?', 'What is a reverse proxy?']),
    );
    expect(qs.length - interview.length).toBeGreaterThanOrEqual(20);
    expect(new Set(qs.map((q) => q.section))).toEqual(new Set(SECTION_IDS));
  });
  it('rejects a question without a right answer or with an empty translation', () => {
    const bad = structuredClone(quizFile) as { questions: QuizQuestion[] };
    bad.questions[0]!.answer = 9;
    bad.questions[1]!.choices[0]!.tr = '';
    bad.questions[2]!.id = bad.questions[3]!.id;
    const msg = validateQuiz(bad).errors.join('\n');
    expect(msg).toMatch(/questions\[0\]\.answer/);
    expect(msg).toMatch(/questions\[1\]\.choices\[0\]\.tr/);
    expect(msg).toMatch(/used twice/);
  });
  it('scores answers', () => {
    const qs = value!.questions.slice(0, 4);
    const answers = { [qs[0]!.id]: qs[0]!.answer, [qs[1]!.id]: (qs[1]!.answer + 1) % qs[1]!.choices.length, [qs[2]!.id]: qs[2]!.answer };
    expect(scoreQuiz(qs, answers)).toEqual({ correct: 2, answered: 3, total: 4 });
  });
});

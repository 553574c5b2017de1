/// <reference types="vite/client" />
/**
 * The content holds together: one Turkish name per concept everywhere (lessons, quiz,
 * glossary, UI), lessons name the app's controls through the UI's own keys, and the glossary
 * covers the terms the screen and the issue ask for.
 */
import { describe, expect, it } from 'vitest';
import glossary from '../../content/glossary.json';
import quizFile from '../../content/quiz.json';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';
import { answerPositions, shuffleQuestion } from './quiz';
import { SECTION_IDS } from './sections';
import type { Lesson, QuizQuestion } from './types';
import { resolveUiRefs, uiRefs } from './uiRefs';
import { FORBIDDEN_TR, variantsIn } from './vocabulary';

const files = import.meta.glob('../../content/lessons/*.json', { eager: true, import: 'default' });
const lessons = Object.entries(files).map(([path, l]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), l as Lesson] as const);

type Tree = { [k: string]: unknown };
const lookup = (table: Tree, key: string): string | undefined => {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Tree)[k] : undefined), table);
  return typeof v === 'string' ? v : undefined;
};

/** Every Turkish text with where it is: [where, text]. */
function turkishTexts(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (o: unknown, at: string, onlyTr: boolean) => {
    if (typeof o === 'string') out.push([at, o]);
    else if (o && typeof o === 'object')
      for (const [k, v] of Object.entries(o)) {
        if (onlyTr && typeof v === 'string' && k !== 'tr' && k !== 'term' && k !== 'def') continue;
        if (onlyTr && k === 'en') continue;
        walk(v, `${at}.${k}`, onlyTr);
      }
  };
  walk(tr, 'tr.json', false);
  walk(quizFile, 'quiz', true);
  walk(glossary.terms, 'glossary', true);
  for (const [id, l] of lessons) walk(l, `lessons/${id}`, true);
  return out;
}

describe('glossary', () => {
  const terms = glossary.terms;
  it('has at least 40 terms, unique ids, a term and a one-line definition in both languages', () => {
    expect(terms.length).toBeGreaterThanOrEqual(40);
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
    for (const t of terms) {
      for (const lang of ['tr', 'en'] as const) {
        expect(t[lang].term.trim(), t.id).not.toBe('');
        expect(t[lang].def.length, `${t.id}.${lang}`).toBeGreaterThan(15);
        expect(t[lang].def, `${t.id}.${lang} is one line`).not.toMatch(/\n/);
      }
    }
  });
  it('covers what the issue and the screen need', () => {
    const ids = new Set(terms.map((t) => t.id));
    for (const id of [
      'request', 'response', 'worker', 'backlog', 'upstream', 'reverse-proxy', 'p95', 'throughput', 'latency', 'oom',
      'http-502', 'http-503', 'http-504', 'static', 'media', 'cache-hit-ratio', 'load-balancing', 'scale-up', 'scale-out',
      'wsgi', 'systemd-unit', 'ci', 'cd', 'in-flight', 'queue', 'load', 'node-down', 'errors', 'completed',
    ])
      expect(ids.has(id), id).toBe(true);
  });
  it('keeps the loanword policy: request, worker, cache… stay; sunucu, istemci, statik… are Turkish', () => {
    const termOf = (id: string) => terms.find((t) => t.id === id)!.tr.term;
    for (const [id, word] of [['request', 'Request'], ['response', 'Response'], ['worker', 'Worker'], ['cache', 'Cache'], ['pipeline', 'Pipeline'], ['container', 'Container'], ['header', 'Header'], ['upstream', 'Upstream'], ['deploy', 'Deploy']])
      expect(termOf(id!)).toBe(word);
    for (const [id, word] of [['server', 'Sunucu'], ['client', 'İstemci'], ['static', 'Statik dosya'], ['media', 'Medya dosyası'], ['load-balancing', 'Yük dengeleme'], ['scaling', 'Ölçekleme'], ['authentication', 'Kimlik doğrulama']])
      expect(termOf(id!)).toBe(word);
    // Every forbidden variant points at a concept the glossary defines.
    for (const v of FORBIDDEN_TR) expect(terms.some((t) => t.id === v.term), v.term).toBe(true);
  });
});

describe('one Turkish name per concept', () => {
  it('lessons, quiz, glossary and UI use none of the old variants', () => {
    const found = turkishTexts().flatMap(([where, text]) => variantsIn(text, where).map((v) => `${where}: write "${v.use}" (${v.pattern})`));
    expect(found).toEqual([]);
  });
  it('the check bites: each old variant from the issue is caught', () => {
    for (const s of ['Static dosyalar', 'Worker tipi', 'Cache hit oranı', 'Manuel deploy', "app server'lar", 'Kenar', 'Zarif reload', 'Saniyedeki istek'])
      expect(variantsIn(s), s).not.toEqual([]);
    // …while the agreed names, paths, settings and a first-use gloss in parentheses pass.
    for (const s of ['Statik dosyalar', 'Worker sınıfı', 'Cache isabet oranı', 'Elle deploy', 'uygulama sunucusu', '/static/app.css', 'STATIC_ROOT', 'yük dengeleme (load balancing)', 'Web Server Gateway Interface'])
      expect(variantsIn(s), s).toEqual([]);
  });
});

describe('lessons name controls through the UI keys', () => {
  const controls = ['sim.play', 'sim.pause', 'sim.step', 'sim.reset', 'sim.speed'];
  const labels = (table: Tree) => controls.map((k) => lookup(table, k)!);
  // A control's name in the other language is just as wrong ("Play'e basalım" under "Oynat").
  const names = { tr: [...labels(tr), ...labels(en)], en: labels(en) };

  it('every {{ui:key}} exists in both languages', () => {
    for (const [id, l] of lessons)
      for (const s of l.steps)
        for (const text of [s.narration.tr, s.narration.en, s.aside?.tr ?? '', s.aside?.en ?? ''])
          for (const key of uiRefs(text)) {
            expect(lookup(tr, key), `${id}: ${key}`).toBeTruthy();
            expect(lookup(en, key), `${id}: ${key}`).toBeTruthy();
          }
  });
  it('no narration hard-codes a control name', () => {
    const bad: string[] = [];
    for (const [id, l] of lessons)
      l.steps.forEach((s, i) => {
        for (const lang of ['tr', 'en'] as const)
          for (const text of [s.narration[lang], s.predict?.[lang] ?? '']) {
            const plain = text.replace(/\{\{ui:[^}]+\}\}/g, ' ');
            for (const name of names[lang]) if (new RegExp(`(^|[^\\wçğıöşüÇĞİÖŞÜ])${name}($|[^\\wçğıöşüÇĞİÖŞÜ])`).test(plain)) bad.push(`${id} step ${i + 1} (${lang}): "${name}"`);
          }
      });
    expect(bad).toEqual([]);
  });
  it('resolves to the label on screen', () => {
    const l = lessons.find(([id]) => id === 'lifecycle')![1];
    const text = l.steps.find((s) => uiRefs(s.narration.tr).includes('sim.step'))!.narration;
    expect(resolveUiRefs(text.tr, (k) => lookup(tr, k) ?? '')).toContain(lookup(tr, 'sim.step'));
    expect(resolveUiRefs(text.en, (k) => lookup(en, k) ?? '')).toContain('Step');
  });
});

describe('quiz', () => {
  const questions = (quizFile as { questions: QuizQuestion[] }).questions;
  it('has at least 60 questions, at least 2 per course section, and every interview question of the course', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    for (const id of SECTION_IDS) expect(questions.filter((q) => q.section === id).length, id).toBeGreaterThanOrEqual(2);
    const interview = questions.filter((q) => q.interview);
    expect(interview.map((q) => q.prompt.en).sort()).toEqual(
      ['What is CI/CD?', 'What is Gunicorn?', 'What is NGINX?', 'What is a reverse proxy?', 'What is scaling?'],
    );
  });
  it('spreads the stored right answers over the positions: none holds more than 35 %', () => {
    const counts = answerPositions(questions);
    for (const c of counts) expect(c / questions.length).toBeLessThanOrEqual(0.35);
    expect(counts.filter((c) => c > 0).length).toBe(4);
  });
  it('offers real misconceptions, never jokes, and only NGINX methods that exist', () => {
    const all = questions.flatMap((q) => q.choices.flatMap((c) => [c.tr, c.en])).join('\n');
    for (const joke of [/logoyu büyüt|logo bigger/i, /masaüstü(ne)? sahip|nicest desktop/i, /C'ye derler|compiles Python to C/i, /Ücretlidir|costs money/i])
      expect(all).not.toMatch(joke);
    expect(all).not.toMatch(/random_port|\bround_robin\b/);
    // The seed's WSGI expansion is a distractor, never the answer.
    const wsgi = questions.find((q) => q.id === 'wsgi-name')!;
    expect(wsgi.choices[wsgi.answer]!.en).toBe('Web Server Gateway Interface');
    expect(wsgi.choices.map((c) => c.en)).toContain('Python Web Server Interface');
  });
  it('shuffles choices per attempt from the seed, and the right answer follows its choice', () => {
    const q = questions[0]!;
    const a = shuffleQuestion(q, 7, 0);
    expect(shuffleQuestion(q, 7, 0)).toEqual(a);
    expect(a.choices[a.answer]).toEqual(q.choices[q.answer]);
    expect([...a.order].sort()).toEqual(q.choices.map((_, i) => i));
    // Over attempts the right answer visits every position.
    const seen = new Set<number>();
    for (let attempt = 0; attempt < 40; attempt++) seen.add(shuffleQuestion(q, 7, attempt).answer);
    expect(seen.size).toBe(q.choices.length);
    const orders = new Set(questions.map((x) => shuffleQuestion(x, 1, 0).order.join()));
    expect(orders.size).toBeGreaterThan(4);
  });
});

/**
 * Browser-level fuzz (issue 16): a seeded property-based run of documents through the real
 * file input (Import) and of share links through the real `#doc=` path — pasted into the open
 * tab (hashchange) and, every few cases, opened by a fresh page load. One page per test,
 * reused for every case.
 *
 * After each case: the canvas renders and no boundary caught a crash; no `pageerror`; a
 * refused input shows exactly the app's message for the reason, in the page's language, in
 * role=alert, and the diagram is unchanged (ids and visible text of every node); an accepted
 * input shows exactly its nodes, or — when the work on screen is not safely saved — the
 * replace dialog asks first, and "Keep my work" keeps it.
 *
 * Which outcome is right comes from the input's class (a prototype key is refused, a valid
 * document accepted) and, where the class leaves it open, from the app's own reader run
 * in Node (the oracle) — the browser must agree with it.
 *
 * FUZZ_SEED=<n> replays a run; the seed is printed at the start and in every failure.
 * FUZZ_DOCS / FUZZ_LINKS scale the run (defaults: 2 × 150 documents, 2 × 55 links).
 */
import { test, expect as baseExpect } from './test';
import type { Page } from '@playwright/test';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { DocumentError, ParseResult } from '../src/core/export/document';
import { SCENES } from '../src/core/topology/scenes';
import type { SceneId } from '../src/core/topology/types';
import { docCaseArb, linkCaseArb, oracleFile, oracleLink, type Expect } from './fuzzCases';
import { fillStorage } from './storage';

/** Polls often: hundreds of cases each wait for the app once or twice. */
const expect = baseExpect.configure({ timeout: 10_000 });
const POLL = { intervals: [5, 10, 20, 50, 100] };

const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const DOCS = Number(process.env.FUZZ_DOCS ?? 150);
const LINKS = Number(process.env.FUZZ_LINKS ?? 55);
/** One link in this many is opened by a fresh page load instead of a hash change. */
const FRESH_EVERY = 8;

type Lang = 'tr' | 'en';
type Table = Record<string, unknown>;
const TABLES: Record<Lang, Table> = {
  tr: JSON.parse(readFileSync('src/i18n/tr.json', 'utf8')) as Table,
  en: JSON.parse(readFileSync('src/i18n/en.json', 'utf8')) as Table,
};

function lookup(lang: Lang, key: string): string | undefined {
  let node: unknown = TABLES[lang];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Table)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The sentence the app must show for a refusal, in `lang` (mirrors ui/editor/errorText.ts). */
function expectedMessage(error: DocumentError, lang: Lang): string {
  const vars: Record<string, string | number> = {
    path: error.path ?? '—',
    name: error.name ?? '—',
    max: error.max ?? 0,
  };
  const template =
    lookup(lang, `robust.errors.${error.code}`) ??
    lookup(lang, `editor.errors.${error.code}`) ??
    lookup(lang, 'robust.errors.link-broken')!;
  return template.replace(/{{(.*?)}}/g, (_, k: string) => String(vars[k.trim()] ?? ''));
}

interface Snapshot {
  /** "id␀visible text" of every node, sorted. */
  nodes: string[];
  ids: string[];
  error: string;
  dialog: boolean;
  scene: string;
  canvas: boolean;
  crashed: string;
}

function snap(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const els = Array.from(document.querySelectorAll('.react-flow__node'));
    const ids = els.map((n) => n.getAttribute('data-id') ?? '').sort();
    // The work is the node's id, name and role; its live status line (queue, busy, stopped) comes
    // from the simulation's next summary, which after a fresh load may not have arrived yet.
    const nodes = els
      .map(
        (n) =>
          `${n.getAttribute('data-id')}\u0000${n.querySelector('.pv-node__text')?.textContent ?? n.textContent}`,
      )
      .sort();
    const dialog = document.getElementById('replace-title')?.closest('dialog');
    const tab = document.querySelector('[role="tab"][aria-selected="true"][id^="tab-"]');
    const renderer = document.querySelector('.react-flow__renderer');
    return {
      nodes,
      ids,
      error: document.querySelector('.notice--error .notice__text')?.textContent ?? '',
      dialog: Boolean(dialog?.open),
      scene: tab?.id.replace(/^tab-/, '') ?? '',
      canvas: renderer instanceof HTMLElement && renderer.getBoundingClientRect().height > 0,
      crashed: Array.from(document.querySelectorAll('.crash'))
        .map((c) => c.textContent)
        .join(' | '),
    };
  });
}

const PRESET_IDS = Object.fromEntries(
  Object.entries(SCENES).map(([id, s]) => [id, s.topology.nodes.map((n) => n.id).sort()]),
) as Record<SceneId, string[]>;

interface Tally {
  [cls: string]: { accepted: number; refused: number; asked: number; kept: number; ms: number };
}

function record(tally: Tally, cls: string, what: 'accepted' | 'refused' | 'asked' | 'kept') {
  tally[cls] ??= { accepted: 0, refused: 0, asked: 0, kept: 0, ms: 0 };
  tally[cls][what]++;
}

function printTally(title: string, tally: Tally) {
  const rows = Object.entries(tally)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([cls, t]) =>
        `  ${cls}: ${t.refused} refused, ${t.accepted} accepted, ${t.asked} asked (${t.kept} kept), ${t.ms} ms`,
    );
  console.log(`${title} (FUZZ_SEED=${SEED})\n${rows.join('\n')}`);
}

/**
 * Runs one input and checks what happened. `trigger` hands the input to the app; `keep`
 * is the person's answer should the replace dialog ask.
 */
async function checkCase(
  page: Page,
  opts: {
    label: string;
    cls: string;
    expect: Expect;
    result: ParseResult;
    lang: Lang;
    keep: boolean;
    mustAsk: (before: Snapshot, target: SceneId) => boolean;
    trigger: () => Promise<void>;
    errors: string[];
    tally: Tally;
  },
) {
  const { label, cls, result, lang } = opts;
  const started = Date.now();
  const before = await snap(page);
  if (opts.expect === 'accept')
    expect(
      result.ok,
      `${label}: the app's reader refuses a ${cls}: ${JSON.stringify(!result.ok && result.error)}`,
    ).toBe(true);
  if (opts.expect === 'refuse')
    expect(result.ok, `${label}: the app's reader accepts a ${cls}`).toBe(false);

  await opts.trigger();

  if (!result.ok) {
    const message = expectedMessage(result.error, lang);
    await expect
      .poll(async () => (await snap(page)).error, {
        ...POLL,
        message: `${label}: the refusal message`,
      })
      .toBe(message);
    const after = await snap(page);
    expect(after.nodes, `${label}: the diagram changed although the input was refused`).toEqual(
      before.nodes,
    );
    expect(after.scene, `${label}: the scene changed`).toBe(before.scene);
    await page.locator('.notice--error button').click();
    await expect
      .poll(async () => (await snap(page)).error, { ...POLL, message: `${label}: dismiss` })
      .toBe('');
    record(opts.tally, cls, 'refused');
  } else {
    const doc = result.document;
    const want = doc.topology.nodes.map((n) => n.id).sort();
    const asks = opts.mustAsk(before, doc.scene);
    const state = async () => {
      const s = await snap(page);
      if (s.dialog) return 'asked';
      if (s.error) return `error: ${s.error}`;
      return s.scene === doc.scene && JSON.stringify(s.ids) === JSON.stringify(want)
        ? 'replaced'
        : 'waiting';
    };
    await expect
      .poll(state, {
        ...POLL,
        message: `${label}: accepted ${cls} should replace the ${doc.scene} diagram or ask`,
      })
      .toMatch(asks ? /^asked$/ : /^(asked|replaced)$/);
    if ((await state()) === 'asked') {
      record(opts.tally, cls, 'asked');
      // The last two buttons: keep, replace (a link over saved work words them its own way).
      const buttons = page.getByRole('dialog').locator('.dialog__buttons button');
      await buttons.nth(opts.keep ? -2 : -1).click();
      if (opts.keep) {
        record(opts.tally, cls, 'kept');
        await expect
          .poll(async () => (await snap(page)).dialog, {
            ...POLL,
            message: `${label}: dialog closes`,
          })
          .toBe(false);
        const after = await snap(page);
        expect(after.nodes, `${label}: "Keep my work" did not keep it`).toEqual(before.nodes);
      } else {
        await expect
          .poll(state, { ...POLL, message: `${label}: "Replace it" replaces` })
          .toBe('replaced');
      }
    } else {
      record(opts.tally, cls, 'accepted');
    }
    if ((await snap(page)).scene === doc.scene && (await snap(page)).ids.join() === want.join()) {
      // Every name the document gives is on screen, as given.
      const after = await snap(page);
      for (const n of doc.topology.nodes) {
        if (n.label === undefined) continue;
        const row = after.nodes.find((r) => r.startsWith(`${n.id}\u0000`));
        expect(row, `${label}: node ${n.id} shows its label`).toContain(n.label);
      }
    }
  }
  const after = await snap(page);
  expect(after.canvas, `${label}: the canvas is visible`).toBe(true);
  expect(after.crashed, `${label}: an error boundary caught a crash`).toBe('');
  expect(opts.errors, `${label}: page errors`).toEqual([]);
  opts.tally[cls]!.ms += Date.now() - started;
}

function withSeed<T>(title: string, body: () => Promise<T>): Promise<T> {
  return body().catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    e.message = `[fuzz ${title}: replay with FUZZ_SEED=${SEED}] ${e.message}`;
    throw e;
  });
}

async function open(page: Page, lang: Lang, errors: string[]) {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./?lang=${lang}&scene=production`);
  await expect(page.locator('.react-flow__node[data-kind="nginx"]')).toHaveCount(1);
}

test.beforeAll(() => {
  console.log(`fuzz: FUZZ_SEED=${SEED}, ${DOCS} documents × 2, ${LINKS} links × 2`);
});

test.beforeEach(async ({ page }) => {
  test.info().annotations.push({ type: 'FUZZ_SEED', description: String(SEED) });
  await page.addInitScript(() => {
    try {
      localStorage.setItem('prodviz.editor', '1');
    } catch {
      /* storage made to fail on purpose */
    }
  });
});

for (const [lang, storageFull, offset] of [
  ['tr', false, 0],
  ['en', true, 1],
] as const) {
  test(`documents through Import (${lang}${storageFull ? ', storage full' : ''})`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await withSeed(`documents ${lang}`, async () => {
      if (storageFull)
        await fillStorage(page);
      const errors: string[] = [];
      await open(page, lang, errors);
      const input = page.locator('input[type="file"][accept*="json"]').first();
      const cases = fc.sample(docCaseArb, { seed: SEED + offset, numRuns: DOCS });
      const keeps = fc.sample(fc.boolean(), { seed: SEED + offset, numRuns: DOCS });
      const tally: Tally = {};
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        const marker = `fz${i}`;
        const bytes = c.bytes(marker);
        const scene = (await snap(page)).scene as SceneId;
        await checkCase(page, {
          label: `document #${i} (${c.cls})`,
          cls: c.cls,
          expect: c.expect,
          result: oracleFile(bytes, scene),
          lang,
          keep: keeps[i]!,
          // With storage full, replacing a diagram that is not its preset must ask.
          mustAsk: (before, target) =>
            storageFull &&
            target === before.scene &&
            before.ids.join() !== PRESET_IDS[target].join(),
          trigger: () =>
            input.setInputFiles({
              name: `case-${i}.json`,
              mimeType: 'application/json',
              buffer: bytes,
            }),
          errors,
          tally,
        });
      }
      printTally(`documents (${lang}${storageFull ? ', storage full' : ''})`, tally);
      const totals = Object.values(tally);
      expect(
        totals.reduce((s, t) => s + t.accepted + t.asked, 0),
        'some documents were accepted',
      ).toBeGreaterThan(DOCS / 10);
      if (storageFull)
        expect(
          totals.reduce((s, t) => s + t.asked, 0),
          'storage full: the app asked',
        ).toBeGreaterThan(0);
    });
  });
}

for (const [lang, offset] of [
  ['en', 2],
  ['tr', 3],
] as const) {
  test(`share links pasted and opened (${lang})`, async ({ page }) => {
    test.setTimeout(150_000);
    await withSeed(`links ${lang}`, async () => {
      const errors: string[] = [];
      await open(page, lang, errors);
      const cases = fc.sample(linkCaseArb, { seed: SEED + offset, numRuns: LINKS });
      const keeps = fc.sample(fc.boolean(), { seed: SEED + offset, numRuns: LINKS });
      const tally: Tally = {};
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        const packed = c.packed(`fz${i}`);
        const scene = (await snap(page)).scene as SceneId;
        const fresh = i % FRESH_EVERY === FRESH_EVERY - 1;
        await checkCase(page, {
          label: `link #${i} (${c.cls}${fresh ? ', fresh load' : ''})`,
          cls: c.cls,
          expect: c.expect,
          result: oracleLink(packed, scene),
          lang,
          keep: keeps[i]!,
          // A link over a scene that holds the person's own work always asks.
          mustAsk: (before, target) =>
            target === before.scene && before.ids.join() !== PRESET_IDS[target].join(),
          trigger: async () => {
            if (!fresh) {
              await page.evaluate((p) => (window.location.hash = `doc=${p}`), packed);
              return;
            }
            await page.evaluate(
              (p) =>
                window.history.replaceState(
                  null,
                  '',
                  `${window.location.pathname}${window.location.search}#doc=${p}`,
                ),
              packed,
            );
            await page.reload();
          },
          errors,
          tally,
        });
      }
      printTally(`links (${lang})`, tally);
      const totals = Object.values(tally);
      expect(
        totals.reduce((s, t) => s + t.accepted + t.asked, 0),
        'some links were accepted',
      ).toBeGreaterThan(LINKS / 10);
    });
  });
}

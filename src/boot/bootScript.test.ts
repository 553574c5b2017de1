import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import tr from '../i18n/tr.json';
import en from '../i18n/en.json';
import { detectLanguage, LANG_STORAGE_KEY } from '../i18n';
import { initialTheme, sceneFromSearch, THEME_STORAGE_KEY } from '../state/uiStore';
import { firstViewMarkup } from './prerender';

// Compiled as the build compiles it (vite.config.ts firstView).
const code = ts.transpileModule(readFileSync(new URL('./bootScript.ts', import.meta.url), 'utf8'), {
  compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None },
}).outputText;
const sectionIds = [...firstViewMarkup({ tr, en }).matchAll(/<section [^>]*id="([^"]+)"/g)].map((m) => m[1] as string);

interface Page {
  search: string;
  saved?: Record<string, string>;
  languages?: string[];
  dark?: boolean;
  storageBlocked?: boolean;
  currentScript?: { dataset: Record<string, string> } | null;
  hidden?: boolean;
}

/** Runs the boot script against a page made of plain objects; returns what it changed. */
function run(page: Page) {
  const sections = new Map(sectionIds.map((id) => [id, { hidden: true }]));
  const head: { tag: string; rel?: string; type?: string; href?: string; src?: string; crossOrigin?: string }[] = [];
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const root = { lang: '', dataset: {} as Record<string, string> };
  const storage = {
    getItem(key: string) {
      if (page.storageBlocked) throw new Error('SecurityError');
      return page.saved?.[key] ?? null;
    },
  };
  runInNewContext(code, {
    URLSearchParams,
    location: { search: page.search },
    navigator: { languages: page.languages ?? [] },
    localStorage: storage,
    matchMedia: (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && page.dark === true }),
    requestAnimationFrame: (f: () => void) => frames.push(f),
    setTimeout: (f: () => void) => timers.push(f),
    document: {
      documentElement: root,
      currentScript: page.currentScript ?? null,
      visibilityState: page.hidden ? 'hidden' : 'visible',
      getElementById: (id: string) => sections.get(id) ?? null,
      createElement: (tag: string) => ({ tag }),
      createDocumentFragment: () => {
        const kids: (typeof head)[number][] = [];
        return { kids, append: (el: (typeof head)[number]) => kids.push(el) };
      },
      head: { append: (fragment: { kids: typeof head }) => head.push(...fragment.kids) },
    },
  });
  const shown = [...sections].filter(([, s]) => !s.hidden).map(([id]) => id);
  return { root, shown, head, frames, timers, storage };
}

describe('the boot script decides as the app will', () => {
  afterEach(() => vi.unstubAllGlobals());

  const pages: Page[] = [
    { search: '?scene=staging&lang=tr' },
    { search: '?scene=local', saved: { [LANG_STORAGE_KEY]: 'tr' } },
    { search: '', languages: ['de-DE', 'tr-TR', 'en'] },
    { search: '?lang=xx', languages: ['EN-gb'] },
    { search: '?scene=nowhere&lang=en', saved: { [LANG_STORAGE_KEY]: 'tr' } },
    { search: '?scene=realworld', languages: ['fr'] },
    { search: '?scene=__proto__&lang=tr' },
    { search: '?scene=development', saved: { [THEME_STORAGE_KEY]: 'dark' } },
    { search: '', saved: { [THEME_STORAGE_KEY]: 'light' }, dark: true },
    { search: '', saved: { [THEME_STORAGE_KEY]: 'purple' }, dark: true },
    { search: '?lang=tr', storageBlocked: true, dark: true },
  ];

  it.each(pages)('language, theme and environment for %o', (page) => {
    const { root, shown, storage } = run(page);
    const saved = (() => {
      try {
        return storage.getItem(LANG_STORAGE_KEY);
      } catch {
        return null;
      }
    })();
    const lang = detectLanguage(page.search, saved, page.languages ?? []);
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q === '(prefers-color-scheme: dark)' && page.dark === true }));
    expect(root.lang).toBe(lang);
    expect(root.dataset.theme).toBe(initialTheme());
    expect(shown).toEqual([`boot-${sceneFromSearch(page.search)}-${lang}`]);
  });

  it("shows no side panel text in the presenter's notes window", () => {
    expect(run({ search: '?notes=1&lang=tr' }).shown).toEqual([]);
  });

  it("starts the app's modules after the first frame: preloads first, then the entry", () => {
    const page = run({ search: '', currentScript: { dataset: { entry: './assets/index-1.js', preload: './assets/a.js ./assets/b.js' } } });
    expect(page.head).toEqual([]);
    page.frames.forEach((f) => f());
    expect(page.head).toEqual([]);
    page.timers.forEach((f) => f());
    expect(page.head).toEqual([
      { tag: 'link', rel: 'modulepreload', crossOrigin: '', href: './assets/a.js' },
      { tag: 'link', rel: 'modulepreload', crossOrigin: '', href: './assets/b.js' },
      { tag: 'script', type: 'module', crossOrigin: '', src: './assets/index-1.js' },
    ]);
  });

  it('in a hidden tab (no animation frames) starts them at once', () => {
    const page = run({ search: '', hidden: true, currentScript: { dataset: { entry: './assets/index-1.js', preload: '' } } });
    expect(page.head).toEqual([{ tag: 'script', type: 'module', crossOrigin: '', src: './assets/index-1.js' }]);
  });

  it('leaves the modules to the page when its tag names none (the dev server)', () => {
    const page = run({ search: '', currentScript: { dataset: {} } });
    expect(page.frames).toEqual([]);
    expect(page.head).toEqual([]);
  });
});

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
  const painted: (() => void)[] = [];
  const timers: { f: () => void; ms: number }[] = [];
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
    // The first paint's entry arrives when the test calls `painted`.
    PerformanceObserver: class {
      constructor(private readonly callback: (list: unknown, observer: { disconnect(): void }) => void) {}
      observe(options: { type: string; buffered: boolean }) {
        if (options.type === 'paint' && options.buffered) painted.push(() => this.callback({}, this));
      }
      disconnect() {
        painted.length = 0;
      }
    },
    setTimeout: (f: () => void, ms = 0) => timers.push({ f, ms }),
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
  /** Runs the timers due within `ms` (in order), as the event loop would. */
  const elapse = (ms: number) => {
    const due = timers.filter((t) => t.ms <= ms);
    timers.splice(0, timers.length, ...timers.filter((t) => t.ms > ms));
    for (const t of due) t.f();
  };
  return { root, shown, head, painted, timers, elapse, storage };
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

  it("starts the app's modules once the first paint is on screen: preloads first, then the entry", () => {
    const page = run({ search: '', currentScript: { dataset: { entry: './assets/index-1.js', preload: './assets/a.js ./assets/b.js' } } });
    expect(page.head).toEqual([]);
    page.elapse(0);
    expect(page.head).toEqual([]);
    page.painted.forEach((f) => f());
    page.elapse(0);
    expect(page.head).toEqual([
      { tag: 'link', rel: 'modulepreload', crossOrigin: '', href: './assets/a.js' },
      { tag: 'link', rel: 'modulepreload', crossOrigin: '', href: './assets/b.js' },
      { tag: 'script', type: 'module', crossOrigin: '', src: './assets/index-1.js' },
    ]);
    // The fallback timer finds them added: nothing twice.
    page.elapse(1000);
    expect(page.head).toHaveLength(3);
  });

  it('starts them after a second when no paint is reported (no Paint Timing, a paint held back)', () => {
    const page = run({ search: '', currentScript: { dataset: { entry: './assets/index-1.js', preload: '' } } });
    page.elapse(999);
    expect(page.head).toEqual([]);
    page.elapse(1000);
    expect(page.head).toEqual([{ tag: 'script', type: 'module', crossOrigin: '', src: './assets/index-1.js' }]);
  });

  it('in a hidden tab (which paints nothing) starts them at once', () => {
    const page = run({ search: '', hidden: true, currentScript: { dataset: { entry: './assets/index-1.js', preload: '' } } });
    expect(page.head).toEqual([{ tag: 'script', type: 'module', crossOrigin: '', src: './assets/index-1.js' }]);
  });

  it('leaves the modules to the page when its tag names none (the dev server)', () => {
    const page = run({ search: '', currentScript: { dataset: {} } });
    expect(page.timers).toEqual([]);
    expect(page.painted).toEqual([]);
    expect(page.head).toEqual([]);
  });
});

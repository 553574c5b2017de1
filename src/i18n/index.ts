/**
 * Translations: Turkish and English tables (tr.json, en.json), looked up with rosetta
 * (a 300-byte, dependency-free lookup with dot paths and {{placeholders}}). Keys are typed
 * from en.json, so a key that does not exist is a compile error.
 */
import rosetta from 'rosetta';
import type en from './en.json';
import enEager from 'virtual:i18n/eager/en';
import trEager from 'virtual:i18n/eager/tr';
import { mergeTables } from './split';

export const LANGUAGES = ['tr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const LANG_STORAGE_KEY = 'prodviz.lang';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every translation key, e.g. "catalog.nginx.role". */
export type TKey = Leaves<typeof en>;
export type TVars = Record<string, string | number>;
export type TFn = (key: TKey, vars?: TVars) => string;

type Table = Record<string, unknown>;
const tables = rosetta<Table>({ en: enEager, tr: trEager });

// ——— the long texts, loaded after first paint (see split.ts) ———
const lazyLoaded = new Set<Lang>();
const lazyLoading = new Map<Lang, Promise<void>>();
const listeners = new Set<() => void>();

/** Loads a language's long texts (narration, explanations); resolves when they are in. */
export function loadLazyStrings(lang: Lang): Promise<void> {
  if (lazyLoaded.has(lang)) return Promise.resolve();
  let p = lazyLoading.get(lang);
  if (!p) {
    const mod = lang === 'tr' ? import('virtual:i18n/lazy/tr') : import('virtual:i18n/lazy/en');
    p = mod.then((m) => {
      const base = (tables.table(lang) as Table | undefined) ?? {};
      tables.set(lang, mergeTables(base, m.default));
      lazyLoaded.add(lang);
      for (const l of listeners) l();
    });
    lazyLoading.set(lang, p);
  }
  return p;
}

/** Calls `listener` whenever a language's long texts arrive (useT re-renders who missed them). */
export function subscribeStrings(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function isLang(value: unknown): value is Lang {
  return value === 'tr' || value === 'en';
}

/**
 * The text at a dotted key, walking own properties only: a key built from document data
 * ("scenes.labels.valueOf") never reaches an inherited member of Object.prototype.
 */
function lookup(table: unknown, key: string): string | undefined {
  let node: unknown = table;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills {{name}} placeholders from the caller's own values; anything else stays empty. */
function fill(text: string, vars?: TVars): string {
  if (!text.includes('{{')) return text;
  return text.replace(/{{(.*?)}}/g, (_, name: string) => {
    const k = name.trim();
    const value = vars && Object.hasOwn(vars, k) ? vars[k] : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}

/** Whether a language's long texts are in (its lookups no longer miss for want of them). */
export function lazyStringsLoaded(lang: Lang): boolean {
  return lazyLoaded.has(lang);
}

/**
 * Looks a key up in one language; falls back to English, then to an empty string.
 * `onMiss` hears of a key not found while the language's long texts are still loading.
 */
export function translate(lang: Lang, key: TKey, vars?: TVars, onMiss?: () => void): string {
  const own = lookup(tables.table(lang), key);
  if (own !== undefined) return fill(own, vars);
  if (!lazyLoaded.has(lang)) {
    onMiss?.();
    return '';
  }
  const text = lookup(tables.table('en'), key);
  return text === undefined ? '' : fill(text, vars);
}

/** A `t` bound to one language; `onMiss` as in `translate`. */
export function translator(lang: Lang, onMiss?: () => void): TFn {
  return (key, vars) => translate(lang, key, vars, onMiss);
}

/**
 * Which language to start in: a `?lang=` deep link, then the saved choice, then the
 * browser's languages (a Turkish browser gets Turkish), else English.
 */
export function detectLanguage(
  search: string,
  saved: string | null,
  browserLanguages: readonly string[],
): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(saved)) return saved;
  for (const l of browserLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'tr') return 'tr';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function readSavedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

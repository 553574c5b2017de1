import { describe, expect, it } from 'vitest';
import en from './en.json';
import tr from './tr.json';
import { detectLanguage, lazyStringsLoaded, loadLazyStrings, translate, type TKey } from './index';

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const enLeaves = leaves(en as Tree);
const trLeaves = leaves(tr as Tree);

describe('translations', () => {
  it('have the same keys in Turkish and English', () => {
    const onlyEn = [...enLeaves.keys()].filter((k) => !trLeaves.has(k));
    const onlyTr = [...trLeaves.keys()].filter((k) => !enLeaves.has(k));
    expect(onlyEn).toEqual([]);
    expect(onlyTr).toEqual([]);
  });

  it('have no empty values', () => {
    const empty = [...enLeaves, ...trLeaves].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [k, v] of enLeaves) expect(vars(trLeaves.get(k) ?? ''), k).toEqual(vars(v));
  });

  it('write Turkish with Turkish letters', () => {
    const all = [...trLeaves.values()].join(' ');
    for (const ch of ['ı', 'ş', 'ğ', 'ç', 'ö', 'ü', 'İ']) expect(all).toContain(ch);
  });
});

describe('detectLanguage', () => {
  it('prefers the ?lang= deep link', () => {
    expect(detectLanguage('?lang=en', 'tr', ['tr-TR'])).toBe('en');
    expect(detectLanguage('?lang=tr', 'en', ['en-US'])).toBe('tr');
  });
  it('then the saved choice', () => {
    expect(detectLanguage('', 'tr', ['en-US'])).toBe('tr');
  });
  it('then the browser: Turkish browsers get Turkish', () => {
    expect(detectLanguage('', null, ['tr-TR', 'en'])).toBe('tr');
    expect(detectLanguage('', null, ['de-DE', 'en-GB'])).toBe('en');
  });
  it('else English, and ignores junk', () => {
    expect(detectLanguage('?lang=xx', 'fr', ['de'])).toBe('en');
  });
});

describe('long texts loaded after first paint', () => {
  it('report a miss for a long text until they arrive, never for a short one', async () => {
    const misses: string[] = [];
    const miss = (key: TKey) => () => misses.push(key);
    // A short string is in the first script's table.
    expect(translate('en', 'sim.play', undefined, miss('sim.play'))).toBe('Play');
    expect(misses).toEqual([]);
    // A long text (an inspector essay) is not in yet: empty, and the caller hears of it.
    expect(translate('en', 'catalog.nginx.what', undefined, miss('catalog.nginx.what'))).toBe('');
    expect(misses).toEqual(['catalog.nginx.what']);
    expect(lazyStringsLoaded('en')).toBe(false);
    await loadLazyStrings('en');
    expect(lazyStringsLoaded('en')).toBe(true);
    expect(translate('en', 'catalog.nginx.what', undefined, miss('sim.reset'))).toBe(
      (en as unknown as { catalog: { nginx: { what: string } } }).catalog.nginx.what,
    );
    expect(misses).toEqual(['catalog.nginx.what']);
  });
});

import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';
import { CATALOG, COMPONENT_KINDS, isComponentKind, recommendedWorkers } from './catalog';

const LANGS = { en, tr } as const;
const FIELDS = ['name', 'role', 'what', 'why', 'without'] as const;

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [value];
  return Object.values(value).flatMap(leaves);
}

describe('catalog', () => {
  it('has one entry per kind, under its own name', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...COMPONENT_KINDS].sort());
    for (const kind of COMPONENT_KINDS) expect(CATALOG[kind].kind).toBe(kind);
  });

  it('recognises its kinds', () => {
    expect(isComponentKind('nginx')).toBe(true);
    expect(isComponentKind('apache')).toBe(false);
    expect(isComponentKind(3)).toBe(false);
  });

  it('has sane numbers', () => {
    for (const kind of COMPONENT_KINDS) {
      const { capacity, port } = CATALOG[kind];
      for (const [field, value] of Object.entries(capacity)) {
        expect(Number.isFinite(value) && value >= 0, `${kind}.${field}`).toBe(true);
      }
      if (capacity.hitRatio !== undefined) expect(capacity.hitRatio).toBeLessThanOrEqual(1);
      if (port !== undefined) expect(Number.isInteger(port) && port > 0 && port < 65536).toBe(true);
    }
    expect(CATALOG.server.container).toBe(true);
    expect(CATALOG.gunicorn.port).toBe(8000);
    expect(CATALOG.postgres.port).toBe(5432);
    expect(CATALOG.redis.port).toBe(6379);
  });

  it('follows the 2 × cores + 1 rule for workers', () => {
    expect(recommendedWorkers(1)).toBe(3);
    expect(recommendedWorkers(2)).toBe(5);
    expect(recommendedWorkers(4)).toBe(9);
  });
});

describe('catalog and scene text', () => {
  it.each(Object.entries(LANGS))(
    '%s has every field of every kind, with a short role',
    (_lang, dict) => {
      for (const kind of COMPONENT_KINDS) {
        const entry = (dict.catalog as Record<string, Record<string, unknown>>)[kind];
        for (const field of FIELDS) {
          const value = entry?.[field];
          expect(typeof value === 'string' && value.trim().length > 0, `${kind}.${field}`).toBe(
            true,
          );
        }
        expect(String(entry?.role).length, `${kind}.role`).toBeLessThanOrEqual(32);
      }
    },
  );

  it('has the same catalog and scenes keys in both languages', () => {
    expect(keyPaths(tr.catalog).sort()).toEqual(keyPaths(en.catalog).sort());
    expect(keyPaths(tr.scenes).sort()).toEqual(keyPaths(en.scenes).sort());
  });

  it('uses only non-empty strings, with the same placeholders in both languages', () => {
    for (const dict of Object.values(LANGS)) {
      for (const leaf of [...leaves(dict.catalog), ...leaves(dict.scenes)]) {
        expect(typeof leaf === 'string' && leaf.trim().length > 0).toBe(true);
      }
    }
    const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
    const trValues = new Map(
      keyPaths(tr.scenes).map((k) => [
        k,
        k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], tr.scenes),
      ]),
    );
    for (const key of keyPaths(en.scenes)) {
      const enValue = key
        .split('.')
        .reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en.scenes);
      expect(placeholders(String(trValues.get(key))), key).toEqual(placeholders(String(enValue)));
    }
  });

  it('writes Turkish with Turkish letters', () => {
    const all = leaves(tr.catalog).join(' ');
    expect(all).toMatch(/[ıİşŞğĞçÇöÖüÜ]/);
    expect(tr.catalog.user.name).toBe('Kullanıcı');
  });
});

import { describe, expect, it } from 'vitest';
import en from './en.json';
import tr from './tr.json';
import { LAZY_PATHS, mergeTables, splitTable } from './split';

describe('splitTable', () => {
  it('puts every string in exactly one half, and the halves merge back to the table', () => {
    for (const table of [en, tr]) {
      const [eager, lazy] = splitTable(table);
      expect(mergeTables(eager, lazy)).toEqual(table);
    }
  });

  it('keeps names and roles eager and moves the long texts out', () => {
    const [eager, lazy] = splitTable(en) as [typeof en, Partial<typeof en>];
    expect(eager.catalog.nginx.name).toBe('NGINX');
    expect(eager.catalog.nginx.role).toBeTruthy();
    expect((eager.catalog.nginx as Record<string, unknown>).what).toBeUndefined();
    expect(lazy.catalog?.nginx?.what).toBe(en.catalog.nginx.what);
  });

  it('honours wildcards only at their own depth', () => {
    const [eager, lazy] = splitTable({ a: { x: { what: '1', name: '2' } }, what: '3' }, ['a.*.what']);
    expect(eager).toEqual({ a: { x: { name: '2' } }, what: '3' });
    expect(lazy).toEqual({ a: { x: { what: '1' } } });
  });

  it('lists only paths that exist in the tables', () => {
    for (const path of LAZY_PATHS) {
      const [, lazy] = splitTable(en, [path]);
      expect(Object.keys(lazy).length, path).toBeGreaterThan(0);
    }
  });
});

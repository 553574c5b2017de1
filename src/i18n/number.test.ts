import { describe, expect, it } from 'vitest';
import { formatNumber } from './number';

describe('formatNumber', () => {
  it('writes every number exactly as Intl.NumberFormat does, in Turkish and English', () => {
    const values = [0, -0, 0.04, -0.04, 0.05, 0.15, 0.25, 1.005, 2.5, 9.95, 99.95, 100, 999.5, 1234, 12345.678, -12345.678, 1e6, 123456789.987, 0.1 + 0.2];
    let seed = 7;
    for (let i = 0; i < 400; i++) {
      seed = (seed * 48271) % 2147483647;
      const magnitude = 10 ** ((seed % 9) - 2);
      values.push(((seed / 2147483647) * 2 - 0.3) * magnitude);
    }
    const options: [number, number][] = [[0, 0], [1, 1], [0, 1], [0, 2], [2, 2], [0, 3]];
    for (const lang of ['tr', 'en']) {
      for (const [min, max] of options) {
        const intl = new Intl.NumberFormat(lang, { minimumFractionDigits: min, maximumFractionDigits: max });
        for (const v of values) expect(formatNumber(v, lang, min, max), `${lang} ${min}-${max} ${v}`).toBe(intl.format(v));
      }
    }
  });

  it('uses the language separators', () => {
    expect(formatNumber(12345.678, 'tr', 0, 2)).toBe('12.345,68');
    expect(formatNumber(12345.678, 'en', 0, 2)).toBe('12,345.68');
    expect(formatNumber(0.5, 'tr', 1, 1)).toBe('0,5');
  });

  it('leaves other locales and non-finite values to Intl', () => {
    expect(formatNumber(1234.5, 'de', 1, 1)).toBe(new Intl.NumberFormat('de', { minimumFractionDigits: 1 }).format(1234.5));
    expect(formatNumber(Number.NaN, 'en')).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'tr')).toBe(new Intl.NumberFormat('tr').format(Infinity));
  });
});

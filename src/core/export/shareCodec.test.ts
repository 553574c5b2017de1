import * as fc from 'fast-check';
import lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import { lzBomb } from './lzBomb';
import { inflateBounded, LINK_LIMITS } from './shareCodec';

describe('the bounded share-link decoder', { timeout: 60_000 }, () => {
  it('reads every link lz-string writes, exactly as lz-string does (old links still open)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const packed = lz.compressToEncodedURIComponent(text);
        const read = inflateBounded(packed, 10_000);
        if (text === '') expect(read.ok).toBe(false);
        else expect(read).toEqual({ ok: true, text });
      }),
      { numRuns: 100, seed: 16 },
    );
  });

  it('reads a real document link', () => {
    const text = JSON.stringify({ format: 'prodviz', words: 'ağ ş ğ ü ç ö ı İ 😀'.repeat(50) });
    expect(inflateBounded(lz.compressToEncodedURIComponent(text))).toEqual({ ok: true, text });
  });

  it('stops a decompression bomb early, before reading the rest of the link', () => {
    const bomb = lzBomb(50_000);
    expect(bomb.length).toBeLessThan(LINK_LIMITS.maxEncoded);
    // Garbage after the first fifth: a decoder that stops early never reaches it.
    const prefix = bomb.slice(0, Math.floor(bomb.length / 5));
    expect(inflateBounded(`${prefix}${'!'.repeat(1000)}`)).toEqual({ ok: false, reason: 'too-large' });
    expect(inflateBounded(bomb)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('stops a link that unpacks past the cap even when it is an honest one', () => {
    const packed = lz.compressToEncodedURIComponent('x'.repeat(20_001));
    expect(inflateBounded(packed, 20_000)).toEqual({ ok: false, reason: 'too-large' });
    expect(inflateBounded(packed, 20_001).ok).toBe(true);
  });

  it('calls anything that is not lz-string broken, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = inflateBounded(s, 10_000);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500, seed: 16 },
    );
    expect(inflateBounded('')).toEqual({ ok: false, reason: 'broken' });
    expect(inflateBounded('<script>')).toEqual({ ok: false, reason: 'broken' });
  });
});

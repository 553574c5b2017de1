/**
 * Share links carry the document compressed with lz-string (`compressToEncodedURIComponent`).
 * Opening one is untrusted input: lz-string's own decompressor inflates without limit (a
 * 261,504-character link grows to ~5 × 10⁹ characters and the tab runs out of memory), and it
 * has no streaming API to stop it. So the link is read by this bounded decoder instead: the
 * same format (old links still open, nothing to migrate), decoded step by step, and it stops
 * the moment the output would pass `maxChars` — nothing is inflated first and measured after.
 *
 * The algorithm follows lz-string 1.5's `_decompress` (WTFPL) for the URI-safe alphabet.
 */
import { DOCUMENT_LIMITS } from './document';

export const LINK_LIMITS = {
  /** Characters after `#doc=`. A full 300-node document compresses to well under this. */
  maxEncoded: 200_000,
  /** Characters of document text a link may unpack to (the import cap). */
  maxText: DOCUMENT_LIMITS.maxBytes,
} as const;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export type InflateResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' | 'broken' };

/** Decodes an lz-string URI component, refusing to produce more than maxChars characters. */
export function inflateBounded(input: string, maxChars: number = LINK_LIMITS.maxText): InflateResult {
  const length = input.length;
  if (length === 0) return { ok: false, reason: 'broken' };
  const valueAt = (index: number): number => {
    if (index >= length) return 0;
    let code = input.charCodeAt(index);
    if (code === 32) code = 43; // a space is a '+' that went through a form
    const v = code < 128 ? VALUE[code]! : -1;
    if (v < 0) throw new BrokenLink();
    return v;
  };
  try {
    let val = valueAt(0);
    let position = 32;
    let index = 1;
    const read = (bitCount: number): number => {
      let bits = 0;
      for (let power = 1, n = 0; n < bitCount; n++, power *= 2) {
        const bit = val & position;
        position >>= 1;
        if (position === 0) {
          position = 32;
          val = valueAt(index++);
        }
        if (bit > 0) bits += power;
      }
      return bits;
    };

    const dictionary: string[] = ['', '', ''];
    let dictSize = 4;
    let numBits = 3;
    let enlargeIn = 4;
    const parts: string[] = [];
    let total = 0;

    const first = read(2);
    let c: string;
    if (first === 0) c = String.fromCharCode(read(8));
    else if (first === 1) c = String.fromCharCode(read(16));
    else return { ok: false, reason: 'broken' };
    dictionary[3] = c;
    let w = c;
    parts.push(c);
    total = 1;

    for (;;) {
      if (index > length) return { ok: false, reason: 'broken' };
      let code = read(numBits);
      if (code === 0 || code === 1) {
        dictionary[dictSize++] = String.fromCharCode(read(code === 0 ? 8 : 16));
        code = dictSize - 1;
        enlargeIn--;
      } else if (code === 2) {
        return { ok: true, text: parts.join('') };
      }
      if (enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
      let entry: string;
      const known = dictionary[code];
      if (known !== undefined && known !== '') entry = known;
      else if (code === dictSize) entry = w + w.charAt(0);
      else return { ok: false, reason: 'broken' };
      // The bound, checked before the text grows: a bomb stops here, early.
      total += entry.length;
      if (total > maxChars) return { ok: false, reason: 'too-large' };
      parts.push(entry);
      dictionary[dictSize++] = w + entry.charAt(0);
      enlargeIn--;
      w = entry;
      if (enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
    }
  } catch (error) {
    if (error instanceof BrokenLink) return { ok: false, reason: 'broken' };
    return { ok: false, reason: 'broken' };
  }
}

class BrokenLink extends Error {}

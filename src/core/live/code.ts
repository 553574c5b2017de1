/** Join codes (tiny: the first paint reads `?join=` with it). */

/** Join codes: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export function isJoinCode(s: unknown): s is string {
  return typeof s === 'string' && CODE_RE.test(s);
}

/** Normalises what a person typed ("abcd efgh", "ABCD-EFGH") into a code, or null. */
export function normaliseCode(s: string): string | null {
  const c = s.toUpperCase().replace(/[\s-]/g, '');
  return isJoinCode(c) ? c : null;
}

/** "ABCD EFGH": easier to read aloud and to copy from the projector. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

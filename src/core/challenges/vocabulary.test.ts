/**
 * Challenge files are held to the same Turkish vocabulary as lessons, quiz, glossary and UI
 * (src/core/lessons/vocabulary.ts): one name per concept — "request", "response", "cache"
 * as Turkish developers say them; "sunucu", "statik", "yük dengeleme" in Turkish.
 */
import { describe, expect, it } from 'vitest';
import { CHALLENGE_FILES } from '../../content/challenges';
import { variantsIn } from '../lessons/vocabulary';

/** Every Turkish text of a challenge file: [where, text]. */
function turkish(file: unknown): [string, string][] {
  const f = file as { id: string; tr: { title: string; brief: string; hints: string[] } };
  return [
    [`${f.id}.tr.title`, f.tr.title],
    [`${f.id}.tr.brief`, f.tr.brief],
    ...f.tr.hints.map((h, i): [string, string] => [`${f.id}.tr.hints.${i}`, h]),
  ];
}

describe('challenge files: one Turkish name per concept', () => {
  it('titles, briefs and hints use none of the old variants', () => {
    const found = CHALLENGE_FILES.flatMap(turkish).flatMap(([where, text]) =>
      variantsIn(text, where).map((v) => `${where}: write "${v.use}" (${v.pattern}) in "${text}"`),
    );
    expect(found).toEqual([]);
  });
  it('reads every challenge and every hint', () => {
    const texts = CHALLENGE_FILES.flatMap(turkish);
    expect(texts.length).toBeGreaterThan(CHALLENGE_FILES.length * 3);
    expect(texts.every(([, t]) => t.trim() !== '')).toBe(true);
  });
});

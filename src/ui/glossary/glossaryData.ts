/**
 * The glossary (src/content/glossary.json), loaded on first use so it never weighs on the
 * first paint. `glossaryNow()` gives it synchronously once loaded (tooltips after the first).
 */
import type { Glossary, GlossaryTerm } from '../../core/lessons/types';

let loaded: Glossary | null = null;
let loading: Promise<Glossary> | null = null;

export function loadGlossary(): Promise<Glossary> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('../../content/glossary.json').then((m) => {
    loaded = m.default as Glossary;
    return loaded;
  });
  loading.catch(() => (loading = null));
  return loading;
}

export function glossaryNow(): Glossary | null {
  return loaded;
}

export function findTerm(glossary: Glossary, id: string): GlossaryTerm | undefined {
  return glossary.terms.find((t) => t.id === id);
}

/** Terms whose name or definition, in either language, contains every word of the query. */
export function searchGlossary(glossary: Glossary, query: string): GlossaryTerm[] {
  const words = query
    .trim()
    .toLocaleLowerCase('tr')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return glossary.terms;
  return glossary.terms.filter((t) => {
    const hay = `${t.id} ${t.tr.term} ${t.tr.def} ${t.en.term} ${t.en.def}`.toLocaleLowerCase('tr');
    return words.every((w) => hay.includes(w));
  });
}

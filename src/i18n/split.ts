/**
 * Splits a translation table in two: the strings needed for the first paint ("eager") and
 * long texts that only appear after an interaction ("lazy": narration, inspector essays,
 * lessons). Both halves come from the same tr.json / en.json; the build serves them as two
 * modules (see vite.config.ts), so the long texts stay out of the initial JavaScript.
 */

/** Dotted paths of subtrees loaded after first paint; `*` matches any one key. */
export const LAZY_PATHS: readonly string[] = [
  'catalog.*.what',
  'catalog.*.why',
  'catalog.*.without',
  'editor.palette',
  'editor.toolbar',
  'editor.io',
  'editor.rules',
  'editor.errors',
  'editor.storage',
  'editor.link',
  'editor.problems',
  'editor.status',
  'editor.rename',
  'trace.say',
  'engine',
  'trace.title',
  'trace.facts',
  'configs.panel',
  'ops.failures',
  'ops.server',
  'ops.security',
  'ops.deploy',
  'scaling.panel',
  'classroom.quizRun',
  'classroom.presenter',
  'classroom.action',
  'classroom.lessonsIntro',
  'classroom.loadFailed',
  'help.sections',
  'help.keys',
  'help.packetsNote',
  'help.badge',
  'help.speed',
  'challenges.intro',
  'challenges.runNote',
  'challenges.goal',
  'challenges.security',
  'logs.title',
  'logs.intro',
  'logs.privacy',
  'logs.formats',
  'logs.types',
  'logs.reasons',
  'logs.fit',
  'logs.errors',
  'logs.applied',
  'logs.reading',
  'robust.errors',
  'robust.rename',
  'robust.replace',
  'learn',
  'glossary',
  'live.panel',
  'live.student',
  'live.error',
  'notes',
  'welcome',
];

type Tree = { [k: string]: unknown };

function matches(path: string[], pattern: string[]): boolean {
  return path.length === pattern.length && pattern.every((p, i) => p === '*' || p === path[i]);
}

function isLazy(path: string[], patterns: string[][]): boolean {
  return patterns.some((p) => matches(path, p));
}

function couldContainLazy(path: string[], patterns: string[][]): boolean {
  return patterns.some((p) => p.length > path.length && matches(path, p.slice(0, path.length)));
}

/** Returns [eager, lazy] halves of a table; every leaf lands in exactly one of them. */
export function splitTable(table: Tree, paths: readonly string[] = LAZY_PATHS): [Tree, Tree] {
  const patterns = paths.map((p) => p.split('.'));
  const walk = (node: Tree, path: string[]): [Tree | null, Tree | null] => {
    const eager: Tree = {};
    const lazy: Tree = {};
    let hasEager = false;
    let hasLazy = false;
    for (const [k, v] of Object.entries(node)) {
      const p = [...path, k];
      if (isLazy(p, patterns)) {
        lazy[k] = v;
        hasLazy = true;
      } else if (v !== null && typeof v === 'object' && couldContainLazy(p, patterns)) {
        const [e, l] = walk(v as Tree, p);
        if (e) {
          eager[k] = e;
          hasEager = true;
        }
        if (l) {
          lazy[k] = l;
          hasLazy = true;
        }
      } else {
        eager[k] = v;
        hasEager = true;
      }
    }
    return [hasEager ? eager : null, hasLazy ? lazy : null];
  };
  const [e, l] = walk(table, []);
  return [e ?? {}, l ?? {}];
}

/** Deep merge of plain objects (b wins); used to put the halves back together. */
export function mergeTables(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] =
      prev && typeof prev === 'object' && v && typeof v === 'object'
        ? mergeTables(prev as Tree, v as Tree)
        : v;
  }
  return out;
}

/**
 * Whether this page load is a first visit that gets the welcome: no ProdViz key in storage yet
 * (a returning user has a language, progress or saved work), no deep link that already says
 * where to go, not a test robot (e2e ask for it by hiding navigator.webdriver). Decided once,
 * when the app starts, before anything is written to storage. Small and eager.
 */
export const WELCOME_KEY = 'prodviz.welcome';

/** Query parameters and hashes that take the visitor somewhere on purpose. */
const DEEP = ['scene', 'lesson', 'step', 'join', 'notes', 'present', 'seed'];

export interface VisitFacts {
  search: string;
  hash: string;
  /** Storage keys, or null when storage cannot be read (private mode, blocked). */
  keys: string[] | null;
  robot: boolean;
}

export function shouldWelcome({ search, hash, keys, robot }: VisitFacts): boolean {
  if (robot || keys === null) return false;
  const params = new URLSearchParams(search);
  if (DEEP.some((p) => params.has(p))) return false;
  if (hash.length > 1) return false;
  return !keys.some((k) => k.startsWith('prodviz.'));
}

function storageKeys(): string[] | null {
  try {
    const s = window.localStorage;
    const keys: string[] = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k !== null) keys.push(k);
    }
    return keys;
  } catch {
    return null;
  }
}

/** This page load's answer (module-level: taken before the app writes its first key). */
export const firstVisit: boolean =
  typeof window !== 'undefined' &&
  shouldWelcome({
    search: window.location.search,
    hash: window.location.hash,
    keys: storageKeys(),
    robot: typeof navigator !== 'undefined' && navigator.webdriver === true,
  });

/** Remembers that the welcome was seen; a storage that refuses only means it may come back. */
export function rememberWelcomed() {
  try {
    window.localStorage.setItem(WELCOME_KEY, '1');
  } catch {
    /* private mode or full storage: nothing else to do */
  }
}

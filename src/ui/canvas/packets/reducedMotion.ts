import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';
const mql: MediaQueryList | null = typeof matchMedia === 'function' ? matchMedia(QUERY) : null;

/** Kept up to date by a listener: reading `matches` evaluates the query, every frame. */
let reduced = mql?.matches ?? false;
mql?.addEventListener('change', (e) => {
  reduced = e.matches;
});

/** Whether the system asks for reduced motion, right now (cheap: read per frame). */
export function prefersReducedMotion(): boolean {
  return reduced;
}

function subscribe(onChange: () => void) {
  mql?.addEventListener('change', onChange);
  return () => mql?.removeEventListener('change', onChange);
}

/** The same, for components. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}

import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';
const mql: MediaQueryList | null = typeof matchMedia === 'function' ? matchMedia(QUERY) : null;

/** Whether the system asks for reduced motion, right now (cheap: read per frame). */
export function prefersReducedMotion(): boolean {
  return mql?.matches ?? false;
}

function subscribe(onChange: () => void) {
  mql?.addEventListener('change', onChange);
  return () => mql?.removeEventListener('change', onChange);
}

/** The same, for components. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}

import { useSyncExternalStore } from 'react';
import { useUiStore } from '../state/uiStore';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(cb: () => void) {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia(QUERY);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}
const prefersReduced = () => typeof matchMedia === 'function' && matchMedia(QUERY).matches;

/**
 * True when things should not move: the system asks for reduced motion, or the user turned
 * the Animations switch off. (A tiny hook of our own, so framer-motion stays out of the
 * initial bundle; lazily loaded panels use framer-motion through MotionProvider.)
 */
export function useStill(): boolean {
  const reduced = useSyncExternalStore(subscribe, prefersReduced, () => false);
  const animations = useUiStore((s) => s.animations);
  return reduced || !animations;
}

import type { ReactNode } from 'react';
import { LazyMotion, MotionConfig } from 'framer-motion';
import { useStill } from './motion';

const loadFeatures = () => import('./motionFeatures').then((mod) => mod.default);

/**
 * Wrap a lazily loaded panel that animates with framer-motion's `m` components in this.
 * It honours prefers-reduced-motion and the Animations switch. Keep framer-motion out of
 * components that are part of the first paint (the 170 KB initial-JS budget).
 */
export function MotionProvider({ children }: { children: ReactNode }) {
  const still = useStill();
  return (
    <LazyMotion features={loadFeatures} strict>
      <MotionConfig reducedMotion={still ? 'always' : 'never'}>{children}</MotionConfig>
    </LazyMotion>
  );
}

import { lazy, Suspense } from 'react';
import { useT } from '../useT';
import { useChallengeStore } from './challengeStore';

const ChallengesRoot = lazy(() => import('./ChallengesRoot'));

const ICON = { width: 18, height: 18, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true } as const;

/** The Challenges button; the list and the challenge panel load on first use. */
export function ChallengesButton() {
  const t = useT();
  const listOpen = useChallengeStore((s) => s.listOpen);
  const active = useChallengeStore((s) => s.activeId !== null);
  return (
    <>
      <button
        type="button"
        className="btn cls-btn--fold"
        title={t('challenges.button')}
        aria-haspopup="dialog"
        aria-expanded={listOpen}
        onClick={() => useChallengeStore.getState().openList()}
      >
        <svg {...ICON}>
          <path d="M8 21h8M12 17v4M7 4h10v5a5 5 0 0 1-10 0zM7 6H4v2a3 3 0 0 0 3 3M17 6h3v2a3 3 0 0 1-3 3" />
        </svg>
        <span className="cls-btn__label">{t('challenges.button')}</span>
      </button>
      {(listOpen || active) && (
        <Suspense fallback={null}>
          <ChallengesRoot />
        </Suspense>
      )}
    </>
  );
}

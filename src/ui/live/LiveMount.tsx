import { lazy, Suspense, useState } from 'react';
import { joinCodeFromSearch, savedTeacherClass, useLiveStore } from '../../state/liveStore';

// The sync engine and the live UI load only when a class is on (or the panel opens).
const LiveRoot = lazy(() => import('./LiveRoot'));

/** Mounted once in App. */
export function LiveMount() {
  const [wanted] = useState(() => typeof location !== 'undefined' && (joinCodeFromSearch(location.search) !== null || savedTeacherClass() !== null));
  const active = useLiveStore((s) => s.panelOpen || s.role !== 'none');
  if (!wanted && !active) return null;
  return (
    <Suspense fallback={null}>
      <LiveRoot />
    </Suspense>
  );
}

import { lazy, Suspense, useState } from 'react';
import { loadLazyStrings } from '../../i18n';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { firstVisit, rememberWelcomed } from './firstVisit';

// The dialog and its strings load only on a first visit.
const WelcomeDialog = lazy(() =>
  Promise.all([import('./WelcomeDialog'), loadLazyStrings(useUiStore.getState().lang)]).then(([m]) => m),
);

/** The first-visit welcome (mounted once in App); never in presenter mode or over a lesson. */
export function WelcomeMount() {
  const [open, setOpen] = useState(firstVisit);
  const presenting = useUiStore((s) => s.presenting);
  const lesson = useClassroomStore((s) => s.lessonId !== null);
  if (!open || presenting || lesson) return null;
  return (
    <Suspense fallback={null}>
      <WelcomeDialog
        onClose={() => {
          rememberWelcomed();
          setOpen(false);
        }}
      />
    </Suspense>
  );
}

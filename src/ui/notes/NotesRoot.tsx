import { lazy, Suspense } from 'react';
import { loadLazyStrings } from '../../i18n';
import { useUiStore } from '../../state/uiStore';

// The notes window's view and its strings load together, on the notes page only.
const NotesWindow = lazy(() =>
  Promise.all([import('./NotesWindow'), loadLazyStrings(useUiStore.getState().lang)]).then(([m]) => m),
);

/** What main.tsx renders instead of the app on `?notes=1` (the presenter notes window). */
export function NotesRoot() {
  return (
    <Suspense fallback={null}>
      <NotesWindow />
    </Suspense>
  );
}

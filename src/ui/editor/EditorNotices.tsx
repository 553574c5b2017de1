import { lazy, Suspense } from 'react';

const Body = lazy(() => import('./EditorNoticesBody'));

/** Errors, status lines, storage banners and share-link questions (loaded after first paint). */
export function EditorNotices() {
  return (
    <Suspense fallback={null}>
      <Body />
    </Suspense>
  );
}

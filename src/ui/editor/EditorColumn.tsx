import { lazy, Suspense } from 'react';
import { useT } from '../useT';
import './editorLayout.css';

const Body = lazy(() => import('./EditorColumnBody'));

/** The left column: the edit toolbar over the palette. Its code loads after first paint. */
export function EditorColumn() {
  const t = useT();
  return (
    <aside className="editor-column" aria-label={t('editor.column')}>
      <Suspense fallback={null}>
        <Body />
      </Suspense>
    </aside>
  );
}

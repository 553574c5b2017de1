import { lazy, Suspense } from 'react';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import './editorLayout.css';

const Body = lazy(() => import('./EditorColumnBody'));
const RailPalette = lazy(() => import('./Palette').then((m) => ({ default: () => <m.Palette variant="rail" /> })));

/**
 * The left column: the edit toolbar over the palette. Its code loads after first paint. It
 * folds into a narrow rail (the default on a 1280-px projector, so the diagram gets the room
 * and nothing is edited by accident); the folded rail still shows every component as an icon
 * to drag or press, and the keyboard shortcuts keep working. Opening or folding refits the view
 * (the canvas does that when its width changes).
 */
export function EditorColumn() {
  const t = useT();
  const open = useUiStore((s) => s.editorOpen);
  const setOpen = useUiStore((s) => s.setEditorOpen);
  return (
    <aside className={`editor-column${open ? '' : ' is-collapsed'}`} aria-label={t('editor.column')}>
      <button
        type="button"
        className="btn editor-column__toggle"
        aria-expanded={open}
        aria-controls="editor-column-body"
        title={t('editor.toggle')}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '◂' : '✎'}</span>
        <span className={open ? undefined : 'visually-hidden'}>{t('editor.toggle')}</span>
      </button>
      <div id="editor-column-body" className="editor-column__body" hidden={!open}>
        <Suspense fallback={null}>
          <Body />
        </Suspense>
      </div>
      {!open && (
        <Suspense fallback={null}>
          <RailPalette />
        </Suspense>
      )}
    </aside>
  );
}

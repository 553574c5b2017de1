import { useEffect, useRef } from 'react';
import { serializeDocument, type ProdVizDocument } from '../../core/export/document';
import type { SceneId } from '../../core/topology/types';
import { useDocumentStore } from '../../state/documentStore';
import { usePersistenceStore } from '../../state/persistence';
import { confirmReplace } from '../../state/replaceGuard';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { sceneTitle } from './actions';
import { download } from './files';
import { documentErrorText } from './errorText';
import { useEditorStore } from './editorStore';
import './editor.css';

function clearHash() {
  const url = new URL(window.location.href);
  url.hash = '';
  window.history.replaceState(null, '', url);
}

function openDocument(doc: ProdVizDocument) {
  useDocumentStore.getState().replaceTopology(doc.scene, doc.topology);
  useUiStore.getState().setScene(doc.scene);
}

/**
 * Reads a share link in the URL hash, on start and when the hash changes. A link never overwrites saved work
 * without asking: when the browser already has its own version of that scene, a dialog asks.
 */
function useShareLink() {
  const t = useT();
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);
  useEffect(() => {
    const read = () => {
      const hash = window.location.hash;
      if (!hash.startsWith('#doc=')) return;
      const tr = tRef.current;
      void import('./shareLink')
        .then(({ readShareHash }) => {
          const result = readShareHash(hash, useUiStore.getState().scene);
          clearHash();
          if (!result.ok) {
            useEditorStore.getState().fail(documentErrorText(result.error, tr));
            return;
          }
          const doc = result.document;
          const current = useDocumentStore.getState().topologies[doc.scene];
          if (
            serializeDocument(doc.scene, current, false) ===
            serializeDocument(doc.scene, doc.topology, false)
          ) {
            useUiStore.getState().setScene(doc.scene);
            return;
          }
          // Asks when the scene holds the person's own saved work, or work not safely saved.
          return confirmReplace(doc.scene, 'link', { askWhenSaved: true }).then((ok) => {
            if (!ok) {
              useEditorStore.getState().announce(tr('editor.status.linkKept'));
              return;
            }
            openDocument(doc);
            useEditorStore
              .getState()
              .announce(tr('editor.status.linkOpened', { scene: sceneTitle(doc.scene, tr) }));
          });
        })
        .catch(() => useEditorStore.getState().fail(tr('editor.errors.linkBroken')));
    };
    read();
    // A link pasted into the address bar of an open tab only changes the hash.
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
}

/**
 * Everything the editor has to say: errors (role="alert", current work untouched), polite
 * status lines, the storage banners, and the question a share link may ask.
 */
export default function EditorNoticesBody() {
  const t = useT();
  const error = useEditorStore((s) => s.error);
  const status = useEditorStore((s) => s.status);
  const storageError = usePersistenceStore((s) => s.storageError);
  const corrupt = usePersistenceStore((s) => s.corrupt);
  useShareLink();
  const corruptScenes = Object.keys(corrupt) as SceneId[];

  return (
    <>
      <div className="notices">
        <div role="alert" className={error ? 'notice notice--error' : 'notice notice--empty'}>
          {error && (
            <>
              <span className="notice__text">{error.text}</span>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => useEditorStore.getState().dismissError()}
              >
                {t('editor.errors.dismiss')}
              </button>
            </>
          )}
        </div>
        {storageError && (
          <div role="alert" className="notice notice--warning" data-testid="storage-banner">
            <span className="notice__text">
              {t(storageError === 'quota' ? 'editor.storage.full' : 'editor.storage.unavailable')}
            </span>
          </div>
        )}
        {corruptScenes.map((scene) => (
          <div key={scene} role="alert" className="notice notice--warning">
            <span className="notice__text">
              {t('editor.storage.corrupt', { scene: sceneTitle(scene, t) })}
            </span>
            <button
              type="button"
              className="btn btn--small"
              onClick={() =>
                download(
                  `prodviz-${scene}-saved.json`,
                  new Blob([corrupt[scene] ?? ''], { type: 'application/json' }),
                )
              }
            >
              {t('editor.storage.download')}
            </button>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => usePersistenceStore.getState().discardCorrupt(scene)}
            >
              {t('editor.storage.discard')}
            </button>
          </div>
        ))}
      </div>
      <div role="status" className="visually-hidden">
        {status?.text}
      </div>
    </>
  );
}

// First: validates the query string before any store reads it.
import { urlNotices } from './ui/errors/urlGuard';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import './ui/styles.css';
import { detectLanguage, readSavedLanguage } from './i18n';
import { initialTheme, sceneFromSearch, useUiStore } from './state/uiStore';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/errors/ErrorBoundary';
import { installChunkErrorListener } from './ui/errors/chunk';
import { showUrlNotices } from './ui/errors/urlNotices';
import { isNotesPage } from './ui/notes/protocol';
import { NotesRoot } from './ui/notes/NotesRoot';

installChunkErrorListener();

const lang = detectLanguage(window.location.search, readSavedLanguage(), navigator.languages ?? []);
document.documentElement.lang = lang;
useUiStore.setState({ lang, scene: sceneFromSearch(window.location.search), theme: initialTheme() });
showUrlNotices(urlNotices);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="app">
      {/* `?notes=1`: the presenter notes window, a small view of its own. */}
      {isNotesPage(window.location.search) ? <NotesRoot /> : <App />}
    </ErrorBoundary>
  </StrictMode>,
);

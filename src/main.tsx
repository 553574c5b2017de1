// First: validates the query string before any store reads it.
import { urlNotices } from './ui/errors/urlGuard';
import { StrictMode, startTransition } from 'react';
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
import { loadCanvas } from './ui/canvas/loadCanvas';
import { installFlowWake } from './ui/canvas/flowWake';
// The stylesheets of the parts drawn with the diagram at load (its nodes and packets, the
// trace highlight, the palette and edit toolbar) come with the page's own, not with their
// lazy chunks: a stylesheet added later restyles and lays out the whole page again, in the
// same long task as the diagram's mount (Lighthouse mobile, six interleaved pairs: median total
// blocking time 890 ms before, 445 after).
// Imported last, so they follow every other sheet as they did when they came later.
import './ui/canvas/packets.css';
import './ui/panels/trace.css';
import './ui/editor/editor.css';
import './ui/canvas/static.css';

installChunkErrorListener();

const lang = detectLanguage(window.location.search, readSavedLanguage(), navigator.languages ?? []);
document.documentElement.lang = lang;
useUiStore.setState({
  lang,
  scene: sceneFromSearch(window.location.search),
  theme: initialTheme(),
});
showUrlNotices(urlNotices);

const notes = isNotesPage(window.location.search);
// React Flow takes the diagram over at the first input or need; listening from here, before
// React's first render, misses no input (ui/canvas/flowWake.ts).
if (!notes) installFlowWake();
// The diagram's chunk downloads while React renders the rest of the page. Started from a task
// of its own: Vite's preload helper adds a link per file the chunk needs, and on a slow laptop
// that is tens of milliseconds the module's evaluation need not hold the main thread for.
if (!notes) setTimeout(() => void loadCanvas().catch(() => undefined), 0);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
const reactRoot = createRoot(root);
// As a transition, React renders the first page in slices of a few milliseconds and lets the
// browser breathe between them, instead of one long task (the boot frame in index.html is on
// screen meanwhile).
startTransition(() =>
  reactRoot.render(
    <StrictMode>
      <ErrorBoundary area="app">
        {/* `?notes=1`: the presenter notes window, a small view of its own. */}
        {notes ? <NotesRoot /> : <App />}
      </ErrorBoundary>
    </StrictMode>,
  ),
);

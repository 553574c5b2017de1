/**
 * A lazily loaded chunk that fails to load — what an open tab meets after a redeploy, when
 * the server answers a missing hashed asset with index.html — is a stale version, not a bug:
 * the boundary shows "a newer version is available — reload" in place of the part that
 * failed, and the service worker's update prompt (classroom) says the same.
 */
import { useClassroomStore } from '../../state/classroomStore';

const CHUNK_MESSAGES = [
  'Failed to fetch dynamically imported module',
  'error loading dynamically imported module',
  'Importing a module script failed',
  'Unable to preload CSS',
  'Loading chunk',
  'Loading CSS chunk',
  "MIME type",
];

export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ChunkLoadError') return true;
  return CHUNK_MESSAGES.some((m) => error.message.includes(m));
}

let stale = false;
/** Whether a chunk of this version failed to load since the page opened. */
export const isStale = () => stale;

/** Marks the running version stale: the update prompt offers a reload. */
export function markStale() {
  stale = true;
  useClassroomStore.getState().setUpdateReady(true);
}

let installed = false;
/**
 * Listens for Vite's `vite:preloadError` (a dynamic import or its CSS failed) and for
 * unhandled rejections that are chunk failures (imports outside React: the engine, the
 * share-link code, the long texts). The error still reaches whoever awaited it.
 */
export function installChunkErrorListener() {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('vite:preloadError', () => markStale());
  window.addEventListener('unhandledrejection', (e) => {
    if (isChunkLoadError(e.reason)) markStale();
  });
}

/**
 * Loads the diagram's chunk (React Flow, d3, the node components) once. main.tsx starts it
 * before React's first render so the download runs alongside it; a failed load is forgotten
 * so a retry (the error boundary's "Try again") fetches it again.
 */
type CanvasModule = typeof import('./CanvasRoot');
let pending: Promise<CanvasModule> | undefined;

export function loadCanvas(): Promise<CanvasModule> {
  pending ??= import('./CanvasRoot').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/**
 * Loads the diagram's chunk (React Flow, d3, the node components) once. main.tsx starts it
 * before React's first render so the download runs alongside it. A failed load is forgotten,
 * so the render's own call (React.lazy in App) tries the network again; if that fails too, the
 * canvas's error boundary offers the reload a missing chunk needs (errors/chunk.ts).
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

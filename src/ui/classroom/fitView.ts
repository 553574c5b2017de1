import { useUiStore } from '../../state/uiStore';

/**
 * Fits the canvas to what is on it after a lesson changed the scene, added a server or the
 * presenter hid the chrome. React Flow's own "fit view" control does the work, so the
 * canvas needs no extra wiring; it is pressed after the layout has settled.
 */
export function fitViewSoon() {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      // Presenting, the camera is usePresenterFit's: it frames the step's subject instead.
      if (useUiStore.getState().presenting) return;
      const btn = document.querySelector<HTMLButtonElement>('.react-flow__controls-fitview');
      btn?.click();
    }),
  );
}

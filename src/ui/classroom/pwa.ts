/// <reference types="vite-plugin-pwa/client" />
/**
 * Offline: registers the service worker vite-plugin-pwa generates (it precaches the built
 * app, its lazy chunks, the lessons and the quiz). When a new version has been deployed
 * and is waiting, the classroom shows an update prompt instead of swapping code mid-class.
 */
import { registerSW } from 'virtual:pwa-register';
import { useClassroomStore } from '../../state/classroomStore';
import { setUpdateFunction, setUpdateWaiting } from './updateHandle';

let registered = false;

export function registerServiceWorker() {
  if (registered) return;
  registered = true;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      setUpdateWaiting();
      useClassroomStore.getState().setUpdateReady(true);
    },
    onRegisterError() {
      /* no service worker (private mode, http): the app still works online */
    },
  });
  setUpdateFunction(update);
}

/**
 * Entering and leaving presenter mode. Small and eager: the Present button calls it from a
 * click, which is the user gesture the Fullscreen API asks for.
 */
import { COURSE_SECTIONS } from '../../core/lessons/sections';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';

/** Set while we leave fullscreen ourselves (F key), so that is not taken as "leave presenting". */
export const fullscreenByUs = { leaving: false };

export function requestFullscreen() {
  const el = document.documentElement;
  if (document.fullscreenElement || typeof el.requestFullscreen !== 'function') return;
  fullscreenByUs.leaving = false;
  el.requestFullscreen().catch(() => {
    /* refused (no gesture, iframe, kiosk): presenter mode works in the window */
  });
}

export function exitFullscreen() {
  if (!document.fullscreenElement) return;
  fullscreenByUs.leaving = true;
  // Cleared by presenter mode's fullscreenchange handler (the event may come after the
  // promise settles); cleared here only when leaving failed and no event will come.
  document.exitFullscreen().catch(() => {
    fullscreenByUs.leaving = false;
  });
}

/** Presents the open lesson, or the first unfinished one. */
export function startPresenting() {
  const c = useClassroomStore.getState();
  if (!c.lessonId) {
    const next = COURSE_SECTIONS.find((s) => {
      const p = c.progress[s.id];
      return !p || p.seen < p.total;
    });
    const id = next?.id ?? COURSE_SECTIONS[0].id;
    const p = c.progress[id];
    c.openLesson(id, p && p.seen < p.total ? p.seen - 1 : 0);
  }
  useClassroomStore.setState({ lessonsOpen: false, quizOpen: false, blank: false, laser: false });
  useUiStore.getState().setPresenting(true);
  requestFullscreen();
}

export function stopPresenting() {
  useClassroomStore.setState({ blank: false, laser: false });
  useUiStore.getState().setPresenting(false);
  exitFullscreen();
}

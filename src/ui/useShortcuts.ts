import { useEffect } from 'react';
import { useSimStore } from '../state/simStore';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return (
    tag === 'INPUT' ||
    tag === 'SELECT' ||
    tag === 'TEXTAREA' ||
    tag === 'BUTTON' ||
    tag === 'SUMMARY' ||
    target.isContentEditable ||
    target.getAttribute('role') === 'tab'
  );
}

/** Global keys: Space plays/pauses, "." steps one event (not while a control has focus). */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        useSimStore.getState().toggle();
      } else if (e.key === '.') {
        e.preventDefault();
        useSimStore.getState().step();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

import { lazy, Suspense, useEffect } from 'react';
import { useUiStore } from '../../state/uiStore';
import { startPresenting } from '../classroom/present';
import { useHelpStore } from './helpStore';

const HelpDialog = lazy(() => import('./HelpDialog'));

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target.isContentEditable;
}

/**
 * Keys that work everywhere: `?` opens the help, F5 and Shift+F5 (a clicker's "start show"
 * button) start presenting instead of reloading the page. Mounted once in App.
 */
export function HelpMount() {
  const open = useHelpStore((s) => s.open);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'F5') {
        e.preventDefault();
        if (!useUiStore.getState().presenting) startPresenting();
        return;
      }
      if (e.defaultPrevented || typingInto(e.target)) return;
      if (e.key === '?' && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        useHelpStore.getState().setOpen(true);
      }
    };
    // Capture: presenter mode catches keys in the capture phase too, and F5 must never reload.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return open ? (
    <Suspense fallback={null}>
      <HelpDialog />
    </Suspense>
  ) : null;
}

import { useEffect } from 'react';
import { useUiStore } from '../state/uiStore';

/**
 * Keeps the URL and <html lang> in step with the UI: `?scene=` always names the scene on
 * screen (so the address can be shared), `?lang=` follows the language when it is present.
 */
export function useUrlSync() {
  const scene = useUiStore((s) => s.scene);
  const lang = useUiStore((s) => s.lang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set('scene', scene);
    if (url.searchParams.has('lang')) url.searchParams.set('lang', lang);
    try {
      if (url.href !== window.location.href) window.history.replaceState(null, '', url);
    } catch {
      /* an address the browser refuses to rewrite (too long): the page itself still works */
    }
  }, [scene, lang]);
}

import { useEffect, useMemo, useReducer, useState, startTransition } from 'react';
import { lazyStringsLoaded, loadLazyStrings, subscribeStrings, translator, type TFn } from '../i18n';
import { useUiStore } from '../state/uiStore';

/** Remembers whether a component asked for a long text before the long texts were in. */
function missTracker() {
  let missed = false;
  return {
    miss: () => {
      missed = true;
    },
    /** Whether it missed since the last call; clears the mark. */
    take: () => {
      const was = missed;
      missed = false;
      return was;
    },
  };
}

/**
 * The translation function for the current language. A component re-renders when the
 * language changes, and when the language's long texts arrive (right after first paint) only
 * if it asked for one of them before they were in: most of the page uses short strings only,
 * and re-rendering every `useT` user at that moment was a long task at load.
 */
export function useT(): TFn {
  const lang = useUiStore((s) => s.lang);
  const [arrivals, arrived] = useReducer((n: number) => n + 1, 0);
  const [tracker] = useState(missTracker);
  useEffect(() => {
    void loadLazyStrings(lang);
  }, [lang]);
  useEffect(() => {
    const check = () => {
      // Not urgent: the texts fill in between frames rather than in one long task.
      if (lazyStringsLoaded(lang) && tracker.take()) startTransition(arrived);
    };
    check(); // they may have arrived between this render and this effect
    return subscribeStrings(check);
  }, [lang, tracker]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new function when more strings arrive
  return useMemo(() => translator(lang, tracker.miss), [lang, arrivals, tracker]);
}

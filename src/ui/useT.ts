import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { loadLazyStrings, stringsVersion, subscribeStrings, translator, type TFn } from '../i18n';
import { useUiStore } from '../state/uiStore';

/**
 * The translation function for the current language. Components re-render when the language
 * changes or when the long texts of the language arrive (they load right after first paint).
 */
export function useT(): TFn {
  const lang = useUiStore((s) => s.lang);
  const version = useSyncExternalStore(subscribeStrings, stringsVersion);
  useEffect(() => {
    void loadLazyStrings(lang);
  }, [lang]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new function when more strings arrive
  return useMemo(() => translator(lang), [lang, version]);
}

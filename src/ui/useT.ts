import { useMemo } from 'react';
import { translator, type TFn } from '../i18n';
import { useUiStore } from '../state/uiStore';

/** The translation function for the current language; components re-render when it changes. */
export function useT(): TFn {
  const lang = useUiStore((s) => s.lang);
  return useMemo(() => translator(lang), [lang]);
}

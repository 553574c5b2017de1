/** Puts what urlGuard refused on screen (role="alert", dismissible), in the user's language. */
import { translator, type TKey } from '../../i18n';
import { useUiStore } from '../../state/uiStore';
import { useEditorStore } from '../editor/editorStore';
import type { UrlNotice } from './urlGuard';

const LANGUAGE_NAMES = { tr: 'Türkçe', en: 'English' } as const;

export function urlNoticeText(notices: readonly UrlNotice[]): string {
  const { lang, scene } = useUiStore.getState();
  const t = translator(lang);
  const fallback = (n: UrlNotice) =>
    n.param === 'scene'
      ? t(`scenes.${scene}.title` as TKey)
      : n.param === 'lang'
        ? LANGUAGE_NAMES[lang]
        : '';
  return notices
    .map((n) => t(`robust.url.${n.param}` as TKey, { value: n.value, fallback: fallback(n) }))
    .join(' ');
}

export function showUrlNotices(notices: readonly UrlNotice[]) {
  if (notices.length === 0) return;
  useEditorStore.getState().fail(urlNoticeText(notices));
}

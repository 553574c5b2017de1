/**
 * The sentence for a refused document or link: the precise reason (robust.errors.*) when
 * there is one, else the editor's original message (editor.errors.*).
 */
import type { DocumentError } from '../../core/export/document';
import type { TFn, TKey } from '../../i18n';

export interface ErrorLike {
  code: DocumentError['code'] | string;
  path?: string;
  name?: string;
  max?: number;
}

export function documentErrorText(error: ErrorLike, tr: TFn): string {
  const vars = {
    path: error.path ?? '—',
    name: error.name ?? '—',
    max: error.max ?? 0,
  };
  return (
    tr(`robust.errors.${error.code}` as TKey, vars) ||
    tr(`editor.errors.${error.code}` as TKey, vars) ||
    tr('robust.errors.link-broken' as TKey, vars)
  );
}

/** Why a name typed into the rename form is refused. */
export function renameProblemText(code: DocumentError['code'], tr: TFn): string {
  return tr(`robust.rename.${code}` as TKey) || tr('editor.errors.renameMarkup');
}

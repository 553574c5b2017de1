/**
 * File actions: export (JSON, PNG, SVG) and import. Loaded with the document menu, after
 * first paint.
 */
import { parseDocument, serializeDocument } from '../../core/export/document';
import type { TFn } from '../../i18n';
import { confirmReplace } from '../../state/replaceGuard';
import { useUiStore } from '../../state/uiStore';
import { sceneTitle } from './actions';
import { announce, doc, editor, fail, scene, t } from './context';
import { documentErrorText as errorText, type ErrorLike } from './errorText';


export function documentErrorText(error: ErrorLike, tr: TFn = t()): string {
  return errorText(error, tr);
}

export function download(filename: string, data: Blob) {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportJson() {
  const s = scene();
  const file = `prodviz-${s}.json`;
  download(
    file,
    new Blob([serializeDocument(s, doc().topologies[s])], { type: 'application/json' }),
  );
  announce(t()('editor.status.exported', { file }));
}

export async function exportImage(format: 'png' | 'svg') {
  const s = scene();
  const file = `prodviz-${s}.${format}`;
  try {
    const el = editor().flow?.viewportElement();
    if (!el) throw new Error('no canvas');
    const { renderImage } = await import('./imageExport');
    const blob = await renderImage(el, format);
    download(file, blob);
    announce(t()('editor.status.exported', { file }));
  } catch {
    fail(t()('editor.errors.imageFailed'));
  }
}

/**
 * Opens a document's text: refuses anything invalid with a message, changing nothing; asks
 * first when the scene it replaces holds work that is not safely saved.
 */
export async function importText(text: string): Promise<boolean> {
  const result = parseDocument(text, scene());
  if (!result.ok) {
    fail(documentErrorText(result.error));
    return false;
  }
  const { scene: target, topology } = result.document;
  if (!(await confirmReplace(target, 'import'))) {
    announce(t()('robust.replace.kept'));
    return false;
  }
  doc().replaceTopology(target, topology);
  if (scene() !== target) useUiStore.getState().setScene(target);
  editor().dismissError();
  announce(t()('editor.status.imported', { scene: sceneTitle(target) }));
  requestAnimationFrame(() => editor().flow?.fitView());
  return true;
}

export async function importFile(file: File) {
  // Refuse a huge file before reading it into memory.
  if (file.size > 1024 * 1024) {
    fail(documentErrorText({ code: 'too-large' }));
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    fail(t()('editor.errors.readFailed'));
    return;
  }
  await importText(text);
}

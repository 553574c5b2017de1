/**
 * What the editor's actions work on, read at the moment an action runs (not subscribed): the
 * language, the scene, the document, the editor's own store and its announcements.
 */
import type { SceneId } from '../../core/topology/types';
import { translator, type TFn } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { useEditorStore } from './editorStore';

export const t = (): TFn => translator(useUiStore.getState().lang);
export const scene = (): SceneId => useUiStore.getState().scene;
export const doc = () => useDocumentStore.getState();
export const editor = () => useEditorStore.getState();
export const announce = (text: string) => editor().announce(text);
export const fail = (text: string) => editor().fail(text);

import { create } from 'zustand';
import type { SceneId } from '../core/topology/types';
import { isSceneId } from '../core/topology/types';
import type { Lang } from '../i18n';
import { LANG_STORAGE_KEY } from '../i18n';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'prodviz.theme';

export interface UiState {
  lang: Lang;
  theme: Theme;
  scene: SceneId;
  /** The node the inspector shows. */
  selectedId: string | null;
  /** The explicit "animations" switch; prefers-reduced-motion is honoured on top of it. */
  animations: boolean;
  /** Which side panel tab is open (details, scaling, problems, configs, …). */
  sidePanel: string;
  setSidePanel: (id: string) => void;
  /** Presenter mode: editing chrome hidden, large type, nodes cannot be dragged. */
  presenting: boolean;
  /** The editing column (palette + edit toolbar) is unfolded. */
  editorOpen: boolean;
  setEditorOpen: (open: boolean) => void;
  setPresenting: (on: boolean) => void;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
  setScene: (scene: SceneId) => void;
  select: (id: string | null) => void;
  setAnimations: (on: boolean) => void;
}

function save(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage may be unavailable (private mode); the choice still holds for this visit */
  }
}

export function sceneFromSearch(search: string): SceneId {
  const s = new URLSearchParams(search).get('scene');
  return isSceneId(s) ? s : 'production';
}

export const EDITOR_STORAGE_KEY = 'prodviz.editor';

/** The editing column starts unfolded on wide screens, folded on a projector; a choice is kept. */
export function initialEditorOpen(): boolean {
  try {
    const saved = localStorage.getItem(EDITOR_STORAGE_KEY);
    if (saved === '1' || saved === '0') return saved === '1';
  } catch {
    /* ignore */
  }
  return typeof window !== 'undefined' && window.innerWidth >= 1600;
}

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* ignore */
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export const useUiStore = create<UiState>((set) => ({
  lang: 'en',
  theme: 'light',
  scene: 'production',
  selectedId: null,
  animations: true,
  sidePanel: 'details',
  setSidePanel: (sidePanel) => set({ sidePanel }),
  presenting: false,
  editorOpen: initialEditorOpen(),
  setEditorOpen: (editorOpen) => {
    save(EDITOR_STORAGE_KEY, editorOpen ? '1' : '0');
    set({ editorOpen });
  },
  setPresenting: (presenting) => set({ presenting }),
  setLang: (lang) => {
    save(LANG_STORAGE_KEY, lang);
    set({ lang });
  },
  setTheme: (theme) => {
    save(THEME_STORAGE_KEY, theme);
    set({ theme });
  },
  setScene: (scene) => set({ scene, selectedId: null }),
  select: (selectedId) => set(selectedId ? { selectedId, sidePanel: 'details' } : { selectedId }),
  setAnimations: (animations) => set({ animations }),
}));

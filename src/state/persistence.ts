/**
 * Autosave: each scene's topology is saved to localStorage as a versioned ProdViz document
 * (the same format as an exported file) whenever it changes, and read back on start.
 *
 * Failures never lose work: a saved document that cannot be read is kept aside under its
 * own key (and offered for download) instead of being dropped; a full or missing storage
 * raises a banner while the work stays on screen.
 */
import { create } from 'zustand';
import type { StoreApi, UseBoundStore } from 'zustand';
import { parseDocument, serializeDocument } from '../core/export/document';
import { SCENES } from '../core/topology/scenes';
import type { SceneId, Topology } from '../core/topology/types';
import { SCENE_IDS } from '../core/topology/types';

export const SAVE_KEY_PREFIX = 'prodviz.doc.';
export const saveKey = (scene: SceneId) => `${SAVE_KEY_PREFIX}${scene}`;
export const corruptKey = (scene: SceneId) => `${SAVE_KEY_PREFIX}${scene}.corrupt`;

export type StorageProblem = 'quota' | 'unavailable';

export interface PersistenceState {
  /** Set while saving fails; cleared by the next save that works. */
  storageError: StorageProblem | null;
  /** Saved text per scene that could not be read, kept aside for export. */
  corrupt: Partial<Record<SceneId, string>>;
  discardCorrupt: (scene: SceneId) => void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const usePersistenceStore = create<PersistenceState>((set) => ({
  storageError: null,
  corrupt: {},
  discardCorrupt: (scene) => {
    try {
      storage()?.removeItem(corruptKey(scene));
    } catch {
      /* nothing more to do: the copy is gone from the screen either way */
    }
    set((s) => {
      const corrupt = { ...s.corrupt };
      delete corrupt[scene];
      return { corrupt };
    });
  },
}));

/** Whether the browser holds saved work of its own for a scene. */
export function hasSavedWork(scene: SceneId): boolean {
  try {
    return storage()?.getItem(saveKey(scene)) != null;
  } catch {
    return false;
  }
}

/**
 * The topologies saved in this browser, by scene. A saved document that does not read is
 * moved aside (to `<key>.corrupt`) and reported in `corrupt`; the scene then starts from
 * its preset.
 */
export function readSavedTopologies(): Partial<Record<SceneId, Topology>> {
  const out: Partial<Record<SceneId, Topology>> = {};
  loadedAtStart = out;
  const store = storage();
  if (!store) return out;
  const corrupt: Partial<Record<SceneId, string>> = {};
  for (const scene of SCENE_IDS) {
    try {
      const text = store.getItem(saveKey(scene));
      if (text !== null) {
        const result = parseDocument(text, scene, { repair: true });
        if (result.ok) out[scene] = result.document.topology;
        else {
          corrupt[scene] = text;
          try {
            store.setItem(corruptKey(scene), text);
            store.removeItem(saveKey(scene));
          } catch {
            /* could not move it: leave it where it is, it is still reported below */
          }
        }
      }
      const aside = store.getItem(corruptKey(scene));
      if (aside !== null && corrupt[scene] === undefined) corrupt[scene] = aside;
    } catch {
      /* storage refused to be read: start from the preset */
    }
  }
  if (Object.keys(corrupt).length > 0) usePersistenceStore.setState({ corrupt });
  return out;
}

/** The topologies read from storage at start (same objects the document store starts with). */
let loadedAtStart: Partial<Record<SceneId, Topology>> = {};

/** Whether `topology` is exactly the saved one this scene started with (no edit since). */
export function isLoadedFromStorage(scene: SceneId, topology: Topology): boolean {
  return loadedAtStart[scene] === topology;
}

/**
 * Sets a scene's saved document aside (`<key>.corrupt`, offered for download like a save
 * that does not read), e.g. because it crashed the page when it was shown.
 */
export function setAsideSaved(scene: SceneId, topology: Topology) {
  const store = storage();
  let text: string | null = null;
  try {
    text = store?.getItem(saveKey(scene)) ?? null;
  } catch {
    /* unreadable storage: fall back to the topology itself */
  }
  text ??= serializeDocument(scene, topology);
  try {
    store?.setItem(corruptKey(scene), text);
    store?.removeItem(saveKey(scene));
  } catch {
    /* the copy stays offered below for this visit */
  }
  delete loadedAtStart[scene];
  usePersistenceStore.setState((s) => ({ corrupt: { ...s.corrupt, [scene]: text } }));
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException) && !(error instanceof Error)) return false;
  const e = error as DOMException;
  return (
    e.name === 'QuotaExceededError' ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    e.code === 22 ||
    e.code === 1014
  );
}

const presetText = new Map<SceneId, string>();
function preset(scene: SceneId): string {
  let text = presetText.get(scene);
  if (text === undefined) {
    text = serializeDocument(scene, SCENES[scene].topology, false);
    presetText.set(scene, text);
  }
  return text;
}

/** Saves one scene now. A scene equal to its preset is not stored (presets may improve later). */
export function saveScene(scene: SceneId, topology: Topology) {
  const store = storage();
  if (!store) {
    usePersistenceStore.setState({ storageError: 'unavailable' });
    return;
  }
  const text = serializeDocument(scene, topology, false);
  try {
    if (text === preset(scene)) store.removeItem(saveKey(scene));
    else store.setItem(saveKey(scene), text);
    if (usePersistenceStore.getState().storageError !== null)
      usePersistenceStore.setState({ storageError: null });
  } catch (error) {
    usePersistenceStore.setState({ storageError: isQuotaError(error) ? 'quota' : 'unavailable' });
  }
}

interface Saveable {
  topologies: Record<SceneId, Topology>;
}

/** Saves every scene whose topology changed, right after the change. */
export function attachAutosave<S extends Saveable>(store: UseBoundStore<StoreApi<S>>) {
  if (!storage()) {
    // Nothing this visit does will be saved: say so now, not after the first edit is lost.
    if (typeof window !== 'undefined') usePersistenceStore.setState({ storageError: 'unavailable' });
    return;
  }
  store.subscribe((state, prev) => {
    for (const scene of SCENE_IDS) {
      if (state.topologies[scene] !== prev.topologies[scene])
        saveScene(scene, state.topologies[scene]);
    }
  });
}

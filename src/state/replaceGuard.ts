/**
 * One question before any path replaces a scene's work — a share link, an import, a lesson,
 * a challenge, a live class: "is the work on screen safely saved?" If not (storage full or
 * unavailable, or edits that did not reach storage), the person is asked, whatever the path.
 *
 *   if (await confirmReplace(scene, 'challenge')) useDocumentStore.getState().replaceTopology(scene, t);
 *
 * or, in one call: `await replaceWork(scene, topology, 'challenge')`. The dialog lives in
 * ui/errors/ReplaceDialog.tsx (mounted once by App); with no dialog mounted (tests, scripts)
 * a pending question is answered by `answerReplace`.
 */
import { create } from 'zustand';
import { serializeDocument } from '../core/export/document';
import { SCENES } from '../core/topology/scenes';
import type { SceneId, Topology } from '../core/topology/types';
import { useDocumentStore } from './documentStore';
import { saveKey, usePersistenceStore } from './persistence';

export type ReplaceSource = 'link' | 'import' | 'lesson' | 'challenge' | 'live';
/** Why asking is needed: storage trouble, unsaved edits, or (when asked for) saved own work. */
export type ReplaceRisk = 'quota' | 'unavailable' | 'unsaved' | 'saved';

export interface ReplaceQuestion {
  scene: SceneId;
  source: ReplaceSource;
  risk: ReplaceRisk;
}

interface ReplaceState {
  pending: (ReplaceQuestion & { resolve: (ok: boolean) => void }) | null;
}

export const useReplaceStore = create<ReplaceState>(() => ({ pending: null }));

function savedText(scene: SceneId): string | null | 'unreadable' {
  try {
    return localStorage.getItem(saveKey(scene));
  } catch {
    return 'unreadable';
  }
}

/**
 * What replacing `scene` now would put at risk; null when nothing of the person's would be
 * lost (the scene is its preset and storage works). `saved` only when `askWhenSaved`.
 */
export function replaceRisk(scene: SceneId, askWhenSaved = false): ReplaceRisk | null {
  const current = useDocumentStore.getState().topologies[scene];
  const text = serializeDocument(scene, current, false);
  const preset = serializeDocument(scene, SCENES[scene].topology, false);
  const problem = usePersistenceStore.getState().storageError;
  if (text === preset) return null;
  if (problem) return problem;
  const saved = savedText(scene);
  if (saved === 'unreadable') return 'unavailable';
  if (saved !== text) return 'unsaved';
  return askWhenSaved ? 'saved' : null;
}

/**
 * Resolves true when the scene may be replaced: at once when its work is safe, else after
 * the person answered the dialog. Only one question at a time: a newer one answers an older
 * one "keep".
 */
export function confirmReplace(
  scene: SceneId,
  source: ReplaceSource,
  options: { askWhenSaved?: boolean } = {},
): Promise<boolean> {
  const risk = replaceRisk(scene, options.askWhenSaved ?? false);
  if (risk === null) return Promise.resolve(true);
  useReplaceStore.getState().pending?.resolve(false);
  return new Promise((resolve) => {
    useReplaceStore.setState({
      pending: {
        scene,
        source,
        risk,
        resolve: (ok) => {
          useReplaceStore.setState({ pending: null });
          resolve(ok);
        },
      },
    });
  });
}

/** Answers the open question (the dialog's buttons; tests). */
export function answerReplace(ok: boolean) {
  useReplaceStore.getState().pending?.resolve(ok);
}

/** Asks when needed, then replaces; resolves whether it did. */
export async function replaceWork(
  scene: SceneId,
  topology: Topology,
  source: ReplaceSource,
  options: { askWhenSaved?: boolean } = {},
): Promise<boolean> {
  if (!(await confirmReplace(scene, source, options))) return false;
  useDocumentStore.getState().replaceTopology(scene, topology);
  return true;
}

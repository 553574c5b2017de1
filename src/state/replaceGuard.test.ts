import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Guard from './replaceGuard';
import type * as Docs from './documentStore';
import type * as Persist from './persistence';

const map = new Map<string, string>();
let full = false;
const fake: Storage = {
  get length() {
    return map.size;
  },
  clear: () => map.clear(),
  getItem: (k) => map.get(k) ?? null,
  key: (i) => [...map.keys()][i] ?? null,
  removeItem: (k) => void map.delete(k),
  setItem: (k, v) => {
    if (full) throw new DOMException('full', 'QuotaExceededError');
    map.set(k, String(v));
  },
};

let guard: typeof Guard;
let docs: typeof Docs;
let persist: typeof Persist;

beforeAll(async () => {
  vi.stubGlobal('localStorage', fake);
  guard = await import('./replaceGuard');
  docs = await import('./documentStore');
  persist = await import('./persistence');
});
afterAll(() => vi.unstubAllGlobals());

describe('confirmReplace', () => {
  it('does not ask over a preset or over work that is saved', async () => {
    expect(await guard.confirmReplace('staging', 'import')).toBe(true);
    docs.useDocumentStore.getState().addNode('staging', { kind: 'redis', position: { x: 1, y: 1 } });
    expect(guard.replaceRisk('staging')).toBeNull();
    expect(guard.replaceRisk('staging', true)).toBe('saved');
  });

  it('asks when storage is full, and keeps the work when told to', async () => {
    full = true;
    docs.useDocumentStore.getState().addNode('local', { kind: 'redis', position: { x: 1, y: 1 } });
    expect(persist.usePersistenceStore.getState().storageError).toBe('quota');
    const before = docs.useDocumentStore.getState().topologies.local;
    const answer = guard.replaceWork('local', { nodes: [], edges: [] }, 'challenge');
    expect(guard.useReplaceStore.getState().pending).toMatchObject({ scene: 'local', source: 'challenge', risk: 'quota' });
    guard.answerReplace(false);
    expect(await answer).toBe(false);
    expect(docs.useDocumentStore.getState().topologies.local).toBe(before);
    full = false;
  });

  it('asks when the saved copy differs from the screen (edits that never reached storage)', async () => {
    persist.usePersistenceStore.setState({ storageError: null });
    docs.useDocumentStore.getState().addNode('development', { kind: 'redis', position: { x: 1, y: 1 } });
    map.set(persist.saveKey('development'), 'something older');
    const answer = guard.confirmReplace('development', 'lesson');
    expect(guard.useReplaceStore.getState().pending?.risk).toBe('unsaved');
    guard.answerReplace(true);
    expect(await answer).toBe(true);
  });
});

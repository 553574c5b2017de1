import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';
import { LABEL_KEYS } from './labelKeys';
import { SCENES } from './scenes';
import { SCENE_IDS } from './types';

const at = (table: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], table);

describe('the catalog of label keys', () => {
  it('names text that exists in Turkish and English', () => {
    for (const key of LABEL_KEYS) {
      expect(typeof at(en, key), key).toBe('string');
      expect(typeof at(tr, key), key).toBe('string');
    }
  });

  it('holds every label key a scene uses', () => {
    for (const id of SCENE_IDS)
      for (const node of SCENES[id].topology.nodes)
        if (node.labelKey !== undefined) expect(LABEL_KEYS).toContain(node.labelKey);
  });
});

import { describe, expect, it } from 'vitest';
import tr from '../i18n/tr.json';
import en from '../i18n/en.json';
import { SCENE_IDS } from '../core/topology/types';
import { bootSectionId, escapeHtml, firstViewMarkup, sceneSection } from './prerender';

describe('the prerendered first view', () => {
  const markup = firstViewMarkup({ tr, en });

  it('has every environment in both languages, each hidden until the boot script picks it', () => {
    for (const lang of ['tr', 'en'] as const) {
      for (const scene of SCENE_IDS) {
        const open = `<section class="inspector" id="${bootSectionId(scene, lang)}" lang="${lang}" hidden>`;
        expect(markup).toContain(open);
      }
    }
    expect(markup.match(/<section /g)).toHaveLength(SCENE_IDS.length * 2);
  });

  it("says what the side panel says (SceneInfo): title, purpose, who works there, what changed, the hint", () => {
    const section = sceneSection(tr, 'staging', 'tr');
    const texts = [...section.matchAll(/<(h2|h3|p)[^>]*>([^<]*)</g)].map((m) => m[2]);
    expect(texts).toEqual(
      [tr.scenes.staging.title, tr.scenes.staging.purpose, tr.sceneInfo.audience, tr.scenes.staging.audience, tr.sceneInfo.changes, tr.scenes.staging.changes, tr.sceneInfo.hint].map(escapeHtml),
    );
    // Turkish as written: the apostrophes are escaped, the letters are not.
    expect(section).toContain('deploy&#39;u');
    expect(section).toContain('ç');
  });

  it('escapes what HTML would read as markup', () => {
    expect(escapeHtml(`<b>"a" & 'b'</b>`)).toBe('&#60;b&#62;&#34;a&#34; &#38; &#39;b&#39;&#60;/b&#62;');
  });

  it('stops the build when a text is missing, instead of shipping an empty frame', () => {
    const broken = { ...en, scenes: { ...en.scenes, local: { ...en.scenes.local, purpose: '' } } };
    expect(() => firstViewMarkup({ tr, en: broken })).toThrow(/scenes\.local\.purpose/);
  });
});

/**
 * The first view, prerendered into index.html at build time (vite.config.ts): each
 * environment's "what it is for" text in both languages, laid out with the side panel's own
 * classes, so the first paint on a slow network already shows the words the app will show.
 * All sections start hidden; the boot script (bootScript.ts) reveals the one for the URL's
 * scene and the reader's language before the first paint. The app replaces the whole frame
 * when it renders (styles.css: `#root:not(:empty) + #boot`).
 */
import { SCENE_IDS, type SceneId } from '../core/topology/types';

export type Lang = 'tr' | 'en';
type Table = { readonly [key: string]: unknown };

/** `#boot-<scene>-<lang>`: what the boot script looks for. */
export function bootSectionId(scene: SceneId, lang: Lang): string {
  return `boot-${scene}-${lang}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(table: Table, path: string): string {
  let cur: unknown = table;
  for (const part of path.split('.')) cur = (cur as Table | undefined)?.[part];
  if (typeof cur !== 'string' || cur === '') throw new Error(`first view: no text for ${path}`);
  return escapeHtml(cur);
}

/** The scene's side-panel section, as SceneInfo.tsx renders it (same classes, same order). */
export function sceneSection(table: Table, scene: SceneId, lang: Lang): string {
  const t = (path: string) => text(table, path);
  return [
    `<section class="inspector" id="${bootSectionId(scene, lang)}" lang="${lang}" hidden>`,
    `<h2>${t(`scenes.${scene}.title`)}</h2>`,
    `<p class="inspector__lead">${t(`scenes.${scene}.purpose`)}</p>`,
    `<h3>${t('sceneInfo.audience')}</h3>`,
    `<p>${t(`scenes.${scene}.audience`)}</p>`,
    `<h3>${t('sceneInfo.changes')}</h3>`,
    `<p>${t(`scenes.${scene}.changes`)}</p>`,
    `<p class="inspector__hint">${t('sceneInfo.hint')}</p>`,
    '</section>',
  ].join('');
}

/** Every scene in both languages: the inside of index.html's `.boot__side`. */
export function firstViewMarkup(tables: Record<Lang, Table>): string {
  const out: string[] = [];
  for (const lang of ['tr', 'en'] as const) for (const scene of SCENE_IDS) out.push(sceneSection(tables[lang], scene, lang));
  return out.join('\n');
}

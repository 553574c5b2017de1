/**
 * The catalog of label keys: every i18n key a document may name a node by (`labelKey`).
 * A document naming any other key is refused on import (and the key dropped from saved
 * state), so document data never picks an arbitrary translation path — or an inherited
 * member such as `scenes.labels.valueOf`. A feature that adds a scene label adds it here;
 * a unit test checks each one exists, as text, in tr.json and en.json.
 */
export const LABEL_KEYS = [
  'scenes.labels.laptop',
  'scenes.labels.devServer',
  'scenes.labels.webServer',
  'scenes.labels.appServer',
  'scenes.labels.dbServer',
  /** An app server box while it drains (scaling.ts sets it; a page closed meanwhile saves it). */
  'scaling.drainingServer',
] as const;

export type LabelKey = (typeof LABEL_KEYS)[number];

export function isLabelKey(value: unknown): value is LabelKey {
  return typeof value === 'string' && (LABEL_KEYS as readonly string[]).includes(value);
}

/**
 * Every name a plain object inherits (`toString`, `valueOf`, `constructor`, `__proto__`, …)
 * plus `prototype`: never accepted as a key or an id that code may look up in an object.
 */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

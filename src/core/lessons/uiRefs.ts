/**
 * Lessons name the app's controls through the UI's own translation keys, never by hand:
 * "{{ui:sim.play}}" in a narration becomes whatever the Play button reads in the language
 * on screen ("Oynat" / "Play"). A renamed button then renames itself in every lesson.
 */

/** `{{ui:some.key}}` — a reference to a UI label by its i18n key. */
export const UI_REF = /\{\{ui:([a-zA-Z0-9_.]+)\}\}/g;

/** The keys a text refers to. */
export function uiRefs(text: string): string[] {
  return [...text.matchAll(UI_REF)].map((m) => m[1]!);
}

/** Replaces each `{{ui:key}}` with the label `lookup` gives (the key itself when it gives nothing). */
export function resolveUiRefs(text: string, lookup: (key: string) => string): string {
  return text.replace(UI_REF, (_, key: string) => lookup(key) || key);
}

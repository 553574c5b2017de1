import { useEffect } from 'react';
import { useClassroomStore } from '../../state/classroomStore';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';

/**
 * Highlights the nodes a lesson step names, with CSS alone: one rule picks them by React
 * Flow's data-id, so no canvas node re-renders. Emphasis, not fading: the step's nodes get a
 * thick pulsing outline and a halo; the others only lose their colour (text keeps its full
 * contrast, readable from the back row). The rule goes in a constructed stylesheet
 * (document.adoptedStyleSheets), not a <style> element, so it works under the strict
 * Content-Security-Policy of deploy/ (no inline styles); <html> carries
 * data-lesson-highlight with the ids shown.
 */
export function Highlight() {
  const ids = useClassroomStore((s) => s.highlight);
  const lessonOpen = useClassroomStore((s) => s.lessonId !== null);
  const scene = useUiStore((s) => s.scene);
  const nodes = useDocumentStore((s) => s.topologies[scene].nodes);
  const key = lessonOpen ? ids.join(' ') : '';
  // What sits inside a highlighted server box is part of the subject too: it keeps its colour.
  const inside = key
    ? nodes
        .filter((n) => n.parentId && ids.includes(n.parentId))
        .map((n) => n.id)
        .join(' ')
    : '';
  useEffect(() => {
    if (!key || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    const list = key.split(' ');
    const keep = [...list, ...inside.split(' ').filter(Boolean)];
    const sel = list.map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"]`);
    const not = keep.map((id) => `:not([data-id="${CSS.escape(id)}"])`).join('');
    const css = `
.react-flow__node-component${not} > .pv-node { filter: grayscale(0.85); box-shadow: none; }
${sel.join(',\n')} { z-index: 5 !important; }
${sel.map((s) => `${s} > *`).join(',\n')} { outline: 5px solid var(--lesson-hl, #f59e0b); outline-offset: 4px; border-radius: 12px; box-shadow: 0 0 0 10px color-mix(in srgb, var(--lesson-hl, #f59e0b) 22%, transparent), var(--shadow); animation: lesson-pulse 1.6s ease-in-out infinite; }
`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.documentElement.dataset.lessonHighlight = key;
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      delete document.documentElement.dataset.lessonHighlight;
    };
  }, [key, inside]);
  return null;
}

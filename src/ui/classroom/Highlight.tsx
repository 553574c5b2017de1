import { useEffect } from 'react';
import { useClassroomStore } from '../../state/classroomStore';

/**
 * Highlights the nodes a lesson step names, with CSS alone: one rule picks them by React
 * Flow's data-id and dims the rest, so no canvas node re-renders. The rule goes in a
 * constructed stylesheet (document.adoptedStyleSheets), not a <style> element, so it works
 * under the strict Content-Security-Policy of deploy/ (no inline styles); <html> carries
 * data-lesson-highlight with the ids shown.
 */
export function Highlight() {
  const ids = useClassroomStore((s) => s.highlight);
  const lessonOpen = useClassroomStore((s) => s.lessonId !== null);
  const key = lessonOpen ? ids.join(' ') : '';
  useEffect(() => {
    if (!key || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    const list = key.split(' ');
    const sel = list.map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"]`);
    const not = list.map((id) => `:not([data-id="${CSS.escape(id)}"])`).join('');
    const css = `
.react-flow__node${not} { opacity: 0.38; transition: opacity 0.25s; }
${sel.join(',\n')} { opacity: 1; z-index: 5 !important; }
${sel.map((s) => `${s} > *`).join(',\n')} { outline: 4px solid var(--lesson-hl, #f59e0b); outline-offset: 5px; border-radius: 12px; animation: lesson-pulse 1.6s ease-in-out infinite; }
`;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.documentElement.dataset.lessonHighlight = key;
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      delete document.documentElement.dataset.lessonHighlight;
    };
  }, [key]);
  return null;
}

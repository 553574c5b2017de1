import { useClassroomStore } from '../../state/classroomStore';

/**
 * Highlights the nodes a lesson step names, with CSS alone: one rule picks them by React
 * Flow's data-id and dims the rest, so no canvas node re-renders.
 */
export function Highlight() {
  const ids = useClassroomStore((s) => s.highlight);
  const lessonOpen = useClassroomStore((s) => s.lessonId !== null);
  if (!lessonOpen || ids.length === 0) return null;
  const sel = ids.map((id) => `.react-flow__node[data-id="${CSS.escape(id)}"]`);
  const not = ids.map((id) => `:not([data-id="${CSS.escape(id)}"])`).join('');
  const css = `
.react-flow__node${not} { opacity: 0.38; transition: opacity 0.25s; }
${sel.join(',\n')} { opacity: 1; z-index: 5 !important; }
${sel.map((s) => `${s} > *`).join(',\n')} { outline: 4px solid var(--lesson-hl, #f59e0b); outline-offset: 5px; border-radius: 12px; animation: lesson-pulse 1.6s ease-in-out infinite; }
`;
  return <style data-lesson-highlight={ids.join(' ')}>{css}</style>;
}

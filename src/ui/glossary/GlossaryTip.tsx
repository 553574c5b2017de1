import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { GlossaryTerm } from '../../core/lessons/types';
import { useUiStore } from '../../state/uiStore';
import { findTerm, glossaryNow, loadGlossary } from './glossaryData';
import './glossary.css';

interface Props {
  /** Glossary term id (src/content/glossary.json). */
  term: string;
  children: ReactNode;
  className?: string;
  /**
   * 'self': the wrapper itself takes keyboard focus (a metric in the toolbar).
   * 'node': inside a canvas node, the tip also shows while the node has keyboard focus, so
   * the canvas gains no extra tab stops.
   */
  focus?: 'self' | 'node';
}

/**
 * A metric or badge that explains itself from the glossary, on hover and on keyboard focus:
 * a role="tooltip" element the trigger points at with aria-describedby (WAI-ARIA tooltip
 * pattern); Escape hides it. The glossary loads on the first hover or focus.
 */
export function GlossaryTip({ term, children, className, focus = 'self' }: Props) {
  const lang = useUiStore((s) => s.lang);
  const id = useId();
  const ref = useRef<HTMLSpanElement>(null);
  const [open, setOpen] = useState(false);
  const [entry, setEntry] = useState<GlossaryTerm | null>(() => {
    const g = glossaryNow();
    return (g && findTerm(g, term)) ?? null;
  });
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  const show = () => {
    setOpen(true);
    if (!entry)
      loadGlossary().then(
        (g) => setEntry(findTerm(g, term) ?? null),
        () => undefined,
      );
  };
  const hide = () => setOpen(false);

  useEffect(() => {
    if (!open || !ref.current) return;
    // The wrapper may be an empty inline box around a positioned badge: measure the badge.
    const r = (ref.current.firstElementChild ?? ref.current).getBoundingClientRect();
    const width = Math.min(320, window.innerWidth - 16);
    setPos({ left: Math.max(8, Math.min(r.left, window.innerWidth - width - 8)), top: r.bottom + 6 });
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  // Inside a canvas node: follow the node's keyboard focus, and describe the node itself.
  useEffect(() => {
    if (focus !== 'node') return;
    const node = ref.current?.closest<HTMLElement>('.react-flow__node');
    if (!node) return;
    const onIn = (e: FocusEvent) => {
      if (e.target === node && node.matches(':focus-visible')) show();
    };
    const onOut = () => hide();
    node.addEventListener('focusin', onIn);
    node.addEventListener('focusout', onOut);
    return () => {
      node.removeEventListener('focusin', onIn);
      node.removeEventListener('focusout', onOut);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- show/hide only set state
  }, [focus]);

  const described = open && entry;
  useEffect(() => {
    if (focus !== 'node' || !described) return;
    const node = ref.current?.closest<HTMLElement>('.react-flow__node');
    if (!node) return;
    const before = node.getAttribute('aria-describedby');
    node.setAttribute('aria-describedby', [before, id].filter(Boolean).join(' '));
    return () => {
      if (before) node.setAttribute('aria-describedby', before);
      else node.removeAttribute('aria-describedby');
    };
  }, [described, focus, id]);

  return (
    <span
      ref={ref}
      className={`glossary-tip${className ? ` ${className}` : ''}`}
      tabIndex={focus === 'self' ? 0 : undefined}
      aria-describedby={focus === 'self' && described ? id : undefined}
      data-term={term}
      onPointerEnter={show}
      onPointerLeave={hide}
      onFocus={focus === 'self' ? show : undefined}
      onBlur={focus === 'self' ? hide : undefined}
    >
      {children}
      {described &&
        pos &&
        createPortal(
          <span role="tooltip" id={id} className="glossary-tooltip" style={{ left: pos.left, top: pos.top }}>
            <strong className="glossary-tooltip__term">{entry[lang].term}</strong> {entry[lang].def}
          </span>,
          document.body,
        )}
    </span>
  );
}

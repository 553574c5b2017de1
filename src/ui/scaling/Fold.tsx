import { createContext, useContext, useState, type ReactNode } from 'react';
import './fold.css';

/**
 * Folding sections for the long side-panel tabs (Scaling, Deploy): a heading whose button
 * opens and closes the section (the disclosure pattern: aria-expanded / aria-controls, so the
 * headings stay headings for a screen reader). The most used sections start open; what the
 * person opens or closes is remembered per panel (`prodviz.fold.<panel>`).
 */
interface Folds {
  panel: string;
  isOpen: (id: string) => boolean;
  toggle: (id: string) => void;
}

const FoldContext = createContext<Folds | null>(null);

function read(key: string): string[] | null {
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    return Array.isArray(raw) && raw.every((x) => typeof x === 'string') ? raw : null;
  } catch {
    return null;
  }
}

export function FoldProvider({
  panel,
  open,
  children,
}: {
  panel: string;
  open: string[];
  children: ReactNode;
}) {
  const key = `prodviz.fold.${panel}`;
  const [opened, setOpened] = useState<string[]>(() => read(key) ?? open);
  const value: Folds = {
    panel,
    isOpen: (id) => opened.includes(id),
    toggle: (id) =>
      setOpened((prev) => {
        const next = prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id];
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          /* storage refused: the sections stay as they are for this visit */
        }
        return next;
      }),
  };
  return <FoldContext.Provider value={value}>{children}</FoldContext.Provider>;
}

/** A section with a folding heading; `headingId` names the section (and keeps old label ids). */
export function Fold({
  id,
  headingId,
  title,
  className,
  children,
}: {
  id: string;
  headingId: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  const folds = useContext(FoldContext);
  const open = folds ? folds.isOpen(id) : true;
  const bodyId = `fold-${folds?.panel ?? 'x'}-${id}`;
  return (
    <section
      className={`fold${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      data-open={open}
    >
      <h3 className="fold__head" id={headingId}>
        <button
          type="button"
          className="fold__toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => folds?.toggle(id)}
        >
          <svg
            viewBox="0 0 12 12"
            width="12"
            height="12"
            aria-hidden="true"
            className="fold__chevron"
          >
            <path
              d="M4 2.5 7.5 6 4 9.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {title}
        </button>
      </h3>
      <div id={bodyId} className="fold__body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

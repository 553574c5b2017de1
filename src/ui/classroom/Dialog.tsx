import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  className?: string;
  closeLabel: string;
  children: ReactNode;
}

/**
 * A modal built on the native <dialog>: showModal() traps focus and makes the page inert,
 * Escape closes it, and focus goes back to the control that opened it.
 */
export function Dialog({ title, onClose, className, closeLabel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCloseEvent = () => close.current();
    dialog.addEventListener('close', onCloseEvent);
    return () => {
      dialog.removeEventListener('close', onCloseEvent);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`cls-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) e.currentTarget.close();
        }
      }}
    >
      <header className="cls-dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn btn--ghost cls-dialog__close" onClick={() => ref.current?.close()}>
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">{closeLabel}</span>
        </button>
      </header>
      <div className="cls-dialog__body">{children}</div>
    </dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { Lesson } from '../../core/lessons/types';
import { useClassroomStore } from '../../state/classroomStore';
import { useT } from '../useT';
import { stepBy } from './navigation';
import { exitFullscreen, fullscreenByUs, requestFullscreen } from './present';
import { openNotesWindow } from '../notes/protocol';
import { useUiStore } from '../../state/uiStore';

interface Props {
  lesson: Lesson;
  index: number;
  title: string;
  stepTitle: string;
  narration: string;
  /** "The notes say… / precisely…" under the narration (lesson steps with an aside). */
  aside?: string | null;
  action: string | null;
  atStart: boolean;
  atEnd: boolean;
  onExit: () => void;
}

/** The caption's share of the screen's height at most (issue 11: ≤ 22 % at 1280×720). */
const CAPTION_SHARE = 0.22;

const NEXT = new Set(['ArrowRight', 'ArrowDown', ' ', 'PageDown', 'Enter']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/**
 * Presenter mode: the caption bar with large type and the step counter, the keys a clicker
 * sends, a blank screen and a laser pointer. Keys are caught before anything else sees them
 * (capture phase), so Space or an arrow never plays the simulation or nudges a node.
 */
export function Presenter({ lesson, index, title, stepTitle, narration, aside, action, atStart, atEnd, onExit }: Props) {
  const t = useT();
  const blank = useClassroomStore((s) => s.blank);
  const laser = useClassroomStore((s) => s.laser);
  const dot = useRef<HTMLDivElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  // The notes window (N or the Notes button); a blocked pop-up is said, not silently ignored.
  const [notesBlocked, setNotesBlocked] = useState(false);
  const openNotes = () => setNotesBlocked(!openNotesWindow(useUiStore.getState().lang));
  // The caption keeps to ~22 % of the screen: the narration shows 3 lines, the aside 4 (the
  // full text is in the notes window and read out to a screen reader). When a step's text is
  // longer, a "More" button lets the teacher open the caption up for that step.
  const narrationRef = useRef<HTMLParagraphElement>(null);
  const asideRef = useRef<HTMLParagraphElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [clamped, setClamped] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const textKey = `${index}|${narration}|${aside ?? ''}`;
  const open = opened === textKey;
  useEffect(() => {
    if (open) return;
    const els = [narrationRef.current, asideRef.current].filter((el): el is HTMLParagraphElement => el !== null);
    const head = headRef.current;
    // Called once when observing starts, then on every size change (a resize, the fonts
    // arriving, a title that wraps): as many lines as fit under the title in 22 % of the height.
    const fit = () => {
      const section = head?.parentElement;
      if (!head || !section) return;
      const cs = getComputedStyle(section);
      const chrome = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) + 3;
      const room = Math.floor(window.innerHeight * CAPTION_SHARE) - 1 - head.offsetHeight - chrome;
      for (const el of els) {
        const line = parseFloat(getComputedStyle(el).lineHeight) || 30;
        el.style.setProperty('-webkit-line-clamp', String(Math.max(1, Math.floor(room / line))));
      }
      setClamped(els.some((el) => el.scrollHeight > el.clientHeight + 1));
    };
    const watch = new ResizeObserver(fit);
    for (const el of els) watch.observe(el);
    if (head) watch.observe(head);
    window.addEventListener('resize', fit);
    return () => {
      watch.disconnect();
      window.removeEventListener('resize', fit);
      for (const el of els) el.style.removeProperty('-webkit-line-clamp');
    };
  }, [textKey, open]);

  // Focus starts on the presenter's controls (not on a hidden top-bar button or the diagram).
  useEffect(() => {
    const el = document.activeElement;
    if (!el || el === document.body || !(el as HTMLElement).closest('.presenter')) {
      (next.current && !next.current.disabled ? next.current : document.querySelector<HTMLElement>('.presenter button:not(:disabled)'))?.focus();
    }
  }, []);
  const total = lesson.steps.length;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // A dialog over the stage (help) has the keys; Escape closes it, not presenter mode.
      if (document.querySelector('dialog[open]')) return;
      const c = useClassroomStore.getState();
      let handled = true;
      if (e.key === 'Escape') {
        if (c.blank) c.setBlank(false);
        else onExit();
      } else if (NEXT.has(e.key)) {
        if (c.blank) c.setBlank(false);
        else stepBy(lesson, 1);
      } else if (PREV.has(e.key)) {
        if (c.blank) c.setBlank(false);
        else stepBy(lesson, -1);
      } else if (e.key === 'Home') c.goTo(0);
      else if (e.key === 'End') c.goTo(total - 1);
      else if (e.key === 'f' || e.key === 'F') {
        if (document.fullscreenElement) exitFullscreen();
        else requestFullscreen();
      } else if (e.key === 'b' || e.key === 'B' || e.key === '.') c.setBlank(!c.blank);
      else if (e.key === 'k' || e.key === 'K') c.setLaser(!c.laser);
      else if (e.key === 'n' || e.key === 'N') setNotesBlocked(!openNotesWindow(useUiStore.getState().lang));
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [lesson, total, onExit]);

  // Leaving fullscreen with the browser's own Esc also leaves presenter mode (the browser
  // keeps that Esc to itself); leaving it with F does not.
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) return;
      // The flag is cleared here, when the browser reports the change, not when exitFullscreen's
      // promise settles (which can come first, and then F looked like the browser's Esc).
      if (fullscreenByUs.leaving) fullscreenByUs.leaving = false;
      else onExit();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [onExit]);

  // The laser dot follows the pointer without React: one style write per move.
  useEffect(() => {
    if (!laser) return;
    const move = (e: PointerEvent) => {
      const el = dot.current;
      if (el) el.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
    };
    window.addEventListener('pointermove', move);
    document.documentElement.classList.add('laser-on');
    return () => {
      window.removeEventListener('pointermove', move);
      document.documentElement.classList.remove('laser-on');
    };
  }, [laser]);

  return (
    <>
      <section className={`presenter${open ? ' presenter--open' : ''}`} role="region" aria-label={t('classroom.presenter.region')} aria-describedby="presenter-keys">
        <div ref={headRef} className="presenter__head">
          <h1 className="presenter__title">{stepTitle}</h1>
          <p className="presenter__lesson">{title}</p>
          <p className="presenter__counter">
            <span className="visually-hidden">{t('classroom.step')} </span>
            {index + 1} / {total}
          </p>
          <div className="presenter__nav">
            {(clamped || open) && (
              <button
                type="button"
                className="btn btn--ghost presenter__more"
                aria-expanded={open}
                title={t(open ? 'notes.lessTitle' : 'notes.moreTitle')}
                onClick={() => setOpened(open ? null : textKey)}
              >
                {t(open ? 'notes.less' : 'notes.more')}
              </button>
            )}
            <button
              type="button"
              className="btn btn--ghost presenter__notes"
              onClick={openNotes}
              title={t('notes.openTitle')}
              aria-keyshortcuts="N"
            >
              {t('notes.open')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={atStart}
              onClick={() => stepBy(lesson, -1)}
              aria-label={t('classroom.prev')}
              title={t('classroom.prev')}
              aria-keyshortcuts="ArrowLeft PageUp"
            >
              ←
            </button>
            <button
              ref={next}
              type="button"
              className="btn btn--primary"
              disabled={atEnd}
              onClick={() => stepBy(lesson, 1)}
              aria-label={t('classroom.next')}
              title={t('classroom.next')}
              aria-keyshortcuts="ArrowRight PageDown"
            >
              →
            </button>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={onExit}
              aria-label={t('classroom.presenter.exit')}
              title={t('classroom.presenter.exit')}
              aria-keyshortcuts="Escape"
            >
              ✕
            </button>
          </div>
        </div>
        <div className={`presenter__body${aside ? ' presenter__body--aside' : ''}`}>
          <p ref={narrationRef} className="presenter__narration" aria-live="polite">
            {narration}
            {action && (
              <>
                {' '}
                <span className="presenter__action">
                  <span aria-hidden="true">⚡ </span>
                  {action}
                </span>
              </>
            )}
          </p>
          {aside && (
            <p ref={asideRef} className="presenter__aside">
              {aside}
            </p>
          )}
        </div>
        <p id="presenter-keys" className="visually-hidden">
          {t('classroom.presenter.keys')}
        </p>
        {notesBlocked && (
          <p className="presenter__blocked" role="alert">
            {t('notes.blocked')}
          </p>
        )}
      </section>
      {laser && <div ref={dot} className="laser-dot" aria-hidden="true" />}
      {blank && (
        <div className="presenter-blank" role="status">
          <span className="visually-hidden">{t('classroom.presenter.blanked')}</span>
        </div>
      )}
    </>
  );
}

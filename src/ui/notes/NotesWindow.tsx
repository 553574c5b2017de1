import { useEffect, useRef, useState } from 'react';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { formatElapsed, isStageMessage, openChannel, type NotesMessage, type NotesState } from './protocol';
import './notes.css';

type Link = 'waiting' | 'live' | 'ended';

/** Elapsed time since presenting started; ticks once a second on its own (the rest stays still). */
function Timer({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <>{formatElapsed(now - startedAt)}</>;
}

/**
 * The presenter notes window (`?notes=1`), on the teacher's laptop while the projector shows
 * the stage: this step's title, narration and aside, the next step, a timer, Prev / Next.
 * It follows the stage over a BroadcastChannel and moves it; ← → PageUp PageDown work here too.
 */
export default function NotesWindow() {
  const t = useT();
  const [state, setState] = useState<NotesState | null>(null);
  const [link, setLink] = useState<Link>(() => (typeof BroadcastChannel === 'undefined' ? 'ended' : 'waiting'));
  const channel = useRef<BroadcastChannel | null>(null);
  const send = (m: NotesMessage) => {
    try {
      channel.current?.postMessage(m);
    } catch {
      /* closed */
    }
  };
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });

  useEffect(() => {
    const ch = openChannel();
    channel.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent) => {
      const m: unknown = e.data;
      if (!isStageMessage(m)) return;
      if (m.type === 'ended') setLink('ended');
      else {
        setState(m.state);
        setLink('live');
        if (m.state.lang !== useUiStore.getState().lang) useUiStore.setState({ lang: m.state.lang });
      }
    };
    ch.postMessage({ type: 'hello' } satisfies NotesMessage);
    return () => {
      ch.close();
      channel.current = null;
    };
  }, []);

  useEffect(() => {
    const ui = useUiStore.getState();
    document.documentElement.lang = ui.lang;
    document.documentElement.dataset.theme = ui.theme;
  });

  useEffect(() => {
    document.title = state ? `${t('notes.title')} · ${state.stepTitle}` : t('notes.title');
  }, [state, t]);

  // A clicker plugged into the laptop drives the stage from here.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') sendRef.current({ type: 'nav', dir: 1 });
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') sendRef.current({ type: 'nav', dir: -1 });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const live = link === 'live' && state !== null;
  return (
    <main className="notes" aria-labelledby="notes-title">
      <header className="notes__head">
        <h1 id="notes-title" className="notes__brand">
          {t('notes.title')}
        </h1>
        {state && (
          <p className="notes__where">
            {state.lesson} · <span className="visually-hidden">{t('classroom.step')} </span>
            {state.index + 1} / {state.total}
          </p>
        )}
        <div className="notes__timer">
          <span className="notes__timer-label" id="notes-timer-label">
            {t('notes.elapsed')}
          </span>
          <span role="timer" aria-labelledby="notes-timer-label" className="notes__clock">
            {state ? <Timer startedAt={state.startedAt} /> : '0:00'}
          </span>
          <button type="button" className="btn" disabled={!live} onClick={() => send({ type: 'resetTimer' })}>
            {t('notes.resetTimer')}
          </button>
        </div>
      </header>

      <p className="notes__status" role="status">
        {link === 'ended' ? t('notes.ended') : link === 'waiting' ? t('notes.waiting') : ''}
      </p>

      {state && (
        <div className={`notes__body${live ? '' : ' notes__body--stale'}`}>
          <section className="notes__now" aria-labelledby="notes-now">
            <h2 id="notes-now" className="notes__label">
              {t('notes.now')}
            </h2>
            <p className="notes__step" aria-live="polite">
              {state.stepTitle}
            </p>
            <p className="notes__narration">{state.narration}</p>
            {state.action && (
              <p className="notes__action">
                <span aria-hidden="true">⚡ </span>
                {state.action}
              </p>
            )}
            {state.aside && (
              <aside className="notes__aside" aria-label={t('learn.aside')}>
                <p>{state.aside}</p>
              </aside>
            )}
          </section>
          <section className="notes__next" aria-labelledby="notes-next">
            <h2 id="notes-next" className="notes__label">
              {state.next?.lesson ? t('notes.nextLesson') : t('notes.next')}
            </h2>
            <p className="notes__next-title">{state.next ? state.next.title : t('notes.theEnd')}</p>
          </section>
        </div>
      )}

      <nav className="notes__nav" aria-label={t('notes.controls')}>
        <button
          type="button"
          className="btn"
          disabled={!live || state.atStart}
          onClick={() => send({ type: 'nav', dir: -1 })}
          aria-keyshortcuts="ArrowLeft PageUp"
        >
          <span aria-hidden="true">←</span> {t('classroom.prev')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!live || state.atEnd}
          onClick={() => send({ type: 'nav', dir: 1 })}
          aria-keyshortcuts="ArrowRight PageDown"
        >
          {t('classroom.next')} <span aria-hidden="true">→</span>
        </button>
      </nav>
    </main>
  );
}

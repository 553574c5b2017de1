import { useEffect, useId, useMemo, useState } from 'react';
import { formatCode, TIMER_CHOICES } from '../../core/live/protocol';
import type { Quiz, QuizQuestion } from '../../core/lessons/types';
import { useLiveStore } from '../../state/liveStore';
import { ask, closeClass, endClass, exportClass, kick, startClass } from '../../state/liveSession';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { loadQuiz } from '../classroom/lessonData';
import { useT } from '../useT';
import { QrCode } from './QrCode';
import { joinLink } from './links';
import { useShallow } from 'zustand/react/shallow';

/** The teacher's live-class panel: start, code/link/QR, students, ask, end, export. */
export function TeacherPanel() {
  const t = useT();
  const { role, status, code, ended, error } = useLiveStore(
    useShallow((s) => ({ role: s.role, status: s.status, code: s.code, ended: s.ended, error: s.error })),
  );
  const titleId = useId();
  return (
    <section id="live-panel" className="live-panel" role="region" aria-labelledby={titleId}>
      <header className="live-panel__head">
        <h2 id={titleId}>{t('live.panel.title')}</h2>
        <button type="button" className="btn btn--ghost" onClick={() => useLiveStore.getState().closePanel()}>
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">{t('live.panel.close')}</span>
        </button>
      </header>
      {status === 'unreachable' && (
        <p role="alert" className="live-alert">
          {t('live.panel.unreachable')}
        </p>
      )}
      {error === 'rate-limited' && role === 'none' && (
        <p role="alert" className="live-alert">
          {t('live.error.rate-limited')}
        </p>
      )}
      {role === 'none' && (
        <>
          <p className="live-panel__intro">{t('live.panel.intro')}</p>
          <button type="button" className="btn btn--primary" disabled={status === 'starting'} onClick={() => void startClass()}>
            {status === 'starting' ? t('live.panel.starting') : t('live.panel.start')}
          </button>
        </>
      )}
      {role === 'teacher' && code && (
        <>
          <ConnectionLine />
          <JoinInfo code={code} />
          <Students />
          {ended ? <Finished /> : <AskForm />}
          {!ended && (
            <button type="button" className="btn live-panel__end" onClick={() => endClass()}>
              {t('live.panel.end')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ConnectionLine() {
  const t = useT();
  const status = useLiveStore((s) => s.status);
  if (status === 'unreachable') return null;
  const text = status === 'online' ? t('live.panel.online') : status === 'offline' ? t('live.panel.offline') : t('live.panel.connecting');
  return (
    <p className={`live-conn live-conn--${status}`} role="status">
      <span className="live-conn__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function JoinInfo({ code }: { code: string }) {
  const t = useT();
  const link = joinLink(code);
  const [copied, setCopied] = useState(false);
  const linkId = useId();
  return (
    <div className="live-join">
      <div className="live-join__text">
        <p className="live-join__label">{t('live.panel.code')}</p>
        <p className="live-join__code" aria-label={`${t('live.panel.code')} ${code}`}>
          {formatCode(code)}
        </p>
        <label className="live-join__label" htmlFor={linkId}>
          {t('live.panel.link')}
        </label>
        <input id={linkId} className="live-join__link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="btn"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => undefined,
            );
          }}
        >
          {copied ? t('live.panel.copied') : t('live.panel.copy')}
        </button>
      </div>
      <QrCode text={link} label={t('live.panel.qr')} />
    </div>
  );
}

function Students() {
  const t = useT();
  const students = useLiveStore((s) => s.students);
  const n = students.length;
  return (
    <div className="live-students">
      <h3 className="live-students__count">{n === 1 ? t('live.panel.student1') : t('live.panel.students', { n })}</h3>
      {n === 0 ? (
        <p className="live-muted">{t('live.panel.noStudents')}</p>
      ) : (
        <ul className="live-students__list">
          {students.map((s) => (
            <li key={s.sid}>
              <span>{s.nick}</span>
              <button type="button" className="btn btn--ghost live-students__remove" aria-label={t('live.panel.remove', { nick: s.nick })} title={t('live.panel.remove', { nick: s.nick })} onClick={() => kick(s.sid)}>
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AskForm() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const lessonId = useClassroomStore((s) => s.lessonId);
  const [quiz, setQuiz] = useState<Quiz | null>(null);
  const [choice, setChoice] = useState('');
  const [timer, setTimer] = useState(0);
  const qId = useId();
  const tId = useId();
  useEffect(() => {
    let live = true;
    loadQuiz().then(
      (q) => live && setQuiz(q),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const [mine, rest] = useMemo(() => {
    const qs = quiz?.questions ?? [];
    return [qs.filter((q) => q.section === lessonId), qs.filter((q) => q.section !== lessonId)];
  }, [quiz, lessonId]);
  const selected: QuizQuestion | undefined = (quiz?.questions ?? []).find((q) => q.id === choice) ?? mine[0] ?? rest[0];
  const opt = (q: QuizQuestion) => (
    <option key={q.id} value={q.id}>
      {q.prompt[lang]}
    </option>
  );
  return (
    <form
      className="live-ask"
      onSubmit={(e) => {
        e.preventDefault();
        if (!selected) return;
        ask({ prompt: selected.prompt, choices: selected.choices, correct: selected.answer, source: selected.id }, timer);
      }}
    >
      <h3>{t('live.panel.ask')}</h3>
      <label htmlFor={qId}>{t('live.panel.question')}</label>
      <select id={qId} value={selected?.id ?? ''} onChange={(e) => setChoice(e.target.value)} disabled={!quiz}>
        {mine.length > 0 && <optgroup label={t('live.panel.thisLesson')}>{mine.map(opt)}</optgroup>}
        <optgroup label={t('live.panel.allQuestions')}>{rest.map(opt)}</optgroup>
      </select>
      <label htmlFor={tId}>{t('live.panel.timer')}</label>
      <select id={tId} value={timer} onChange={(e) => setTimer(Number(e.target.value))}>
        {TIMER_CHOICES.map((s) => (
          <option key={s} value={s}>
            {s === 0 ? t('live.panel.noTimer') : t('live.panel.seconds', { n: s })}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn--primary" disabled={!selected}>
        {t('live.panel.ask')}
      </button>
    </form>
  );
}

export function Leaderboard() {
  const t = useT();
  const rows = useLiveStore((s) => s.leaderboard) ?? [];
  return (
    <div className="live-board">
      <h3>{t('live.panel.leaderboard')}</h3>
      <ol>
        {rows.map((r, i) => (
          <li key={`${r.nick}-${i}`}>
            <span className="live-board__nick">{r.nick}</span>
            <span className="live-board__score">{t('live.panel.right', { right: r.right, answered: r.answered })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Finished() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [failed, setFailed] = useState(false);
  const run = (kind: 'csv' | 'json') => void exportClass(kind, lang).then((ok) => setFailed(!ok));
  return (
    <div className="live-finished">
      <p role="status">{t('live.panel.ended')}</p>
      <Leaderboard />
      {failed && (
        <p role="alert" className="live-alert">
          {t('live.panel.exportFailed')}
        </p>
      )}
      <div className="live-row">
        <button type="button" className="btn" onClick={() => run('csv')}>
          {t('live.panel.exportCsv')}
        </button>
        <button type="button" className="btn" onClick={() => run('json')}>
          {t('live.panel.exportJson')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => closeClass()}>
          {t('live.panel.closeClass')}
        </button>
      </div>
    </div>
  );
}

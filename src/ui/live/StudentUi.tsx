import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCode } from '../../core/live/protocol';
import { useLiveStore } from '../../state/liveStore';
import { answer, chooseNick, dismissQuestion, follow } from '../../state/liveSession';
import { useUiStore } from '../../state/uiStore';
import type { TKey } from '../../i18n';
import { Dialog } from '../classroom/Dialog';
import { useT } from '../useT';
import { Leaderboard } from './TeacherPanel';
import { useCountdown } from './useCountdown';

const DENIED: Record<string, TKey> = {
  removed: 'live.student.removed',
  'not-found': 'live.student.notFound',
  ended: 'live.student.ended',
  'rate-limited': 'live.student.limited',
  full: 'live.student.full',
};

/** A student's view of the live class: status bar, nickname, the question dialog. */
export function StudentUi() {
  const status = useLiveStore((s) => s.status);
  const nick = useLiveStore((s) => s.nick);
  const ended = useLiveStore((s) => s.ended);
  const [askNick, setAskNick] = useState(true);
  return (
    <div className="live-ui">
      <StudentBar onJoin={() => setAskNick(true)} />
      {!nick && askNick && status === 'online' && !ended && <NickDialog onClose={() => setAskNick(false)} />}
      {nick && !ended && <QuestionDialog />}
    </div>
  );
}

function StudentBar({ onJoin }: { onJoin: () => void }) {
  const t = useT();
  const { status, denied, code, nick, following, ended, error } = useLiveStore(
    useShallow((s) => ({ status: s.status, denied: s.denied, code: s.code, nick: s.nick, following: s.following, ended: s.ended, error: s.error })),
  );
  const label = t('live.student.region');
  if (status === 'denied') {
    return (
      <section className="live-bar live-bar--denied" role="region" aria-label={label}>
        <p role="alert">{t(DENIED[denied ?? ''] ?? 'live.student.denied')}</p>
      </section>
    );
  }
  return (
    <section className="live-bar" role="region" aria-label={label}>
      {status === 'unreachable' ? (
        <p role="alert" className="live-alert">
          {t('live.panel.unreachable')}
        </p>
      ) : status === 'offline' ? (
        <p role="status" className="live-bar__status live-bar__status--off">
          {t('live.panel.offline')}
        </p>
      ) : status === 'online' ? (
        ended ? (
          <p role="status" className="live-bar__status">
            {t('live.student.ended')}
          </p>
        ) : (
          <p role="status" className={`live-bar__status${following ? ' live-bar__status--follow' : ''}`}>
            {following ? t('live.student.status') : t('live.student.own')}
          </p>
        )
      ) : (
        <p role="status" className="live-bar__status">
          {t('live.panel.connecting')}
        </p>
      )}
      {status === 'online' && !following && !ended && (
        <button type="button" className="btn btn--primary" onClick={() => follow()}>
          {t('live.student.followAgain')}
        </button>
      )}
      {code && <span className="live-bar__code">{formatCode(code)}</span>}
      {nick ? (
        <span className="live-bar__nick">{t('live.student.joined', { nick })}</span>
      ) : (
        status === 'online' &&
        !ended && (
          <button type="button" className="btn" onClick={onJoin}>
            {t('live.student.join')}
          </button>
        )
      )}
      {error && error !== 'removed' && (
        <p role="alert" className="live-alert">
          {t(`live.error.${error}` as TKey)}
        </p>
      )}
      {ended && <Leaderboard />}
    </section>
  );
}

function NickDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const id = useId();
  const hint = useId();
  return (
    <Dialog title={t('live.student.joinTitle')} onClose={onClose} closeLabel={t('live.panel.close')} className="live-dialog">
      <form
        className="live-nick"
        onSubmit={(e) => {
          e.preventDefault();
          if (chooseNick(value)) onClose();
        }}
      >
        <label htmlFor={id}>{t('live.student.nick')}</label>
        <input id={id} value={value} maxLength={24} autoComplete="nickname" required aria-describedby={hint} autoFocus onChange={(e) => setValue(e.target.value)} />
        <p id={hint} className="live-muted">
          {t('live.student.nickHint')}
        </p>
        <button type="submit" className="btn btn--primary">
          {t('live.student.join')}
        </button>
      </form>
    </Dialog>
  );
}

function QuestionDialog() {
  const q = useLiveStore((s) => s.question);
  const dismissed = useLiveStore((s) => s.dismissed);
  if (!q || dismissed === q.id) return null;
  return <QuestionBody key={q.id} />;
}

function QuestionBody() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const q = useLiveStore((s) => s.question)!;
  const mine = useLiveStore((s) => s.myAnswers[s.question?.id ?? '']);
  const [picked, setPicked] = useState<number | null>(null);
  const left = useCountdown(q);
  const name = useId();
  const answered = mine !== undefined;
  const closed = left === 0;
  const right = q.correct !== undefined ? q.choices[q.correct]?.[lang] ?? '' : '';
  return (
    <Dialog title={q.prompt[lang]} onClose={() => dismissQuestion(q.id)} closeLabel={t('live.panel.close')} className="live-dialog">
      <form
        className="live-answer"
        onSubmit={(e) => {
          e.preventDefault();
          if (picked !== null && !answered) answer(q.id, picked);
        }}
      >
        <fieldset disabled={answered || q.revealed || closed}>
          <legend className="visually-hidden">{q.prompt[lang]}</legend>
          {q.choices.map((c, i) => (
            <label key={i} className={`live-answer__choice${q.revealed && i === q.correct ? ' live-answer__choice--right' : ''}`}>
              <input type="radio" name={name} value={i} checked={(answered ? mine : picked) === i} onChange={() => setPicked(i)} />
              <span>{c[lang]}</span>
            </label>
          ))}
        </fieldset>
        {left !== null && !answered && <p className="live-question__timer">{left > 0 ? t('live.panel.timeLeft', { n: left }) : t('live.panel.timeUp')}</p>}
        {!answered && !q.revealed && !closed && (
          <button type="submit" className="btn btn--primary" disabled={picked === null}>
            {t('live.student.answer')}
          </button>
        )}
        <p role="status" className="live-answer__feedback">
          {q.revealed
            ? !answered
              ? t('live.student.missed', { answer: right })
              : mine === q.correct
                ? t('live.student.right')
                : t('live.student.wrong', { answer: right })
            : answered
              ? t('live.student.sent')
              : ''}
        </p>
      </form>
    </Dialog>
  );
}

import { useState } from 'react';
import { useLiveStore } from '../../state/liveStore';
import { reveal } from '../../state/liveSession';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { useCountdown } from './useCountdown';

/**
 * The question on the projector (teacher): "N / M answered" live, Reveal, then the
 * distribution with the right answer marked. Stays visible in presenter mode.
 */
export function ClassQuestion() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const q = useLiveStore((s) => s.question);
  const total = useLiveStore((s) => s.students.length);
  const [hidden, setHidden] = useState<string | null>(null);
  const left = useCountdown(q);
  if (!q || hidden === q.id) return null;
  const counts = q.counts ?? [];
  const max = Math.max(1, ...counts);
  return (
    <section className="live-question" role="region" aria-label={t('live.panel.questionRegion')}>
      <h2 className="live-question__prompt">{q.prompt[lang]}</h2>
      <ol className="live-question__choices">
        {q.choices.map((c, i) => {
          const right = q.revealed && i === q.correct;
          return (
            <li key={i} className={`live-question__choice${right ? ' live-question__choice--right' : ''}`}>
              <span className="live-question__text">
                {c[lang]}
                {right && <span className="live-question__tag"> ✓ {t('live.panel.correct')}</span>}
              </span>
              {q.revealed && (
                <span className="live-question__bar">
                  <span className="live-question__fill" style={{ width: `${((counts[i] ?? 0) / max) * 100}%` }} />
                  <span className="live-question__n">{t('live.panel.votes', { n: counts[i] ?? 0 })}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <footer className="live-question__foot">
        <p className="live-question__count" role="status">
          {t('live.panel.answered', { n: q.answered, m: total })}
        </p>
        {left !== null && <p className="live-question__timer">{left > 0 ? t('live.panel.timeLeft', { n: left }) : t('live.panel.timeUp')}</p>}
        {!q.revealed && (
          <button type="button" className="btn btn--primary" onClick={() => reveal()}>
            {t('live.panel.reveal')}
          </button>
        )}
        <button type="button" className="btn btn--ghost" onClick={() => setHidden(q.id)}>
          {t('live.panel.hide')}
        </button>
      </footer>
    </section>
  );
}

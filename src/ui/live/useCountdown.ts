import { useEffect, useState } from 'react';
import type { QuestionState } from '../../core/live/protocol';
import { useLiveStore } from '../../state/liveStore';

/**
 * Seconds left on the question's timer, counted from when this screen first saw the question
 * (so a student's clock that is off does not matter); null without a timer or once revealed.
 */
export function useCountdown(q: QuestionState | null): number | null {
  const seenAt = useLiveStore((s) => s.questionSeenAt);
  const [now, setNow] = useState(() => Date.now());
  const timer = q && !q.revealed && q.timerS ? q.timerS : 0;
  useEffect(() => {
    if (!timer) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [timer, q?.id]);
  if (!timer) return null;
  return Math.min(timer, Math.max(0, Math.ceil(timer - (now - seenAt) / 1000)));
}

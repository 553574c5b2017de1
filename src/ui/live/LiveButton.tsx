import { useT } from '../useT';
import { useLiveStore } from '../../state/liveStore';

const LiveIcon = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <circle cx="12" cy="12" r="2.5" />
    <path d="M7.8 16.2a6 6 0 0 1 0-8.4M16.2 7.8a6 6 0 0 1 0 8.4M5 19a10 10 0 0 1 0-14M19 5a10 10 0 0 1 0 14" />
  </svg>
);

/** "Live class" in the top bar: opens the teacher's panel (a dot while a class is on). */
export function LiveButton() {
  const t = useT();
  const open = useLiveStore((s) => s.panelOpen);
  const on = useLiveStore((s) => s.role === 'teacher' && s.status === 'online');
  const student = useLiveStore((s) => s.role === 'student');
  if (student) return null;
  return (
    <button
      type="button"
      className={`btn cls-btn--fold live-btn${on ? ' live-btn--on' : ''}`}
      title={t('live.button')}
      aria-expanded={open}
      aria-controls="live-panel"
      onClick={() => useLiveStore.getState().togglePanel()}
    >
      <LiveIcon />
      <span className="cls-btn__label">{t('live.button')}</span>
    </button>
  );
}

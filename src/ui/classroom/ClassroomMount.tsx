import { lazy, Suspense, useEffect } from 'react';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { useT } from '../useT';
import { applyUpdate } from './updateHandle';
import './classroom-eager.css';

// Lessons, presenter mode and the quiz load on first use, not with the first paint.
const ClassroomRoot = lazy(() => import('./ClassroomRoot'));

/** Mounted once in App: the classroom's dialogs and overlays, and the offline/update prompt. */
export function ClassroomMount() {
  const active = useClassroomStore(
    (s) => s.lessonsOpen || s.quizOpen || s.lessonId !== null || s.glossaryOpen || s.interviewOpen,
  );
  const presenting = useUiStore((s) => s.presenting);
  const updateReady = useClassroomStore((s) => s.updateReady);

  useEffect(() => {
    // The service worker registers after the page has loaded, so it never competes with first paint.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const register = () => void import('./pwa').then((m) => m.registerServiceWorker());
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  }, []);

  return (
    <>
      {(active || presenting) && (
        <Suspense fallback={null}>
          <ClassroomRoot />
        </Suspense>
      )}
      {updateReady && <UpdatePrompt />}
    </>
  );
}

function UpdatePrompt() {
  const t = useT();
  return (
    <div className="update-prompt" role="alert">
      <span>{t('classroom.update.ready')}</span>
      <button type="button" className="btn btn--primary" onClick={() => applyUpdate()}>
        {t('classroom.update.reload')}
      </button>
      <button type="button" className="btn" onClick={() => useClassroomStore.getState().setUpdateReady(false)}>
        {t('classroom.update.later')}
      </button>
    </div>
  );
}

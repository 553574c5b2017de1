import { useEffect } from 'react';
import { joinCodeFromSearch, useLiveStore } from '../../state/liveStore';
import { init } from '../../state/liveSession';
import { TeacherPanel } from './TeacherPanel';
import { ClassQuestion } from './ClassQuestion';
import { StudentUi } from './StudentUi';
import './live.css';

/** The live class's UI (loaded on demand): the teacher's panel and question card, or the student's bar. */
export default function LiveRoot() {
  const role = useLiveStore((s) => s.role);
  const panelOpen = useLiveStore((s) => s.panelOpen);
  useEffect(() => {
    init(joinCodeFromSearch(location.search));
  }, []);
  if (role === 'student') return <StudentUi />;
  return (
    <div className="live-ui">
      {panelOpen && <TeacherPanel />}
      {role === 'teacher' && <ClassQuestion />}
    </div>
  );
}

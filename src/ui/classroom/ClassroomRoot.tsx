import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { LessonsDialog } from './LessonsDialog';
import { LessonPlayer } from './LessonPlayer';
import { QuizDialog } from './QuizDialog';
import { Highlight } from './Highlight';
import { InterviewView } from './InterviewView';
import { GlossaryDialog } from '../glossary/GlossaryDialog';
import { StageLink } from '../notes/StageLink';
import './classroom.css';
import './learn.css';

/** Everything of the classroom that is not needed for the first paint. */
export default function ClassroomRoot() {
  const lessonsOpen = useClassroomStore((s) => s.lessonsOpen);
  const quizOpen = useClassroomStore((s) => s.quizOpen);
  const lessonId = useClassroomStore((s) => s.lessonId);
  const glossaryOpen = useClassroomStore((s) => s.glossaryOpen);
  const interviewOpen = useClassroomStore((s) => s.interviewOpen);
  const presenting = useUiStore((s) => s.presenting);
  return (
    <>
      {presenting && lessonId && <StageLink />}
      {lessonId && <LessonPlayer key={lessonId} lessonId={lessonId} presenting={presenting} />}
      <Highlight />
      {lessonsOpen && <LessonsDialog />}
      {quizOpen && <QuizDialog />}
      {interviewOpen && <InterviewView />}
      {glossaryOpen && <GlossaryDialog />}
    </>
  );
}

import { useClassroomStore } from '../../state/classroomStore';
import { Dialog } from '../classroom/Dialog';
import { useT } from '../useT';
import { GlossaryList } from './GlossaryView';

/** The glossary as a dialog (opened from the Lessons and Quiz dialogs; Help embeds GlossaryList). */
export function GlossaryDialog() {
  const t = useT();
  return (
    <Dialog
      title={t('glossary.title')}
      onClose={() => useClassroomStore.getState().closeGlossary()}
      className="glossary-dialog"
      closeLabel={t('classroom.close')}
    >
      <GlossaryList />
    </Dialog>
  );
}

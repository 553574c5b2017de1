import { useEffect, useRef } from 'react';
import { useClassroomStore } from '../../state/classroomStore';
import { useUiStore } from '../../state/uiStore';
import { loadLesson, neighbour } from '../classroom/lessonData';
import { stepBy } from '../classroom/navigation';
import { useT } from '../useT';
import { notesState } from './notesModel';
import { isNotesMessage, openChannel, type NotesState, type StageMessage } from './protocol';

function send(ch: BroadcastChannel | null, m: StageMessage) {
  try {
    ch?.postMessage(m);
  } catch {
    /* the channel closed under us: nothing to tell */
  }
}

/**
 * The stage's end of the presenter notes link, mounted while presenting: it tells the notes
 * window what is on screen (and the next step) whenever that changes, moves the stage when
 * the notes window asks, and says "ended" when presenting stops or the page goes away.
 * The timer starts when presenting starts; the notes window can reset it.
 */
export function StageLink() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const lessonId = useClassroomStore((s) => s.lessonId);
  const step = useClassroomStore((s) => s.step);
  const predicting = useClassroomStore((s) => s.predicting);
  const channel = useRef<BroadcastChannel | null>(null);
  const startedAt = useRef(0);
  const last = useRef<NotesState | null>(null);
  // The latest publish function, for the channel's listener (set up once).
  const publish = useRef<() => void>(() => {});

  useEffect(() => {
    let live = true;
    if (startedAt.current === 0) startedAt.current = Date.now();
    publish.current = () => {
      if (!lessonId) return;
      void loadLesson(lessonId).then(async (lesson) => {
        if (!live) return;
        const nextId = neighbour(lessonId, 1);
        const nextLesson = nextId ? await loadLesson(nextId).then((l) => ({ id: nextId, title: l.title[lang] }), () => null) : null;
        if (!live) return;
        last.current = notesState({
          lesson,
          step,
          predicting,
          lang,
          t,
          nextLesson,
          hasPrevLesson: neighbour(lessonId, -1) !== null,
          startedAt: startedAt.current,
        });
        send(channel.current, { type: 'state', state: last.current });
      });
    };
    publish.current();
    return () => {
      live = false;
    };
  }, [lessonId, step, predicting, lang, t]);

  useEffect(() => {
    const ch = openChannel();
    channel.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent) => {
      const m: unknown = e.data;
      if (!isNotesMessage(m)) return;
      if (m.type === 'hello') publish.current();
      else if (m.type === 'resetTimer') {
        startedAt.current = Date.now();
        publish.current();
      } else {
        const id = useClassroomStore.getState().lessonId;
        if (id) void loadLesson(id).then((lesson) => stepBy(lesson, m.dir));
      }
    };
    const bye = () => send(ch, { type: 'ended' });
    window.addEventListener('pagehide', bye);
    return () => {
      window.removeEventListener('pagehide', bye);
      bye();
      ch.close();
      channel.current = null;
    };
  }, []);
  return null;
}

import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../core/lessons/types';
import { translator } from '../../i18n';
import { notesState } from './notesModel';
import { formatElapsed, isNotesMessage, isNotesPage, isStageMessage } from './protocol';

const bi = (s: string) => ({ tr: `${s} (tr)`, en: s });
const lesson: Lesson = {
  id: 'demo',
  title: bi('Demo'),
  steps: [
    { scene: 'production', highlight: [], title: bi('One'), narration: bi('First words') },
    { scene: 'production', highlight: [], title: bi('Two'), narration: bi('Second words'), predict: bi('What happens?'), aside: bi('Notes say') },
    { scene: 'production', highlight: [], title: bi('Three'), narration: bi('Third words') },
  ],
} as unknown as Lesson;
const base = { lesson, lang: 'en' as const, t: translator('en'), hasPrevLesson: false, startedAt: 5 };

describe('presenter notes', () => {
  it("shows this step and names the next one; the next lesson after the last step", () => {
    const s = notesState({ ...base, step: 0, predicting: null, nextLesson: { id: 'other', title: 'Other lesson' } });
    expect(s).toMatchObject({ stepTitle: 'One', narration: 'First words', index: 0, total: 3, atStart: true, atEnd: false, startedAt: 5 });
    expect(s.next).toEqual({ title: 'Two', lesson: null });
    const last = notesState({ ...base, step: 2, predicting: null, nextLesson: { id: 'other', title: 'Other lesson' } });
    expect(last.next).toEqual({ title: 'Other lesson', lesson: 'other' });
    expect(last.atEnd).toBe(false);
    const end = notesState({ ...base, step: 2, predicting: null, nextLesson: null });
    expect(end.next).toBeNull();
    expect(end.atEnd).toBe(true);
  });

  it('while the stage asks a "predict first" question, shows the question and the step it reveals', () => {
    const s = notesState({ ...base, step: 0, predicting: 1, nextLesson: null });
    expect(s.predicting).toBe(true);
    expect(s.narration).toBe('What happens?');
    expect(s.aside).toBeNull();
    expect(s.next).toEqual({ title: 'Two', lesson: null });
    const shown = notesState({ ...base, step: 1, predicting: null, nextLesson: null, lang: 'tr', t: translator('tr') });
    expect(shown).toMatchObject({ stepTitle: 'Two (tr)', aside: 'Notes say (tr)', next: { title: 'Three (tr)', lesson: null } });
  });

  it('formats the timer and checks what arrives on the channel', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(isNotesMessage({ type: 'nav', dir: 1 })).toBe(true);
    expect(isNotesMessage({ type: 'nav', dir: 5 })).toBe(false);
    expect(isNotesMessage(null)).toBe(false);
    expect(isStageMessage({ type: 'state' })).toBe(false);
    expect(isStageMessage({ type: 'ended' })).toBe(true);
    expect(isNotesPage('?notes=1&lang=tr')).toBe(true);
    expect(isNotesPage('?lesson=nginx')).toBe(false);
  });
});

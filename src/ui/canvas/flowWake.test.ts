import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useClassroomStore } from '../../state/classroomStore';
import { useSimStore } from '../../state/simStore';
import { useTraceStore } from '../../state/traceStore';
import { useUiStore } from '../../state/uiStore';
import { installFlowWake, useFlowWake } from './flowWake';

// The page's document, as far as the listeners need one (the unit tests run in Node).
const page = new EventTarget();
(globalThis as { document?: unknown }).document ??= page;
const doc = globalThis.document as unknown as EventTarget;

const woken = () => useFlowWake.getState().woken;
let stop: () => void = () => {};

beforeEach(() => {
  useFlowWake.setState({ woken: false, ready: false, pending: null });
  useUiStore.setState({ presenting: false, selectedId: null });
  useSimStore.setState({ playing: false, simTime: 0 });
  useTraceStore.setState({ open: false });
  useClassroomStore.setState({ lessonId: null });
});
afterEach(() => stop());

describe('React Flow takes the diagram over at the first input or need', () => {
  it('stays asleep while nobody touches the page and nothing needs it', () => {
    stop = installFlowWake();
    useSimStore.setState({ rps: 80 });
    useUiStore.setState({ sidePanel: 'scaling' });
    expect(woken()).toBe(false);
  });

  for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'click']) {
    it(`wakes on the first ${type}`, () => {
      stop = installFlowWake();
      doc.dispatchEvent(new Event(type));
      expect(woken()).toBe(true);
    });
  }

  it('wakes when focus reaches the static diagram, not when it goes elsewhere', () => {
    stop = installFlowWake();
    const focusOn = (inDiagram: boolean) => {
      const e = new Event('focusin');
      const target = { closest: (s: string) => (inDiagram && s === '.pv-static' ? {} : null) };
      Object.defineProperty(e, 'target', { value: target });
      doc.dispatchEvent(e);
    };
    focusOn(false);
    expect(woken()).toBe(false);
    focusOn(true);
    expect(woken()).toBe(true);
  });

  it('wakes when the simulation plays or steps, a node is selected, presenting starts, a lesson opens or the trace opens', () => {
    const needs: (() => void)[] = [
      () => useSimStore.setState({ playing: true }),
      () => useSimStore.setState({ simTime: 12 }),
      () => useUiStore.setState({ selectedId: 'nginx' }),
      () => useUiStore.setState({ presenting: true }),
      () => useClassroomStore.setState({ lessonId: 'environments' }),
      () => useTraceStore.setState({ open: true }),
    ];
    for (const [i, need] of needs.entries()) {
      useFlowWake.setState({ woken: false });
      useUiStore.setState({ presenting: false, selectedId: null });
      useSimStore.setState({ playing: false, simTime: 0 });
      useTraceStore.setState({ open: false });
      useClassroomStore.setState({ lessonId: null });
      stop = installFlowWake();
      expect(woken(), `need ${i}, before`).toBe(false);
      need();
      expect(woken(), `need ${i}`).toBe(true);
      stop();
    }
  });

  it('is awake at once when the page opens needing it (a presenter link)', () => {
    useUiStore.setState({ presenting: true });
    stop = installFlowWake();
    expect(woken()).toBe(true);
  });

  it('stops listening once awake', () => {
    stop = installFlowWake();
    doc.dispatchEvent(new Event('keydown'));
    useFlowWake.setState({ woken: false });
    doc.dispatchEvent(new Event('keydown'));
    useUiStore.setState({ presenting: true });
    expect(woken()).toBe(false);
  });

  it('a control pressed on the static view is kept until React Flow is ready, then cleared', () => {
    useFlowWake.getState().wake('zoomIn');
    expect(useFlowWake.getState()).toMatchObject({ woken: true, ready: false, pending: 'zoomIn' });
    useFlowWake.getState().setReady();
    expect(useFlowWake.getState()).toMatchObject({ woken: true, ready: true, pending: null });
    useFlowWake.getState().wake('zoomOut');
    expect(useFlowWake.getState().pending).toBeNull();
  });
});

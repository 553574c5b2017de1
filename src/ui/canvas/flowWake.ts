/**
 * When React Flow takes the diagram over from the static first view (StaticDiagram.tsx).
 *
 * At load the diagram is drawn without React Flow: same nodes, edges and frame, no pan, zoom or
 * drag. React Flow's mount — rendering every node, measuring them, rendering them and the edges
 * again, fitting the view — was the longest work of a page load (hundreds of milliseconds on a
 * slow laptop), done before anyone could want any of it. It now happens at the first sign of a
 * person — a pointer moving or pressing, a key, a wheel, a touch — or as soon as the app needs
 * React Flow: the simulation playing or stepping, a node selected, presenter mode, a lesson
 * (its highlights and framing are React Flow's), the trace panel. A mouse moves long before it clicks, so by the time a click lands React Flow is there.
 *
 * `woken`: React Flow is mounting (hidden under the static view); `ready`: its nodes are measured
 * and the view fitted, so it is shown and the static view removed in the same commit.
 */
import { create } from 'zustand';
import { useClassroomStore } from '../../state/classroomStore';
import { useSimStore } from '../../state/simStore';
import { useTraceStore } from '../../state/traceStore';
import { useUiStore } from '../../state/uiStore';

/** A static control pressed before React Flow was there: done once it is. */
export type PendingView = 'zoomIn' | 'zoomOut' | 'fitView';

interface FlowWakeState {
  woken: boolean;
  ready: boolean;
  pending: PendingView | null;
  wake: (pending?: PendingView) => void;
  setReady: () => void;
}

export const useFlowWake = create<FlowWakeState>((set, get) => ({
  woken: false,
  ready: false,
  pending: null,
  wake: (pending) => {
    if (pending && !get().ready) set({ woken: true, pending });
    else if (!get().woken) set({ woken: true });
  },
  setReady: () => {
    if (!get().ready) set({ woken: true, ready: true, pending: null });
  },
}));

/**
 * The person's first input anywhere on the page (a click too: assistive technology can click
 * without a pointer event before it).
 */
const INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'click'] as const;

/** What in the app's state needs React Flow (a running simulation draws packets on it, …). */
function needsFlow(): boolean {
  const ui = useUiStore.getState();
  const sim = useSimStore.getState();
  return (
    ui.presenting ||
    ui.selectedId !== null ||
    sim.playing ||
    sim.simTime > 0 ||
    useClassroomStore.getState().lessonId !== null ||
    useTraceStore.getState().open
  );
}

/**
 * Wakes React Flow on the first input or need; returns the cleanup. Called once by main.tsx,
 * before React renders; a no-op once awake.
 */
export function installFlowWake(): () => void {
  const wake = () => useFlowWake.getState().wake();
  if (useFlowWake.getState().woken) return () => {};
  if (needsFlow()) {
    wake();
    return () => {};
  }
  const opts = { capture: true, passive: true } as const;
  const stops: (() => void)[] = [];
  const stop = () => {
    for (const s of stops.splice(0)) s();
  };
  const onInput = () => {
    stop();
    wake();
  };
  for (const type of INPUTS) {
    document.addEventListener(type, onInput, opts);
    stops.push(() => document.removeEventListener(type, onInput, opts));
  }
  // Focus reaching the static diagram: someone (a screen reader's cursor, a script's focus)
  // is going through the diagram. Focus elsewhere at load (a dialog's first button) is not.
  const onFocus = (e: Event) => {
    const target = e.target as { closest?: (s: string) => unknown } | null;
    if (target?.closest?.('.pv-static')) onInput();
  };
  document.addEventListener('focusin', onFocus, opts);
  stops.push(() => document.removeEventListener('focusin', onFocus, opts));
  const onState = () => {
    if (needsFlow()) onInput();
  };
  stops.push(
    useUiStore.subscribe(onState),
    useSimStore.subscribe(onState),
    useClassroomStore.subscribe(onState),
    useTraceStore.subscribe(onState),
  );
  return stop;
}

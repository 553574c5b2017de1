/**
 * Puts a lesson step on the live canvas through the stores' own actions: the scene, the
 * highlight, the architecture (replaceTopology) and the traffic (play / pause / setRps).
 */
import { stateAt, scenesTouched } from '../../core/lessons/replay';
import { applyToTopology } from '../../core/lessons/actions';
import type { Lesson } from '../../core/lessons/types';
import { SCENES, cloneTopology } from '../../core/topology/scenes';
import type { SceneId, Topology } from '../../core/topology/types';
import { useClassroomStore } from '../../state/classroomStore';
import { useDocumentStore } from '../../state/documentStore';
import { useLiveStore } from '../../state/liveStore';
import { confirmReplace, replaceRisk } from '../../state/replaceGuard';
import { useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { fitViewSoon } from './fitView';

const fresh = (scene: SceneId): Topology => cloneTopology(SCENES[scene].topology);

function same(a: Topology, b: Topology): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function applyTraffic(traffic: { play: boolean; rps?: number } | null) {
  if (!traffic) return;
  const sim = useSimStore.getState();
  if (traffic.rps !== undefined && traffic.rps !== sim.rps) sim.setRps(traffic.rps);
  if (traffic.play && !sim.playing) sim.play();
  else if (!traffic.play && sim.playing) sim.pause();
}

/**
 * Puts step `to` of a lesson on the live canvas. Going forward one step runs just that
 * step's action; any other move (back, a jump, a deep link, the first step) replays the
 * lesson's actions from the shipped scenes, so the canvas is the same however the teacher
 * got there. Returns true when the step changed the architecture (the view may need fitting).
 */
export function showStep(lesson: Lesson, from: number | null, to: number): boolean {
  if (from === null) {
    const risky = scenesAtRisk(lesson, to);
    if (risky.length > 0) {
      void askThenShow(lesson, risky);
      return false;
    }
  }
  return applyStep(lesson, from, to);
}

/**
 * Scenes whose work starting the lesson would replace while it is not safely saved
 * (storage full or unavailable, unsaved edits): replaceGuard asks about those first.
 */
function scenesAtRisk(lesson: Lesson, to: number): SceneId[] {
  const state = stateAt(lesson, to, fresh);
  return scenesTouched(lesson).filter((scene) => {
    const want = state.topologies[scene];
    const have = useDocumentStore.getState().topologies[scene];
    return want !== undefined && !same(have, want) && replaceRisk(scene) !== null;
  });
}

/**
 * Asks, scene by scene, then shows the step the lesson is on by then. "Keep my work" closes
 * the lesson; a live-class student who keeps their work stops following the teacher (Follow
 * brings the question back) rather than being asked again at every teacher update.
 */
async function askThenShow(lesson: Lesson, scenes: SceneId[]) {
  const live = useLiveStore.getState();
  const source = live.role === 'student' && live.following ? 'live' : 'lesson';
  for (const scene of scenes) {
    if (await confirmReplace(scene, source)) continue;
    if (source === 'live') useLiveStore.setState({ following: false });
    if (useClassroomStore.getState().lessonId === lesson.id) useClassroomStore.getState().closeLesson();
    return;
  }
  const { lessonId, step } = useClassroomStore.getState();
  if (lessonId !== lesson.id) return;
  if (applyStep(lesson, null, Math.min(step, lesson.steps.length - 1))) fitViewSoon();
}

function applyStep(lesson: Lesson, from: number | null, to: number): boolean {
  const step = lesson.steps[to];
  if (!step) return false;
  const ui = useUiStore.getState();
  const doc = useDocumentStore.getState();
  let changed = false;
  if (ui.scene !== step.scene) {
    ui.setScene(step.scene);
    changed = true;
  }
  if (from !== null && to === from + 1) {
    const action = step.action;
    if (action?.type === 'traffic') applyTraffic(action);
    else if (action) {
      const before = useDocumentStore.getState().topologies[step.scene];
      const after = applyToTopology(before, action, () => fresh(step.scene));
      if (!same(before, after)) {
        doc.replaceTopology(step.scene, after);
        changed = true;
      }
      if (action.type === 'reset') applyTraffic({ play: false });
    }
  } else {
    const state = stateAt(lesson, to, fresh);
    for (const scene of scenesTouched(lesson)) {
      const want = state.topologies[scene];
      const have = useDocumentStore.getState().topologies[scene];
      if (want && !same(have, want)) {
        doc.replaceTopology(scene, want);
        changed = true;
      }
    }
    // Before the lesson's first traffic action the simulation waits (unless this is the first
    // step shown, when whatever the teacher had running keeps running).
    applyTraffic(state.traffic ?? (from === null ? null : { play: false }));
  }
  useClassroomStore.getState().setHighlight(step.highlight);
  useClassroomStore.getState().record(lesson.id, to, lesson.steps.length);
  return changed;
}

/**
 * Scaling actions: each takes the scene's topology, runs a pure transform from
 * core/topology/scaling and puts the result in the document (replaceTopology). Removing app
 * servers drains them first: they stay on the canvas, marked draining, until the engine says
 * nothing is left on them, then they go. New server boxes fade in on the canvas.
 */
import { appServers, drainingServers, removeAppServers, setAppServers } from '../../core/topology/scaling';
import type { SceneId, Topology } from '../../core/topology/types';
import { useDocumentStore } from '../../state/documentStore';
import { getEngine, onFrame } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';

export function currentTopology(scene: SceneId): Topology {
  return useDocumentStore.getState().topologies[scene];
}

/** Applies a pure transform to a scene's topology (nothing happens when it returns the same one). */
export function applyTransform(scene: SceneId, transform: (t: Topology) => Topology): Topology {
  const before = currentTopology(scene);
  const after = transform(before);
  if (after !== before) useDocumentStore.getState().replaceTopology(scene, after);
  return after;
}

/** Sets the number of app servers; new ones animate in, removed ones drain first. */
export function scaleOut(scene: SceneId, n: number) {
  const before = currentTopology(scene);
  const known = new Set(before.nodes.map((x) => x.id));
  const after = applyTransform(scene, (t) => setAppServers(t, n, { drain: true }));
  const added = after.nodes.filter((x) => !known.has(x.id)).map((x) => x.id);
  if (added.length > 0) animateIn(added);
  if (drainingServers(after).length > 0) watchDrain();
}

// ——— draining ———

let stopDrainWatch: (() => void) | null = null;
let lastCheck = 0;

/** Removes draining servers once the engine has nothing left on them (checked a few times a second). */
export function watchDrain() {
  if (stopDrainWatch) return;
  stopDrainWatch = onFrame((engine) => {
    const now = performance.now();
    if (now - lastCheck < 200) return;
    lastCheck = now;
    checkDrains(engine.isDrained.bind(engine));
  });
  // Nothing runs frames until the engine exists: check once right away too.
  if (!getEngine()) checkDrains(() => true);
}

function checkDrains(isDrained: (id: string) => boolean) {
  const scene = useUiStore.getState().scene;
  const docs = useDocumentStore.getState().topologies;
  let left = 0;
  for (const [id, topo] of Object.entries(docs) as [SceneId, Topology][]) {
    const draining = drainingServers(topo);
    if (draining.length === 0) continue;
    // Only the scene on screen runs; a draining server elsewhere has nothing in flight.
    const done = id === scene ? draining.filter((b) => isDrained(b)) : draining;
    if (done.length > 0) applyTransform(id, (t) => removeAppServers(t, done));
    left += draining.length - done.length;
  }
  if (left === 0 && stopDrainWatch) {
    stopDrainWatch();
    stopDrainWatch = null;
  }
}

/** What is draining right now, for the panel. */
export function drainingIn(t: Topology): string[] {
  return appServers(t)
    .filter((a) => a.draining)
    .map((a) => a.boxId);
}

// ——— animation of new boxes ———

function motionAllowed(): boolean {
  if (!useUiStore.getState().animations) return false;
  return !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
}

/**
 * Fades and slides the new nodes in once React Flow has drawn them. The inner element is
 * animated (React Flow positions the wrapper with a transform of its own).
 */
export function animateIn(ids: readonly string[]) {
  if (!motionAllowed() || typeof document === 'undefined') return;
  let frames = 0;
  const pending = new Set(ids);
  const tick = () => {
    for (const id of [...pending]) {
      const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const inner = el?.firstElementChild as HTMLElement | null | undefined;
      if (!inner || typeof inner.animate !== 'function') continue;
      pending.delete(id);
      inner.animate(
        [
          { opacity: 0, transform: 'translateY(-18px) scale(0.94)' },
          { opacity: 1, transform: 'none' },
        ],
        { duration: 420, easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)', delay: el?.dataset.id === id && id.includes('-') ? 120 : 0 },
      );
    }
    if (pending.size > 0 && ++frames < 60) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

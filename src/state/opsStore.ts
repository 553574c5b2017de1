/**
 * Operations state: failure controls, the systemd unit of each Gunicorn, the security
 * toggles and drills, the CI/CD pipeline and the section-14 checklist. It never touches the
 * engine directly: it writes node parameters into the document (up, serviceMs, timeoutMs)
 * and the simulation answers (502, 500, 504, a killed worker …). Unit timers (RestartSec, a
 * badly configured deploy's restart gap) run in simulated time, fed by the sim store.
 */
import { create } from 'zustand';
import { CATALOG } from '../core/catalog/catalog';
import { topologyAtStep } from '../core/ops/checklist';
import { restoreSpeedParams, slowParams, startParams, stopParams, timeoutParams } from '../core/ops/failures';
import { HARD_RESTART_GAP_MS, advance, idlePipeline, startPipeline, type PipelineState, type RestartMode } from '../core/ops/pipeline';
import { INSECURE, type DrillId, type SecurityToggle, type SecurityToggles } from '../core/ops/security';
import * as unit from '../core/ops/systemd';
import type { SceneId } from '../core/topology/types';
import { useDocumentStore } from './documentStore';
import { getEngine, useSimStore } from './simStore';
import { useUiStore } from './uiStore';

export type SystemctlVerb = 'start' | 'stop' | 'restart' | 'reload' | 'status';

/** Wall-clock ms each pipeline stage is shown running (the animation, not simulated time). */
export const STAGE_MS = 700;

interface Scheduled {
  key: string;
  at: number;
}

export interface OpsState {
  /** Gunicorn units by `${scene}:${nodeId}`; a Gunicorn without an entry is running as at boot. */
  units: Record<string, unit.UnitState>;
  unitConfig: unit.UnitConfig;
  /** Starts due in simulated time (a hard restart's gap). */
  scheduled: Scheduled[];
  /** The last `systemctl status` the buttons asked for (node id), shown in the terminal. */
  statusRequest: { nodeId: string; n: number } | null;
  security: SecurityToggles;
  /** Drills the class has tried (results follow the toggles live). */
  drillsTried: DrillId[];
  pipeline: PipelineState;
  restartMode: RestartMode;
  /** Deploys done (pipeline or manual), for the "new worker PIDs" note. */
  deploys: number;
  /** Step of the section-14 checklist shown on the canvas, or null when not in use. */
  checklistStep: number | null;
  /** Simulated time last seen, to notice a reset (time going backwards). */
  lastNow: number;

  stopNode: (id: string) => void;
  startNode: (id: string) => void;
  slowNode: (id: string) => void;
  restoreSpeed: (id: string) => void;
  setTimeoutMs: (id: string, ms: number) => void;
  systemctl: (verb: SystemctlVerb, id: string) => void;
  crashMaster: (id: string) => void;
  setUnitConfig: (cfg: Partial<unit.UnitConfig>) => void;
  tick: (now: number) => void;
  setSecurity: (key: SecurityToggle, on: boolean) => void;
  tryDrill: (id: DrillId) => void;
  runPipeline: (testsPass: boolean) => void;
  setRestartMode: (mode: RestartMode) => void;
  /** Restarts every Gunicorn of the scene the way restartMode says (the deploy step). */
  deploy: () => void;
  setChecklistStep: (step: number | null) => void;
}

const scene = (): SceneId => useUiStore.getState().scene;
const now = (): number => getEngine()?.now ?? Math.max(useSimStore.getState().simTime, useOpsStore.getState().lastNow);
const keyOf = (s: SceneId, id: string) => `${s}:${id}`;

function nodeOf(id: string) {
  return useDocumentStore.getState().topologies[scene()].nodes.find((n) => n.id === id);
}

/** The unit of a Gunicorn node on the current scene. */
export function unitOf(state: Pick<OpsState, 'units'>, s: SceneId, id: string, up: boolean): unit.UnitState {
  return state.units[keyOf(s, id)] ?? (up ? unit.initialUnit(0) : unit.stop(unit.initialUnit(0), 0));
}

let pipelineTimer: ReturnType<typeof setTimeout> | null = null;

export const useOpsStore = create<OpsState>((set, get) => {
  /** Writes a unit and mirrors whether it runs into the node's `up`. */
  function putUnit(id: string, next: unit.UnitState) {
    const s = scene();
    set((st) => ({ units: { ...st.units, [keyOf(s, id)]: next } }));
    const node = nodeOf(id);
    const running = unit.isRunning(next);
    if (node && (node.params?.up !== false) !== running) {
      useDocumentStore.getState().setNodeParams(s, id, running ? startParams() : stopParams());
    }
  }
  function current(id: string): unit.UnitState {
    const node = nodeOf(id);
    return unitOf(get(), scene(), id, node?.params?.up !== false);
  }
  const isGunicorn = (id: string) => nodeOf(id)?.kind === 'gunicorn';
  const setParams = (id: string, p: Parameters<ReturnType<typeof useDocumentStore.getState>['setNodeParams']>[2]) =>
    useDocumentStore.getState().setNodeParams(scene(), id, p);

  return {
    units: {},
    unitConfig: { ...unit.DEFAULT_UNIT },
    scheduled: [],
    statusRequest: null,
    security: { ...INSECURE },
    drillsTried: [],
    pipeline: idlePipeline(),
    restartMode: 'graceful',
    deploys: 0,
    checklistStep: null,
    lastNow: 0,

    stopNode: (id) => (isGunicorn(id) ? get().systemctl('stop', id) : setParams(id, stopParams())),
    startNode: (id) => (isGunicorn(id) ? get().systemctl('start', id) : setParams(id, startParams())),
    slowNode: (id) => setParams(id, slowParams()),
    restoreSpeed: (id) => {
      const n = nodeOf(id);
      if (n) setParams(id, restoreSpeedParams(n.kind));
    },
    setTimeoutMs: (id, ms) => setParams(id, timeoutParams(ms)),

    systemctl: (verb, id) => {
      const t = now();
      const u = current(id);
      if (verb === 'status') {
        set((st) => ({ statusRequest: { nodeId: id, n: (st.statusRequest?.n ?? 0) + 1 } }));
        return;
      }
      set((st) => ({ scheduled: st.scheduled.filter((x) => x.key !== keyOf(scene(), id)) }));
      if (verb === 'start') putUnit(id, unit.start(u, t));
      else if (verb === 'stop') putUnit(id, unit.stop(u, t));
      else if (verb === 'restart') putUnit(id, unit.restart(u, t));
      else putUnit(id, unit.reload(u));
    },
    crashMaster: (id) => putUnit(id, unit.crash(current(id), now(), get().unitConfig)),
    setUnitConfig: (cfg) => {
      const next = { ...get().unitConfig, ...cfg };
      set({ unitConfig: next });
      for (const [k, u] of Object.entries(get().units)) {
        const changed = unit.applyConfig(u, next);
        if (changed !== u) set((st) => ({ units: { ...st.units, [k]: changed } }));
      }
    },
    tick: (t) => {
      const st = get();
      const s = scene();
      // The run was reset (or a fresh scene started): pending timers keep their remaining time.
      const shift = t < st.lastNow ? t - st.lastNow : 0;
      if (shift !== 0) {
        const units: Record<string, unit.UnitState> = {};
        for (const [k, u] of Object.entries(st.units)) units[k] = u.restartAt === null ? { ...u, since: Math.min(u.since, t) } : { ...u, since: Math.min(u.since, t), restartAt: u.restartAt + shift };
        set({ units, scheduled: st.scheduled.map((x) => ({ ...x, at: x.at + shift })) });
      }
      set({ lastNow: t });
      for (const [k, u] of Object.entries(get().units)) {
        if (!k.startsWith(`${s}:`)) continue;
        const next = unit.tick(u, t);
        if (next !== u) putUnit(k.slice(s.length + 1), next);
      }
      const due = get().scheduled.filter((x) => x.at <= t && x.key.startsWith(`${s}:`));
      if (due.length > 0) {
        set((x) => ({ scheduled: x.scheduled.filter((y) => !due.includes(y)) }));
        for (const d of due) {
          const id = d.key.slice(s.length + 1);
          putUnit(id, unit.start(current(id), d.at));
        }
      }
    },

    setSecurity: (key, on) => set((st) => ({ security: { ...st.security, [key]: on } })),
    tryDrill: (id) => set((st) => ({ drillsTried: st.drillsTried.includes(id) ? st.drillsTried : [...st.drillsTried, id] })),

    runPipeline: (testsPass) => {
      if (pipelineTimer) clearTimeout(pipelineTimer);
      set({ pipeline: startPipeline(testsPass) });
      const step = () => {
        const next = advance(get().pipeline);
        set({ pipeline: next });
        // The deploy stage restarts Gunicorn on the canvas when it starts running.
        if (next.current !== null && next.status.deploy === 'running') get().deploy();
        pipelineTimer = next.current === null ? null : setTimeout(step, STAGE_MS);
      };
      pipelineTimer = setTimeout(step, STAGE_MS);
    },
    setRestartMode: (restartMode) => set({ restartMode }),
    deploy: () => {
      const s = scene();
      const t = now();
      const ids = useDocumentStore.getState().topologies[s].nodes.filter((n) => n.kind === 'gunicorn').map((n) => n.id);
      set((st) => ({ deploys: st.deploys + 1 }));
      for (const id of ids) {
        const u = current(id);
        if (get().restartMode === 'graceful') {
          // SIGHUP: new workers boot with the new code before the old ones stop; nothing is dropped.
          putUnit(id, unit.reload(u));
        } else {
          // stop, then start once the new code has booted: every app server down at once ⇒ 502s.
          putUnit(id, unit.stop(u, t));
          set((st) => ({ scheduled: [...st.scheduled.filter((x) => x.key !== keyOf(s, id)), { key: keyOf(s, id), at: t + HARD_RESTART_GAP_MS }] }));
        }
      }
    },
    setChecklistStep: (step) => {
      set({ checklistStep: step });
      const docs = useDocumentStore.getState();
      if (step === null) docs.resetScene('production');
      else docs.replaceTopology('production', topologyAtStep(step));
      // Fresh units for the rebuilt canvas.
      set((st) => ({ units: Object.fromEntries(Object.entries(st.units).filter(([k]) => !k.startsWith('production:'))) }));
      if (useUiStore.getState().scene !== 'production') useUiStore.getState().setScene('production');
    },
  };
});

// Simulated time reaches the unit timers through the sim store's summaries (a few times a second).
useSimStore.subscribe((s, prev) => {
  if (s.simTime !== prev.simTime) useOpsStore.getState().tick(s.simTime);
});

/** Default timeout of a kind, ms (for the inspector's spinbutton). */
export function defaultTimeoutMs(kind: keyof typeof CATALOG): number {
  return CATALOG[kind].capacity.timeoutMs ?? 0;
}

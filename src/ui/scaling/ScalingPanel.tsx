import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { recommendedWorkers } from '../../core/catalog/catalog';
import type { LbMethod, LoadPattern } from '../../core/sim/types';
import {
  appServers,
  asyncWorkersEnabled,
  cacheEnabled,
  canScaleOut,
  cdnEnabled,
  countAppServers,
  hitRatioOf,
  LB_METHODS,
  lbMethodOf,
  LIMITS,
  NGINX_LB_NAME,
  resetWorkers,
  scalableBoxes,
  setAsyncWorkers,
  setCdn,
  setCores,
  setHitRatio,
  setLbMethod,
  setMemory,
  setRedisCache,
  setWeight,
  setWorkerClass,
  setWorkers,
  WORKER_CLASSES,
  workersOf,
  workersSetByHand,
  type WorkerClass,
} from '../../core/topology/scaling';
import type { SceneId, Topology } from '../../core/topology/types';
import type { TKey } from '../../i18n';
import { useDocumentStore } from '../../state/documentStore';
import { getLoadPattern, setLoadPattern, useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import { fullName } from './names';
import { applyTransform, scaleOut, watchDrain } from './actions';
import { ComparePanel } from './ComparePanel';
import { LiveCharts } from './LiveCharts';
import './scaling.css';
import { Fold, FoldProvider } from './Fold';

const ALL = '__all__';
const MEMORY_OPTIONS_GB = [1, 2, 4, 8, 16, 32, 64, 128];
const LB_LABEL: Record<LbMethod, TKey> = {
  round_robin: 'scaling.panel.horizontal.lbRoundRobin',
  least_conn: 'scaling.panel.horizontal.lbLeastConn',
  ip_hash: 'scaling.panel.horizontal.lbIpHash',
};
const CLASS_LABEL: Record<WorkerClass, TKey> = {
  sync: 'scaling.panel.vertical.classSync',
  gthread: 'scaling.panel.vertical.classGthread',
  async: 'scaling.panel.vertical.classAsync',
};

/** Load patterns in simulated time (1 simulated second ≈ 10 s on screen at 1×). */
const PATTERNS: Record<LoadPattern['kind'], LoadPattern> = {
  steady: { kind: 'steady' },
  ramp: { kind: 'ramp', from: 0.1, durationMs: 6000 },
  spike: { kind: 'spike', factor: 5, everyMs: 6000, lengthMs: 1500 },
};

/** A number field that applies whole numbers within [min, max] as they are typed. */
function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (v: number) => void;
  hint?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const raw = e.target.value;
    setDraft(raw);
    const v = Number(raw);
    if (raw !== '' && Number.isFinite(v) && v >= props.min && v <= props.max) props.onChange(v);
  };
  return (
    <div className="scaling-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        value={draft ?? String(props.value)}
        onChange={onChange}
        onBlur={() => setDraft(null)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="scaling-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}

function Switch(props: { label: string; checked: boolean; onChange: (on: boolean) => void; disabled?: boolean }) {
  return (
    <label className="scaling-switch">
      <input
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className={`switch${props.checked ? ' switch--on' : ''}`} aria-hidden="true" />
      <span>{props.label}</span>
    </label>
  );
}

function RatioField(props: { label: string; value: number; onChange: (v: number) => void }) {
  const id = useId();
  const t = useT();
  const percent = Math.round(props.value * 100);
  return (
    <div className="scaling-field scaling-field--range">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={5}
        value={percent}
        aria-valuetext={t('scaling.panel.units.percent', { n: percent })}
        onChange={(e) => props.onChange(Number(e.target.value) / 100)}
      />
      <output htmlFor={id}>{t('scaling.panel.units.percent', { n: percent })}</output>
    </div>
  );
}

/** Which server the vertical controls act on: a box id, or all app servers. */
function useTarget(topology: Topology): [string, (id: string) => void] {
  const selectedId = useUiStore((s) => s.selectedId);
  const [target, setTarget] = useState<string | null>(null);
  const boxes = scalableBoxes(topology);
  if (target !== null && (target === ALL || boxes.some((b) => b.id === target))) return [target, setTarget];
  // Default: the selected server (or the box of the selected process), else all app servers.
  const sel = topology.nodes.find((n) => n.id === selectedId);
  const box = sel?.kind === 'server' ? sel.id : sel?.parentId;
  const fallback = box && boxes.some((b) => b.id === box) ? box : appServers(topology).length > 0 ? ALL : (boxes[0]?.id ?? ALL);
  return [fallback, setTarget];
}

function Vertical({ scene, topology }: { scene: SceneId; topology: Topology }) {
  const t = useT();
  const [target, setTarget] = useTarget(topology);
  const apps = appServers(topology).filter((a) => !a.draining);
  const draining = new Set(appServers(topology).filter((a) => a.draining).map((a) => a.boxId));
  const boxes = scalableBoxes(topology).filter((b) => !draining.has(b.id));
  const boxIds = target === ALL ? apps.map((a) => a.boxId) : [target];
  const firstBox = topology.nodes.find((n) => n.id === boxIds[0]);
  const gunicorns = topology.nodes.filter((n) => n.kind === 'gunicorn' && n.parentId !== undefined && boxIds.includes(n.parentId));
  const g = gunicorns[0];
  const cores = firstBox?.params?.cores ?? 2;
  const memoryMb = firstBox?.params?.memoryMb ?? 4096;
  const workers = g ? workersOf(topology, g.id) : 0;
  const manual = g ? workersSetByHand(topology, g.id) : false;
  const workerClass: WorkerClass = g?.params?.workerClass ?? 'sync';
  const mem = useSimStore(
    useShallow((s) => {
      let used = 0;
      let total = 0;
      let killed = 0;
      for (const id of boxIds) {
        const m = s.metrics?.nodes[id];
        used += m?.memoryUsedMb ?? 0;
        total += m?.memoryMb ?? 0;
      }
      for (const x of gunicorns) killed += s.metrics?.nodes[x.id]?.killed ?? 0;
      return { used: Math.round(used / 102.4) / 10, total: Math.round(total / 102.4) / 10, killed };
    }),
  );

  const each = (f: (t: Topology, id: string) => Topology, ids: string[]) =>
    applyTransform(scene, (x) => ids.reduce(f, x));
  const gIds = gunicorns.map((x) => x.id);
  const memOptions = MEMORY_OPTIONS_GB.includes(memoryMb / 1024) ? MEMORY_OPTIONS_GB : [...MEMORY_OPTIONS_GB, memoryMb / 1024].sort((a, b) => a - b);

  return (
    <Fold id="vertical" headingId="scaling-vertical" className="scaling-section" title={t('scaling.panel.vertical.title')}>
      <div className="scaling-field">
        <label htmlFor="scaling-target">{t('scaling.panel.vertical.server')}</label>
        <select id="scaling-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          {apps.length > 0 && <option value={ALL}>{t('scaling.panel.vertical.allApp')}</option>}
          {boxes.map((b) => (
            <option key={b.id} value={b.id}>
              {nodeName(b, t)}
            </option>
          ))}
        </select>
      </div>
      <div className="scaling-grid">
        <NumberField
          label={t('scaling.panel.vertical.cores')}
          value={cores}
          min={LIMITS.cores.min}
          max={LIMITS.cores.max}
          onChange={(v) => each((x, id) => setCores(x, id, v), boxIds)}
        />
        <div className="scaling-field">
          <label htmlFor="scaling-memory">{t('scaling.panel.vertical.memory')}</label>
          <select
            id="scaling-memory"
            value={memoryMb / 1024}
            onChange={(e) => each((x, id) => setMemory(x, id, Number(e.target.value) * 1024), boxIds)}
          >
            {memOptions.map((gb) => (
              <option key={gb} value={gb}>
                {t('scaling.panel.units.gb', { n: gb })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {g ? (
        <>
          <div className="scaling-grid">
            <NumberField
              label={t('scaling.panel.vertical.workers')}
              value={workers}
              min={LIMITS.workers.min}
              max={LIMITS.workers.max}
              onChange={(v) => each((x, id) => setWorkers(x, id, v), gIds)}
              hint={
                manual
                  ? t('scaling.panel.vertical.workersManual', { n: recommendedWorkers(cores) })
                  : t('scaling.panel.vertical.workersRule', { n: recommendedWorkers(cores) })
              }
            />
            <div className="scaling-field scaling-field--wide">
              <label htmlFor="scaling-class">{t('scaling.panel.vertical.workerClass')}</label>
              <select
                id="scaling-class"
                value={workerClass}
                onChange={(e) => each((x, id) => setWorkerClass(x, id, e.target.value as WorkerClass), gIds)}
              >
                {WORKER_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {t(CLASS_LABEL[c])}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="button" className="btn" disabled={!manual} onClick={() => each(resetWorkers, gIds)}>
            {t('scaling.panel.vertical.reset')}
          </button>
          <p className={`scaling-meter${mem.killed > 0 ? ' is-bad' : ''}`}>
            <span>{t('scaling.panel.vertical.memoryUse', { used: mem.used, total: mem.total })}</span>
            <span className="scaling-meter__bar" aria-hidden="true">
              <span style={{ width: `${mem.total > 0 ? Math.min(100, (100 * mem.used) / mem.total) : 0}%` }} />
            </span>
          </p>
          {mem.killed > 0 && (
            <p className="scaling-warning" role="status">
              {t('scaling.panel.vertical.killed', { n: mem.killed })}
            </p>
          )}
        </>
      ) : (
        <p className="scaling-muted">{t('scaling.panel.vertical.noWorkers')}</p>
      )}
    </Fold>
  );
}

function Horizontal({ scene, topology }: { scene: SceneId; topology: Topology }) {
  const t = useT();
  const all = appServers(topology);
  const count = countAppServers(topology);
  const method = lbMethodOf(topology);
  return (
    <Fold id="horizontal" headingId="scaling-horizontal" className="scaling-section" title={t('scaling.panel.horizontal.title')}>
      <div className="scaling-grid">
        <NumberField
          label={t('scaling.panel.horizontal.appServers')}
          value={count}
          min={LIMITS.appServers.min}
          max={LIMITS.appServers.max}
          onChange={(v) => scaleOut(scene, v)}
        />
        <div className="scaling-field scaling-field--wide">
          <label htmlFor="scaling-lb">{t('scaling.panel.horizontal.lb')}</label>
          <select
            id="scaling-lb"
            value={method}
            onChange={(e) => applyTransform(scene, (x) => setLbMethod(x, e.target.value as LbMethod))}
          >
            {LB_METHODS.map((m) => (
              <option key={m} value={m}>
                {`${t(LB_LABEL[m])} (${NGINX_LB_NAME[m]})`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="scaling-hint">{t(`scaling.panel.horizontal.lbHelp.${method}`)}</p>
      <details className="scaling-weights">
        <summary>{t('scaling.panel.horizontal.weights')}</summary>
        <ul>
          {all.map((a) => {
            const box = topology.nodes.find((n) => n.id === a.boxId)!;
            const name = nodeName(box, t);
            return (
              <li key={a.boxId}>
                <NumberField
                  label={t('scaling.panel.horizontal.weightOf', { name })}
                  value={box.params?.weight ?? 1}
                  min={LIMITS.weight.min}
                  max={LIMITS.weight.max}
                  onChange={(v) => applyTransform(scene, (x) => setWeight(x, a.boxId, v))}
                />
              </li>
            );
          })}
        </ul>
      </details>
      {all
        .filter((a) => a.draining)
        .map((a) => (
          <p key={a.boxId} className="scaling-muted" role="status">
            {t('scaling.panel.horizontal.draining', { name: t('scenes.labels.appServer', { n: a.n }) })}
          </p>
        ))}
    </Fold>
  );
}

/** Where the queue builds: the component with the longest queue, and the busiest one. */
function Bottleneck({ topology }: { topology: Topology }) {
  const t = useT();
  const info = useSimStore(
    useShallow((s) => {
      const nodes = s.metrics ? Object.values(s.metrics.nodes) : [];
      let q: { id: string; queue: number; util: number } | null = null;
      let busy: { id: string; util: number } | null = null;
      for (const n of nodes) {
        if (n.kind === 'user') continue;
        const util = Math.round(Math.min(1, n.utilisation ?? 0) * 100);
        const queue = Math.round(n.queueAvg);
        if (queue > 0 && (q === null || queue > q.queue)) q = { id: n.id, queue, util };
        if (n.utilisation !== null && (busy === null || util > busy.util)) busy = { id: n.id, util };
      }
      return { qId: q?.id ?? null, queue: q?.queue ?? 0, qUtil: q?.util ?? 0, bId: busy?.id ?? null, bUtil: busy?.util ?? 0 };
    }),
  );
  const select = useUiStore((s) => s.select);
  const name = (id: string | null) => (id ? fullName(topology, id, t) : '—');
  return (
    <Fold id="bottleneck" headingId="scaling-bottleneck" className="scaling-section" title={t('scaling.panel.bottleneck.title')}>
      <p className={info.qId ? 'scaling-warning' : 'scaling-muted'}>
        {info.qId
          ? t('scaling.panel.bottleneck.at', { name: name(info.qId), queue: info.queue, percent: info.qUtil })
          : t('scaling.panel.bottleneck.none')}
      </p>
      {info.bId && <p className="scaling-muted">{t('scaling.panel.bottleneck.busiest', { name: name(info.bId), percent: info.bUtil })}</p>}
      {info.qId && (
        <button type="button" className="btn btn--ghost" onClick={() => select(info.qId)}>
          {t('scaling.panel.bottleneck.show', { name: name(info.qId) })}
        </button>
      )}
    </Fold>
  );
}

function Performance({ scene, topology }: { scene: SceneId; topology: Topology }) {
  const t = useT();
  const hasDjango = topology.nodes.some((n) => n.kind === 'django');
  const canCdn = topology.nodes.some((n) => n.kind === 'nginx');
  const cache = cacheEnabled(topology);
  const cdn = cdnEnabled(topology);
  const hasGunicorn = topology.nodes.some((n) => n.kind === 'gunicorn');
  return (
    <Fold id="perf" headingId="scaling-perf" className="scaling-section" title={t('scaling.panel.perf.title')}>
      <Switch
        label={t('scaling.panel.perf.redis')}
        checked={cache}
        disabled={!hasDjango}
        onChange={(on) => applyTransform(scene, (x) => setRedisCache(x, on))}
      />
      {cache && (
        <RatioField
          label={t('scaling.panel.perf.redisHit')}
          value={hitRatioOf(topology, 'redis')}
          onChange={(v) => applyTransform(scene, (x) => setHitRatio(x, 'redis', v))}
        />
      )}
      <Switch
        label={t('scaling.panel.perf.cdn')}
        checked={cdn}
        disabled={!canCdn && !cdn}
        onChange={(on) => applyTransform(scene, (x) => setCdn(x, on))}
      />
      {cdn && (
        <RatioField
          label={t('scaling.panel.perf.cdnHit')}
          value={hitRatioOf(topology, 'cdn')}
          onChange={(v) => applyTransform(scene, (x) => setHitRatio(x, 'cdn', v))}
        />
      )}
      <Switch
        label={t('scaling.panel.perf.async')}
        checked={asyncWorkersEnabled(topology)}
        disabled={!hasGunicorn}
        onChange={(on) => applyTransform(scene, (x) => setAsyncWorkers(x, on))}
      />
      <p className="scaling-hint">{t('scaling.panel.perf.lbNote')}</p>
    </Fold>
  );
}

function Load() {
  const t = useT();
  const [kind, setKind] = useState(getLoadPattern().kind);
  const name = useId();
  const choose = (k: LoadPattern['kind']) => {
    setKind(k);
    setLoadPattern(PATTERNS[k]);
  };
  return (
    <Fold id="load" headingId="scaling-load" className="scaling-section" title={t('scaling.panel.load.title')}>
      <div role="radiogroup" aria-labelledby="scaling-load" className="scaling-radios">
        {(['steady', 'ramp', 'spike'] as const).map((k) => (
          <label key={k} className="scaling-radio">
            <input type="radio" name={name} value={k} checked={kind === k} onChange={() => choose(k)} />
            <span>
              <strong>{t(`scaling.panel.load.${k}`)}</strong>
              <span className="scaling-hint">{t(`scaling.panel.load.${k}Hint`)}</span>
            </span>
          </label>
        ))}
      </div>
    </Fold>
  );
}

/** The Scaling side-panel tab. */
export default function ScalingPanel() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const scalable = canScaleOut(topology);
  const hasDraining = appServers(topology).some((a) => a.draining);
  // A draining server (also one left by an undo) is watched until it can go.
  useEffect(() => {
    if (hasDraining) watchDrain();
  }, [hasDraining]);
  return (
    <FoldProvider panel="scaling" open={['vertical', 'horizontal', 'bottleneck']}>
    <div className="scaling">
      <h2 className="scaling__title">{t('scaling.panel.title')}</h2>
      <p className="scaling-muted">{t('scaling.panel.intro')}</p>
      {!scalable && <p className="scaling-note">{t('scaling.panel.unavailable')}</p>}
      <Vertical scene={scene} topology={topology} />
      {scalable && <Horizontal scene={scene} topology={topology} />}
      <Bottleneck topology={topology} />
      <Performance scene={scene} topology={topology} />
      <Load />
      <Fold id="charts" headingId="scaling-charts" className="scaling-section" title={t('scaling.panel.charts.title')}>
        <LiveCharts />
      </Fold>
      <Fold id="compare" headingId="scaling-compare" className="scaling-section" title={t('scaling.panel.compare.title')}>
        <p className="scaling-muted">{t('scaling.panel.compare.intro')}</p>
        <ComparePanel scene={scene} />
      </Fold>
    </div>
    </FoldProvider>
  );
}

import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { CATALOG } from '../../core/catalog/catalog';
import { appServers, boxOf, gunicornPids, processTable, workersOf } from '../../core/ops/processes';
import { formatSeconds, isRunning } from '../../core/ops/systemd';
import { START_DIR, runCommand, systemctlStatus, type ShellContext, type ShellHint } from '../../core/ops/terminal';
import { useDocumentStore } from '../../state/documentStore';
import { unitOf, useOpsStore, type SystemctlVerb } from '../../state/opsStore';
import { getEngine, useSimStore } from '../../state/simStore';
import { useUiStore } from '../../state/uiStore';
import { nodeName } from '../canvas/flowModel';
import { useT } from '../useT';
import './ops.css';

interface TermEntry {
  id: number;
  prompt?: string;
  lines: string[];
  hint?: ShellHint;
}

/** One app server: gunicorn.service under systemd, its processes, and a read-only shell. */
export default function ServerPanel() {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const selectedId = useUiStore((s) => s.selectedId);
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const units = useOpsStore((s) => s.units);
  const cfg = useOpsStore((s) => s.unitConfig);
  const statusRequest = useOpsStore((s) => s.statusRequest);
  const metrics = useSimStore((s) => s.metrics);
  const simTime = useSimStore((s) => s.simTime);
  const seed = useSimStore((s) => s.seed);
  const servers = useMemo(() => appServers(topology), [topology]);
  const fromSelection = selectedId ? boxOf(topology, selectedId) : undefined;
  const [chosen, setChosen] = useState<string | null>(null);
  const box = servers.find((b) => b.id === chosen) ?? servers.find((b) => b.id === fromSelection?.id) ?? servers[0];
  const gunicorn = box ? topology.nodes.find((n) => n.parentId === box.id && n.kind === 'gunicorn') : undefined;
  const unit = gunicorn ? unitOf({ units }, scene, gunicorn.id, gunicorn.params?.up !== false) : null;
  const processes = useMemo(
    () => (box ? processTable({ topology, boxId: box.id, seed, units: Object.fromEntries(gunicorn && unit ? [[gunicorn.id, unit]] : []), metrics }) : []),
    [box, topology, seed, gunicorn, unit, metrics],
  );
  const ops = useOpsStore.getState();
  const workers = gunicorn ? workersOf(gunicorn) : 0;

  const ctx = (cwd: string): ShellContext => ({
    cwd,
    now: getEngine()?.now ?? simTime,
    host: box?.id ?? 'server',
    processes,
    unit: gunicorn && unit ? { state: unit, config: cfg, workers, masterPid: isRunning(unit) ? gunicornPids(seed, gunicorn.id, unit, workers).master : null } : null,
    cores: box?.params?.cores ?? CATALOG.server.capacity.cores ?? 1,
    memoryMb: box?.params?.memoryMb ?? CATALOG.server.capacity.memoryMb ?? 1024,
  });

  const [cwd, setCwd] = useState(START_DIR);
  const [entries, setEntries] = useState<TermEntry[]>([]);
  const [line, setLine] = useState('');
  const nextId = useRef(1);
  const outRef = useRef<HTMLPreElement>(null);
  const push = (e: Omit<TermEntry, 'id'>) => setEntries((xs) => [...xs.slice(-40), { ...e, id: nextId.current++ }]);

  // The "systemctl status" button prints into the terminal, like typing it.
  const lastStatus = useRef(statusRequest?.n ?? 0);
  useEffect(() => {
    if (!statusRequest || statusRequest.n === lastStatus.current) return;
    lastStatus.current = statusRequest.n;
    push({ prompt: 'sudo systemctl status gunicorn', lines: systemctlStatus(ctx(cwd)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [statusRequest]);
  useEffect(() => {
    outRef.current?.scrollTo({ top: outRef.current.scrollHeight });
  }, [entries]);

  if (!box || !gunicorn || !unit) {
    return (
      <section className="ops-panel" aria-labelledby="ops-server-title">
        <h2 id="ops-server-title">{t('ops.server.title')}</h2>
        <p className="ops-note">{t('ops.server.noGunicorn')}</p>
      </section>
    );
  }

  const run = (e: FormEvent) => {
    e.preventDefault();
    const r = runCommand(line, ctx(cwd));
    if (r.clear) setEntries([]);
    else push({ prompt: line, lines: r.lines, hint: r.hint });
    setCwd(r.cwd);
    setLine('');
  };
  const verbs: SystemctlVerb[] = ['start', 'stop', 'restart', 'status'];
  const stateText =
    unit.active === 'active'
      ? t('ops.server.active')
      : unit.sub === 'auto-restart'
        ? t('ops.server.autoRestart', { s: formatSeconds(Math.max(0, (unit.restartAt ?? 0) - simTime)) })
        : unit.active === 'failed'
          ? t('ops.server.failed')
          : t('ops.server.inactive');
  const prompt = `deploy@${box.id}:${cwd.replace(/^\/home\/deploy/, '~')}$`;

  return (
    <section className="ops-panel" aria-labelledby="ops-server-title">
      <h2 id="ops-server-title">{t('ops.server.title')}</h2>
      {servers.length > 1 && (
        <label className="ops-field">
          <span>{t('ops.server.pick')}</span>
          <select value={box.id} onChange={(e) => setChosen(e.target.value)}>
            {servers.map((b) => (
              <option key={b.id} value={b.id}>
                {nodeName(b, t)}
              </option>
            ))}
          </select>
        </label>
      )}
      <h3>gunicorn.service</h3>
      <p className={`ops-state ops-state--${unit.active === 'active' ? 'up' : unit.sub === 'auto-restart' ? 'slow' : 'down'}`} role="status" aria-label={t('ops.server.unitState')}>
        {stateText}
      </p>
      <div className="ops-buttons" role="group" aria-label="systemctl">
        {verbs.map((v) => (
          <button key={v} type="button" className="btn btn--mono" onClick={() => ops.systemctl(v, gunicorn.id)}>
            systemctl {v}
          </button>
        ))}
        <button type="button" className="btn" disabled={unit.active !== 'active'} onClick={() => ops.crashMaster(gunicorn.id)}>
          {t('ops.server.crash')}
        </button>
      </div>
      <label className="ops-field">
        <input type="checkbox" checked={cfg.restart === 'always'} onChange={(e) => ops.setUnitConfig({ restart: e.target.checked ? 'always' : 'no' })} />
        <code>Restart=always</code>
      </label>
      <label className="ops-field">
        <span>
          <code>RestartSec</code> ({t('ops.server.seconds')})
        </span>
        <input
          type="number"
          min={0.1}
          max={30}
          step={0.5}
          value={cfg.restartSec / 1000}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v > 0) ops.setUnitConfig({ restartSec: v * 1000 });
          }}
        />
      </label>
      <p className="ops-note">{cfg.restart === 'always' ? t('ops.server.whyAlways') : t('ops.server.whyNo')}</p>
      <p className="ops-note">{t('ops.server.enable')}</p>

      <h3 id="ops-proc-title">{t('ops.server.processes')}</h3>
      <table className="ops-table" aria-labelledby="ops-proc-title">
        <thead>
          <tr>
            <th scope="col" className="num">PID</th>
            <th scope="col">USER</th>
            <th scope="col" className="num">%CPU</th>
            <th scope="col" className="num">MB</th>
            <th scope="col">{t('ops.server.process')}</th>
          </tr>
        </thead>
        <tbody>
          {processes.map((p) => (
            <tr key={p.pid} data-role={p.role}>
              <td className="num">{p.pid}</td>
              <td>{p.user}</td>
              <td className="num">{p.cpu.toFixed(1)}</td>
              <td className="num">{p.memMb.toFixed(0)}</td>
              <td>
                {p.name}
                {p.role === 'master' && p.name === 'gunicorn' ? ` (${t('ops.server.master')})` : p.role === 'worker' && p.name === 'gunicorn' ? ` (${t('ops.server.worker')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ops-note">{t('ops.server.listenNote')}</p>

      <h3 id="ops-term-title">{t('ops.server.terminal')}</h3>
      <p className="ops-note">{t('ops.server.terminalHint')}</p>
      <div className="ops-term">
        <pre className="ops-term__out" ref={outRef} role="log" aria-labelledby="ops-term-title" tabIndex={0}>
          {entries.map((e) => (
            <span key={e.id}>
              {e.prompt !== undefined && `${prompt} ${e.prompt}\n`}
              {e.lines.map((l) => `${l}\n`).join('')}
              {e.hint && <span className="ops-term__hint">{`# ${t(`ops.server.hint.${e.hint}`)}\n`}</span>}
            </span>
          ))}
        </pre>
        <form className="ops-term__prompt" onSubmit={run}>
          <span aria-hidden="true">{prompt}</span>
          <input
            aria-label={t('ops.server.command')}
            value={line}
            onChange={(e) => setLine(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="ps aux"
          />
        </form>
      </div>
    </section>
  );
}

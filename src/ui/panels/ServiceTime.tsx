import { CATALOG } from '../../core/catalog/catalog';
import type { TopoNode } from '../../core/topology/types';
import { useT } from '../useT';

/** The node's service time as the simulation uses it: mean (Django: CPU + I/O) and its spread (serviceCv), explained. */
export function ServiceTime({ node }: { node: TopoNode }) {
  const t = useT();
  const cap = CATALOG[node.kind].capacity;
  if (node.kind === 'user' || node.kind === 'server' || cap.serviceMs === undefined) return null;
  const p = node.params ?? {};
  const lang = t('app.locale');
  const fmt = (x: number) => x.toLocaleString(lang, { maximumFractionDigits: 2 });
  const cv = typeof p.serviceCv === 'number' ? p.serviceCv : (cap.serviceCv ?? 1);
  let mean = typeof p.serviceMs === 'number' ? p.serviceMs : cap.serviceMs;
  let split: { cpu: number; io: number } | null = null;
  if (node.kind === 'django') {
    const dCpu = cap.cpuMs ?? 0;
    const total = typeof p.serviceMs === 'number' ? p.serviceMs : undefined;
    const cpu = typeof p.cpuMs === 'number' ? p.cpuMs : total !== undefined ? Math.min(total, dCpu) : dCpu;
    const io = typeof p.ioMs === 'number' ? p.ioMs : total !== undefined ? Math.max(0, total - cpu) : (cap.ioMs ?? 0);
    split = { cpu, io };
    mean = cpu + io;
  }
  return (
    <details className="inspector__service">
      <summary>{t('engine.serviceTitle')}</summary>
      <dl className="inspector__facts">
        <dt>{t('engine.mean')}</dt>
        <dd>
          {t('engine.meanValue', { ms: fmt(mean) })}
          {split && ` (${t('engine.split', { cpu: fmt(split.cpu), io: fmt(split.io) })})`}
        </dd>
        <dt>{t('engine.cv')}</dt>
        <dd>{fmt(cv)}</dd>
      </dl>
      <p>{t('engine.cvExplain')}</p>
      <p>{t('engine.cpuExplain')}</p>
    </details>
  );
}

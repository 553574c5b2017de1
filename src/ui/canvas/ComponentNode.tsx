import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { Icon } from '../icons';
import { useSimStore } from '../../state/simStore';
import type { ComponentFlowNode } from './nodeData';
import './packets.css';

/** utilisation → a colour class: green below 60 %, amber below 85 %, red from 85 %. */
function loadClass(percent: number | null): string {
  if (percent === null) return '';
  if (percent >= 85) return ' load-high';
  if (percent >= 60) return ' load-warn';
  return ' load-ok';
}

function ComponentNodeView({ id, data, selected }: NodeProps<ComponentFlowNode>) {
  const t = useT();
  const entry = CATALOG[data.kind];
  // Live load: each node selects only its own primitives, so a summary re-renders only the
  // nodes whose numbers changed.
  const queue = useSimStore((s) => s.nodeLoad[id]?.queue ?? 0);
  const percent = useSimStore((s) => {
    const u = s.nodeLoad[id]?.utilisation;
    return u === null || u === undefined ? null : Math.round(Math.min(1, Math.max(0, u)) * 100);
  });
  const up = useSimStore((s) => s.nodeLoad[id]?.up ?? true);
  const loadText =
    percent === null
      ? t('packets.loadUnlimited', { queue })
      : t('packets.load', { queue, percent });
  return (
    <div
      className={`pv-node tier-${entry.tier}${selected ? ' is-selected' : ''}${up ? loadClass(percent) : ' is-stopped'}`}
    >
      <Handle id="l" type="target" position={Position.Left} />
      <Handle id="t" type="target" position={Position.Top} />
      <div className="pv-node__icon">
        <Icon name={entry.icon} size={30} />
      </div>
      <div className="pv-node__text">
        <div className="pv-node__name">{data.name}</div>
        <div className="pv-node__role">{t(`catalog.${data.kind}.role`)}</div>
      </div>
      {entry.port !== undefined && <div className="pv-node__port">:{entry.port}</div>}
      {!up ? (
        <div className="pv-node__stopped">{t('packets.stopped')}</div>
      ) : (
        <>
          {queue > 0 && (
            <div
              className="pv-node__queue"
              title={t('packets.waiting', { count: queue })}
              aria-hidden="true"
            >
              {queue}
            </div>
          )}
          {percent !== null && (
            <div className="pv-node__load" aria-hidden="true">
              <div className="pv-node__load-fill" style={{ width: `${percent}%` }} />
            </div>
          )}
          <span className="visually-hidden">{loadText}</span>
        </>
      )}
      <Handle id="r" type="source" position={Position.Right} />
      <Handle id="b" type="source" position={Position.Bottom} />
      <Handle
        id="sl"
        type="source"
        position={Position.Left}
        className="pv-handle-side"
        style={{ top: '78%' }}
      />
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);

import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { Icon } from '../icons';
import type { ComponentFlowNode } from './nodeData';

function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  const t = useT();
  const entry = CATALOG[data.kind];
  return (
    <div className={`pv-node tier-${entry.tier}${selected ? ' is-selected' : ''}`}>
      <Handle id="l" type="target" position={Position.Left} isConnectable={false} />
      <Handle id="t" type="target" position={Position.Top} isConnectable={false} />
      <div className="pv-node__icon">
        <Icon name={entry.icon} size={30} />
      </div>
      <div className="pv-node__text">
        <div className="pv-node__name">{data.name}</div>
        <div className="pv-node__role">{t(`catalog.${data.kind}.role`)}</div>
      </div>
      {entry.port !== undefined && <div className="pv-node__port">:{entry.port}</div>}
      <Handle id="r" type="source" position={Position.Right} isConnectable={false} />
      <Handle id="b" type="source" position={Position.Bottom} isConnectable={false} />
      <Handle
        id="sl"
        type="source"
        position={Position.Left}
        isConnectable={false}
        className="pv-handle-side"
        style={{ top: '78%' }}
      />
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);

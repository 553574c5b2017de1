import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { Icon } from '../icons';
import type { ServerFlowNode } from './nodeData';

function ServerNodeView({ data, selected }: NodeProps<ServerFlowNode>) {
  const t = useT();
  const memoryGb = Math.round((data.memoryMb / 1024) * 10) / 10;
  return (
    <div className={`pv-server${selected ? ' is-selected' : ''}`}>
      <div className="pv-server__header">
        <Icon name="server" size={20} />
        <span className="pv-server__name">{data.name}</span>
        <span className="pv-server__spec">
          {t('canvas.serverSpec', { cores: data.cores, memory: memoryGb })}
        </span>
      </div>
    </div>
  );
}

export const ServerNode = memo(ServerNodeView);

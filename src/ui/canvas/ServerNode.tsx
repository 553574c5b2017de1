import { memo } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { Icon } from '../icons';
import { resizeBox } from '../../core/topology/containers';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { useEditorStore } from '../editor/editorStore';
import { resizing } from './resizing';
import type { ServerFlowNode } from './nodeData';

/** Opens the rename form for a box (double-click on its name). */
function renameBox(id: string) {
  useUiStore.getState().setEditorOpen(true);
  useEditorStore.getState().setRenaming(id);
}

function ServerNodeView({ id, data, selected, isConnectable }: NodeProps<ServerFlowNode>) {
  const t = useT();
  const memoryGb = Math.round((data.memoryMb / 1024) * 10) / 10;
  return (
    <div className={`pv-server${selected ? ' is-selected' : ''}`}>
      {isConnectable && (
        <NodeResizer
          isVisible={selected ?? false}
          minWidth={140}
          minHeight={110}
          color="var(--accent)"
          handleClassName="pv-resize-handle"
          onResizeStart={() => resizing.add(id)}
          onResizeEnd={(_, p) => {
            resizing.delete(id);
            const scene = useUiStore.getState().scene;
            const doc = useDocumentStore.getState();
            doc.replaceTopology(scene, resizeBox(doc.topologies[scene], id, p));
          }}
        />
      )}
      <div className="pv-server__header" onDoubleClick={() => isConnectable && renameBox(id)}>
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

import { memo } from 'react';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { ServerHeader } from './CardBody';
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
      <ServerHeader
        name={data.name}
        cores={data.cores}
        memoryMb={data.memoryMb}
        onDoubleClick={() => isConnectable && renameBox(id)}
      />
    </div>
  );
}

export const ServerNode = memo(ServerNodeView);

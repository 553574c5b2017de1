import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { useEditorStore } from '../editor/editorStore';
import type { ComponentFlowNode } from './nodeData';
import { CardBody } from './CardBody';
import { useCardFrame } from './cardLoad';
import './packets.css';

const ARROWS = [
  { id: 'ar', position: Position.Right, d: 'M4 3l9 7-9 7z' },
  { id: 'ab', position: Position.Bottom, d: 'M3 4l7 9 7-9z' },
  { id: 'al', position: Position.Left, d: 'M16 3l-9 7 9 7z' },
  { id: 'at', position: Position.Top, d: 'M3 16l7-9 7 9z' },
] as const;

function ComponentNodeView({ id, data, selected, isConnectable }: NodeProps<ComponentFlowNode>) {
  const t = useT();
  const entry = CATALOG[data.kind];
  const { frame, up } = useCardFrame(id);
  const connectRole = useEditorStore((s) =>
    s.connecting?.target === id
      ? ' is-connect-target'
      : s.connecting?.source === id
        ? ' is-connect-source'
        : '',
  );
  return (
    <div
      className={`pv-node tier-${entry.tier}${selected ? ' is-selected' : ''}${frame}${connectRole}`}
    >
      {isConnectable &&
        ARROWS.map((a) => (
          // draw.io-style arrows: drag one to another component, or click it and then the target.
          <Handle
            key={a.id}
            id={a.id}
            type="source"
            position={a.position}
            className={`pv-arrow pv-arrow--${a.position}`}
            title={t('editor.connect.arrow')}
          >
            <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
              <path d={a.d} />
            </svg>
          </Handle>
        ))}
      <Handle id="l" type="target" position={Position.Left} />
      <Handle id="t" type="target" position={Position.Top} />
      <CardBody id={id} kind={data.kind} name={data.name} up={up} />
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

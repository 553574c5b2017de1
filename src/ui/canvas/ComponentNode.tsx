import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { Icon } from '../icons';
import { useSimStore, type SimState } from '../../state/simStore';
import { useEditorStore } from '../editor/editorStore';
import type { ComponentFlowNode } from './nodeData';
import { GlossaryTip } from '../glossary/GlossaryTip';
import './packets.css';

/** From this utilisation (%) a node is busy: its bar and its frame turn red. */
const HIGH = 85;

/** utilisation → a colour class: green below 60 %, amber below HIGH, red from HIGH. */
function loadClass(percent: number | null): string {
  if (percent === null) return '';
  if (percent >= HIGH) return ' load-high';
  if (percent >= 60) return ' load-warn';
  return ' load-ok';
}

/** A node's utilisation as a whole percent, null when unlimited (from the last summary). */
function percentOf(s: SimState, id: string): number | null {
  const u = s.nodeLoad[id]?.utilisation;
  return u === null || u === undefined ? null : Math.round(Math.min(1, Math.max(0, u)) * 100);
}

/**
 * A node's live load (the queue badge's hover box, load bar, the text screen readers get): its own
 * subscription, so a summary re-renders this small part of the nodes whose numbers moved —
 * not the node with its name, icon and seven handles.
 */
const NodeLoad = memo(function NodeLoad({ id }: { id: string }) {
  const t = useT();
  const queue = useSimStore((s) => s.nodeLoad[id]?.queue ?? 0);
  const percent = useSimStore((s) => percentOf(s, id));
  const loadText = percent === null ? t('packets.loadUnlimited', { queue }) : t('packets.load', { queue, percent });
  return (
    <>
      {queue > 0 && (
        // The badge with its number is drawn on the packet layer (packets/renderer.ts): as
        // text here, 35 badges' new numbers four times a second were a third of a summary's
        // frame on a slow laptop. This empty box where it sits keeps its glossary tip.
        <GlossaryTip term="queue" focus="node">
          <div className="pv-node__queue" aria-hidden="true" style={{ width: `calc(${String(queue).length}ch + 18px)` }} />
        </GlossaryTip>
      )}
      {percent !== null && (
        <GlossaryTip term="load" focus="node">
          <div className={`pv-node__load${loadClass(percent)}`} aria-hidden="true">
            {/* A transform, not a width: moving the bar repaints it without a layout. */}
            <div className="pv-node__load-fill" style={{ transform: `scaleX(${percent / 100})` }} />
          </div>
        </GlossaryTip>
      )}
      {/* Read out as a label, not as text: a new value is then an attribute, which lays
          nothing out (the text version was most of a summary's layout on 200 nodes). */}
      <span className="visually-hidden" role="img" aria-label={loadText} />
    </>
  );
});

const ARROWS = [
  { id: 'ar', position: Position.Right, d: 'M4 3l9 7-9 7z' },
  { id: 'ab', position: Position.Bottom, d: 'M3 4l7 9 7-9z' },
  { id: 'al', position: Position.Left, d: 'M16 3l-9 7 9 7z' },
  { id: 'at', position: Position.Top, d: 'M3 16l7-9 7 9z' },
] as const;

function ComponentNodeView({ id, data, selected, isConnectable }: NodeProps<ComponentFlowNode>) {
  const t = useT();
  const entry = CATALOG[data.kind];
  // Live load: the node itself follows only what changes its frame (stopped, or red when
  // busy) — rare; the numbers are NodeLoad's.
  const high = useSimStore((s) => (percentOf(s, id) ?? 0) >= HIGH);
  const up = useSimStore((s) => s.nodeLoad[id]?.up ?? true);
  const connectRole = useEditorStore((s) =>
    s.connecting?.target === id ? ' is-connect-target' : s.connecting?.source === id ? ' is-connect-source' : '',
  );
  return (
    <div
      className={`pv-node tier-${entry.tier}${selected ? ' is-selected' : ''}${up ? (high ? ' load-high' : '') : ' is-stopped'}${connectRole}`}
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
      <div className="pv-node__icon">
        <Icon name={entry.icon} size={30} />
      </div>
      <div className="pv-node__text">
        <div className="pv-node__name">{data.name}</div>
        <div className="pv-node__role">{t(`catalog.${data.kind}.role`)}</div>
      </div>
      {entry.port !== undefined && <div className="pv-node__port">:{entry.port}</div>}
      {!up ? (
        <GlossaryTip term="node-down" focus="node">
          <div className="pv-node__stopped">{t('packets.stopped')}</div>
        </GlossaryTip>
      ) : (
        <NodeLoad id={id} />
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

import { memo } from 'react';
import { useT } from '../useT';
import { CATALOG, type ComponentKind } from '../../core/catalog/catalog';
import { Icon } from '../icons';
import { useSimStore } from '../../state/simStore';
import { loadClass, percentOf } from './cardLoad';
import { GlossaryTip } from '../glossary/GlossaryTip';

/*
 * The inside of a component's card — icon, name, role, port, live load — and a server box's
 * header, shared by React Flow's nodes (ComponentNode.tsx, ServerNode.tsx) and the static first
 * view (StaticDiagram.tsx), so the two draw the very same diagram.
 */

/**
 * A node's live load (the queue badge's hover box, load bar, the text screen readers get): its own
 * subscription, so a summary re-renders this small part of the nodes whose numbers moved —
 * not the node with its name, icon and seven handles.
 */
const NodeLoad = memo(function NodeLoad({ id }: { id: string }) {
  const t = useT();
  const queue = useSimStore((s) => s.nodeLoad[id]?.queue ?? 0);
  const percent = useSimStore((s) => percentOf(s, id));
  const loadText =
    percent === null
      ? t('packets.loadUnlimited', { queue })
      : t('packets.load', { queue, percent });
  return (
    <>
      {queue > 0 && (
        // The badge with its number is drawn on the packet layer (packets/renderer.ts): as
        // text here, 35 badges' new numbers four times a second were a third of a summary's
        // frame on a slow laptop. This empty box where it sits keeps its glossary tip.
        <GlossaryTip term="queue" focus="node">
          <div
            className="pv-node__queue"
            aria-hidden="true"
            style={{ width: `calc(${String(queue).length}ch + 18px)` }}
          />
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

export function CardBody({
  id,
  kind,
  name,
  up,
}: {
  id: string;
  kind: ComponentKind;
  name: string;
  /** Running (useCardFrame): a stopped component shows "stopped" instead of its load. */
  up: boolean;
}) {
  const t = useT();
  const entry = CATALOG[kind];
  return (
    <>
      <div className="pv-node__icon">
        <Icon name={entry.icon} size={30} />
      </div>
      <div className="pv-node__text">
        <div className="pv-node__name">{name}</div>
        <div className="pv-node__role">{t(`catalog.${kind}.role`)}</div>
      </div>
      {entry.port !== undefined && <div className="pv-node__port">:{entry.port}</div>}
      {!up ? (
        <GlossaryTip term="node-down" focus="node">
          <div className="pv-node__stopped">{t('packets.stopped')}</div>
        </GlossaryTip>
      ) : (
        <NodeLoad id={id} />
      )}
    </>
  );
}

/** A server box's header: its name and its CPU and memory. */
export function ServerHeader({
  name,
  cores,
  memoryMb,
  onDoubleClick,
}: {
  name: string;
  cores: number;
  memoryMb: number;
  onDoubleClick?: () => void;
}) {
  const t = useT();
  const memory = Math.round((memoryMb / 1024) * 10) / 10;
  return (
    <div className="pv-server__header" onDoubleClick={onDoubleClick}>
      <Icon name="server" size={20} />
      <span className="pv-server__name">{name}</span>
      <span className="pv-server__spec">{t('canvas.serverSpec', { cores, memory })}</span>
    </div>
  );
}

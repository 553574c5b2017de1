import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../useT';
import { CATALOG } from '../../core/catalog/catalog';
import { useDocumentStore } from '../../state/documentStore';
import { useUiStore } from '../../state/uiStore';
import { CardBody, ServerHeader } from './CardBody';
import { useCardFrame } from './cardLoad';
import { toFlowNodes } from './flowModel';
import type { FlowNode } from './nodeData';
import { union, type Rect } from './geometry';
import { MINIMAP_COLORS } from './minimapColors';
import { PacketLegend } from './packets/PacketLegend';
import { useFlowWake, type PendingView } from './flowWake';
import { useStill } from '../motion';
import {
  boundsOf,
  fitViewportOf,
  staticEdges,
  staticNodes,
  type StaticNode,
} from './staticGeometry';

/*
 * The diagram as React Flow will draw it, drawn without React Flow: the page's first view (see
 * flowWake.ts for when React Flow takes over, and why). Same cards (CardBody), same edges and
 * frame (staticGeometry.ts), the same background, controls and minimap — so nothing moves when
 * React Flow replaces it. Screen readers get what React Flow gives them: each node a group
 * named by its visible name, with its `data-kind`; each connection a group named `A → B`.
 */

/** React Flow's closed arrowhead (its marker and default colour), for the edges' ends. */
const MARKER_ID = 'pv-static-arrow';
const MARKER_COLOR = '#b1b1b7';

function Card({ n, name }: { n: StaticNode; name: string }) {
  const { frame, up } = useCardFrame(n.id);
  if (n.node.kind === 'server') return null;
  const entry = CATALOG[n.node.kind];
  return (
    <div className={`pv-node tier-${entry.tier}${frame}`}>
      <div className="react-flow__handle react-flow__handle-left target" />
      <div className="react-flow__handle react-flow__handle-top target" />
      <CardBody id={n.id} kind={n.node.kind} name={name} up={up} />
      <div className="react-flow__handle react-flow__handle-right source" />
      <div className="react-flow__handle react-flow__handle-bottom source" />
      <div
        className="react-flow__handle react-flow__handle-left source pv-handle-side"
        style={{ top: '78%' }}
      />
    </div>
  );
}

function ServerBox({ flowNode }: { flowNode: FlowNode | undefined }) {
  if (flowNode?.type !== 'server') return null;
  const { name, cores, memoryMb } = flowNode.data;
  return (
    <div className="pv-server">
      <ServerHeader name={name} cores={cores} memoryMb={memoryMb} />
    </div>
  );
}

/** React Flow's three control buttons: the action each stands for and its icon. */
const CONTROLS: readonly { view: PendingView; viewBox: string; d: string }[] = [
  {
    view: 'zoomIn',
    viewBox: '0 0 32 32',
    d: 'M32 18.133H18.133V32h-4.266V18.133H0v-4.266h13.867V0h4.266v13.867H32z',
  },
  { view: 'zoomOut', viewBox: '0 0 32 5', d: 'M0 0h32v4.2H0z' },
  {
    view: 'fitView',
    viewBox: '0 0 32 30',
    d: 'M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z',
  },
];

function ControlsLook() {
  return (
    <div className="react-flow__panel react-flow__controls vertical bottom left" aria-hidden="true">
      {CONTROLS.map((c) => (
        <button
          key={c.view}
          type="button"
          tabIndex={-1}
          className="react-flow__controls-button"
          onClick={() => useFlowWake.getState().wake(c.view)}
        >
          <svg viewBox={c.viewBox}>
            <path d={c.d} />
          </svg>
        </button>
      ))}
    </div>
  );
}

const MINIMAP = { width: 160, height: 110, offsetScale: 5 };

/** React Flow's MiniMap for this frame: the nodes, and the view's rectangle unmasked. */
function MiniMapLook({ nodes, view }: { nodes: readonly StaticNode[]; view: Rect }) {
  const all = union([boundsOf(nodes), view])!;
  const bw = all.width;
  const bh = all.height;
  const scale = Math.max(bw / MINIMAP.width, bh / MINIMAP.height);
  const vw = scale * MINIMAP.width;
  const vh = scale * MINIMAP.height;
  const offset = MINIMAP.offsetScale * scale;
  const x = all.x - (vw - bw) / 2 - offset;
  const y = all.y - (vh - bh) / 2 - offset;
  const w = vw + offset * 2;
  const h = vh + offset * 2;
  return (
    <div
      className="react-flow__panel react-flow__minimap bottom right"
      style={{ width: MINIMAP.width, height: MINIMAP.height }}
      aria-hidden="true"
    >
      <svg
        width={MINIMAP.width}
        height={MINIMAP.height}
        viewBox={`${x} ${y} ${w} ${h}`}
        className="react-flow__minimap-svg"
      >
        {nodes.map((n) => (
          <rect
            key={n.id}
            className="react-flow__minimap-node"
            x={n.x}
            y={n.y}
            rx={5}
            ry={5}
            width={n.width}
            height={n.height}
            shapeRendering="crispEdges"
            style={
              n.node.kind === 'server'
                ? { fill: 'transparent', stroke: '#94a3b8' }
                : {
                    fill: MINIMAP_COLORS[CATALOG[n.node.kind].tier] ?? '#64748b',
                    stroke: 'transparent',
                  }
            }
          />
        ))}
        <path
          className="react-flow__minimap-mask"
          d={`M${x - offset},${y - offset}h${w + offset * 2}v${h + offset * 2}h${-w - offset * 2}z
        M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </div>
  );
}

/** React Flow's dotted Background (gap 24, dots 1.5) at this viewport. */
function BackgroundLook({ x, y, zoom }: { x: number; y: number; zoom: number }) {
  const gap = 24 * zoom || 1;
  const size = 1.5 * zoom;
  return (
    <svg className="pv-static__bg">
      <pattern
        id="pv-static-dots"
        x={x % gap}
        y={y % gap}
        width={gap}
        height={gap}
        patternUnits="userSpaceOnUse"
        patternTransform={`translate(-${gap / 2},-${gap / 2})`}
      >
        <circle
          cx={size / 2}
          cy={size / 2}
          r={size / 2}
          className="react-flow__background-pattern dots"
        />
      </pattern>
      <rect x="0" y="0" width="100%" height="100%" fill="url(#pv-static-dots)" />
    </svg>
  );
}

export function StaticDiagram({ woken }: { woken: boolean }) {
  const t = useT();
  const scene = useUiStore((s) => s.scene);
  const theme = useUiStore((s) => s.theme);
  const select = useUiStore((s) => s.select);
  const still = useStill();
  const topology = useDocumentStore((s) => s.topologies[scene]);
  const nodes = useMemo(() => staticNodes(topology), [topology]);
  // What React Flow is given (names, a server's CPU and memory), so both draw the same.
  const flowNodes = useMemo(
    () => new Map(toFlowNodes(topology, t, null).map((n) => [n.id, n] as const)),
    [topology, t],
  );
  const names = useMemo(
    () => new Map([...flowNodes.values()].map((n) => [n.id, n.data.name] as const)),
    [flowNodes],
  );
  const edges = useMemo(() => staticEdges(topology, nodes, names), [topology, nodes, names]);

  // The pane's size, read before the first paint (React Flow reads it the same way).
  const root = useRef<HTMLDivElement>(null);
  const [pane, setPane] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const read = () => {
      const next = { width: el.offsetWidth, height: el.offsetHeight };
      setPane((p) => (p && p.width === next.width && p.height === next.height ? p : next));
    };
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const vp =
    pane && pane.width > 0 && pane.height > 0
      ? fitViewportOf(boundsOf(nodes), pane.width, pane.height)
      : null;
  // Servers first and below the edges, as React Flow stacks them (zIndex −1).
  const ordered = useMemo(
    () => [
      ...nodes.filter((n) => n.node.kind === 'server'),
      ...nodes.filter((n) => n.node.kind !== 'server'),
    ],
    [nodes],
  );

  // The cards and edges do not depend on the pane's size: rendered once, in the page's first
  // (time-sliced) render; the size only moves the viewport, the dots and the minimap.
  const content = useMemo(
    () => (
      <>
        <svg className="pv-static__edges">
          <defs>
            <marker
              id={MARKER_ID}
              markerWidth="18"
              markerHeight="18"
              viewBox="-10 -10 20 20"
              markerUnits="strokeWidth"
              orient="auto-start-reverse"
              refX="0"
              refY="0"
            >
              <polyline
                strokeLinecap="round"
                strokeLinejoin="round"
                points="-5,-4 0,0 -5,4 -5,-4"
                style={{ strokeWidth: 1, stroke: MARKER_COLOR, fill: MARKER_COLOR }}
              />
            </marker>
          </defs>
          {edges.map((e) => (
            <g
              key={e.id}
              className="pv-static__edge"
              data-id={e.id}
              role="group"
              aria-roledescription="edge"
              aria-label={e.label}
            >
              <path
                className="react-flow__edge-path"
                d={e.d}
                fill="none"
                markerEnd={`url(#${MARKER_ID})`}
              />
            </g>
          ))}
        </svg>
        {ordered.map((n) => {
          const name = names.get(n.id) ?? n.id;
          const server = n.node.kind === 'server';
          return (
            <div
              key={n.id}
              className="pv-static__node"
              data-id={n.id}
              data-kind={n.node.kind}
              role="group"
              aria-roledescription="node"
              aria-label={name}
              tabIndex={woken ? -1 : 0}
              onClick={() => select(n.id)}
              style={{
                transform: `translate(${n.x}px, ${n.y}px)`,
                zIndex: server ? -1 : 0,
                ...(server ? { width: n.width, height: n.height } : {}),
              }}
            >
              {server ? <ServerBox flowNode={flowNodes.get(n.id)} /> : <Card n={n} name={name} />}
            </div>
          );
        })}
      </>
    ),
    [edges, ordered, names, flowNodes, woken, select],
  );

  return (
    <div
      ref={root}
      className={`pv-static ${theme}`}
      // Once React Flow is mounting underneath, this copy is only a picture of it.
      aria-hidden={woken || undefined}
    >
      {vp && <BackgroundLook x={vp.x} y={vp.y} zoom={vp.zoom} />}
      <div
        className="pv-static__viewport"
        style={
          vp
            ? { transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` }
            : { visibility: 'hidden' }
        }
      >
        {content}
      </div>
      <PacketLegend still={still} />
      <ControlsLook />
      {vp && pane && (
        <MiniMapLook
          nodes={nodes}
          view={{
            x: -vp.x / vp.zoom,
            y: -vp.y / vp.zoom,
            width: pane.width / vp.zoom,
            height: pane.height / vp.zoom,
          }}
        />
      )}
    </div>
  );
}

import { useEffect } from 'react';
import { ViewportPortal, useInternalNode, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useTraceStore } from '../../state/traceStore';
import { useUiStore } from '../../state/uiStore';
import '../panels/trace.css';

const ERROR_KINDS = new Set(['error', 'reject', 'timeout', 'fail', 'drop']);

function reducedMotion(): boolean {
  if (!useUiStore.getState().animations) return true;
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Shows the traced request's current step on the canvas: the node it is at and the edge it
 * travelled light up (data-trace attributes on React Flow's own elements, styled in
 * trace.css), a numbered marker rings the node, and the view pans when the node is off
 * screen. Render it inside <ReactFlow>. It re-renders only when the step changes.
 */
export function TraceHighlight() {
  const open = useTraceStore((s) => s.open);
  const highlight = useTraceStore((s) => s.highlight);
  const index = useTraceStore((s) => s.index);
  const kind = useTraceStore((s) => s.steps[s.index]?.kind);
  const domNode = useStore((s) => s.domNode);
  const focus = open ? highlight.focus : null;
  const back = kind === 'respond';

  // Light up the step's nodes and edge.
  useEffect(() => {
    if (!open || !domNode) return;
    const marked: Element[] = [];
    const mark = (el: Element | null, value: string) => {
      if (!el) return;
      el.setAttribute('data-trace', value);
      marked.push(el);
    };
    highlight.nodes.forEach((id, i) =>
      mark(domNode.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`), i === 0 ? 'current' : 'touched'),
    );
    if (highlight.edge !== null) {
      const edge = domNode.querySelector(`.react-flow__edge[data-id="${CSS.escape(highlight.edge)}"]`);
      mark(edge, 'current');
      if (edge && back) edge.setAttribute('data-trace-dir', 'back');
    }
    return () => {
      for (const el of marked) {
        el.removeAttribute('data-trace');
        el.removeAttribute('data-trace-dir');
      }
    };
  }, [open, domNode, highlight, back]);

  // Keep the current node on screen: when it is (partly) off screen, pan just enough to bring it in.
  const store = useStoreApi();
  const { setViewport } = useReactFlow();
  useEffect(() => {
    if (focus === null) return;
    const s = store.getState();
    const node = s.nodeLookup.get(focus);
    if (!node || s.width === 0 || s.height === 0) return;
    const w = node.measured.width ?? node.width ?? 0;
    const h = node.measured.height ?? node.height ?? 0;
    const [tx, ty, zoom] = s.transform;
    const left = node.internals.positionAbsolute.x * zoom + tx;
    const top = node.internals.positionAbsolute.y * zoom + ty;
    const right = left + w * zoom;
    const bottom = top + h * zoom;
    const m = 32;
    const shift = (lo: number, hi: number, size: number) =>
      hi - lo > size - 2 * m ? size / 2 - (lo + hi) / 2 : lo < m ? m - lo : hi > size - m ? size - m - hi : 0;
    const dx = shift(left, right, s.width);
    const dy = shift(top, bottom, s.height);
    if (dx !== 0 || dy !== 0) {
      void setViewport({ x: tx + dx, y: ty + dy, zoom }, { duration: reducedMotion() ? 0 : 350 });
    }
  }, [focus, store, setViewport]);

  if (focus === null) return null;
  return <TraceMarker id={focus} n={index + 1} error={kind !== undefined && ERROR_KINDS.has(kind)} />;
}

function TraceMarker({ id, n, error }: { id: string; n: number; error: boolean }) {
  const node = useInternalNode(id);
  const still = useUiStore((s) => !s.animations);
  if (!node) return null;
  const w = node.measured.width ?? node.width ?? 0;
  const h = node.measured.height ?? node.height ?? 0;
  if (w === 0 || h === 0) return null;
  const pad = 6;
  const { x, y } = node.internals.positionAbsolute;
  return (
    <ViewportPortal>
      <div className={still ? 'trace-still' : undefined} aria-hidden="true">
        <div
          className={`trace-marker${error ? ' trace-marker--error' : ''}`}
          style={{
            transform: `translate(${x - pad}px, ${y - pad}px)`,
            width: w + 2 * pad,
            height: h + 2 * pad,
          }}
        >
          <span className="trace-marker__badge">{n}</span>
        </div>
      </div>
    </ViewportPortal>
  );
}

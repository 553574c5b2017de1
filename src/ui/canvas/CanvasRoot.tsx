import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './Canvas';

/**
 * The diagram with its React Flow provider: the one chunk that brings React Flow and d3.
 * App loads it lazily (see loadCanvas.ts) so the page's frame, toolbar and side panel render
 * from the initial script while React Flow is still on the wire.
 */
export default function CanvasRoot() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}

/**
 * The Web Worker that owns the simulation: every message from the page goes to the engine
 * host (host.ts); frames come back with their buffer transferred, not copied. When the page
 * hands over the packet layer's canvas (OffscreenCanvas), the packets are drawn here, right
 * after each advance, and frames carry only their count: no per-frame transfer, and the
 * canvas's raster and commit leave the page's main thread.
 */
import { createEngineHost } from './host';
import type { PacketsConfig, ToEngine } from './protocol';

/** The bits of DedicatedWorkerGlobalScope used here (the project's lib is the DOM's). */
interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToEngine>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = createEngineHost((msg, transfer) => scope.postMessage(msg, transfer ?? []));

/** The drawer, once its code has loaded; the layer's settings wait for it until then. */
let configure: ((cfg: PacketsConfig) => void) | null = null;
const waiting: PacketsConfig[] = [];

function attachCanvas(canvas: OffscreenCanvas) {
  // The drawing code is the packet layer's own (pure canvas code: no React, no document),
  // loaded only when the page hands a canvas over.
  void import('../../ui/canvas/packets/workerDrawer').then(({ WorkerDrawer }) => {
    const drawer = new WorkerDrawer(canvas);
    for (const cfg of waiting.splice(0)) drawer.configure(cfg);
    configure = (cfg) => drawer.configure(cfg);
    host.setDrawer(drawer);
  });
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.op === 'canvas') attachCanvas(msg.canvas);
  else if (msg.op === 'packets') {
    if (configure) configure(msg);
    else waiting.push(msg);
  } else host.handle(msg);
};

/**
 * The Web Worker that owns the simulation: every message from the page goes to the engine
 * host (host.ts); frames come back with their buffer transferred, not copied.
 */
import { createEngineHost } from './host';
import type { ToEngine } from './protocol';

/** The bits of DedicatedWorkerGlobalScope used here (the project's lib is the DOM's). */
interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToEngine>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = createEngineHost((msg, transfer) => scope.postMessage(msg, transfer ?? []));
scope.onmessage = (e) => host.handle(e.data);

/**
 * The packet layer as drawn in the engine's worker: an OffscreenCanvas (handed over by the
 * page's <canvas>) and the same PacketRenderer as the page's fallback. The page sends the
 * size, the view (pan/zoom, theme, motion), the sampled edge paths and the nodes' queues when
 * they change; the engine host calls draw() after every frame it advances.
 */
import type { FrameDrawer } from '../../../state/simWorker/host';
import type { PacketFrame, PacketsConfig } from '../../../state/simWorker/protocol';
import { PacketRenderer } from './renderer';

export class WorkerDrawer implements FrameDrawer {
  private readonly renderer: PacketRenderer;

  constructor(canvas: OffscreenCanvas) {
    this.renderer = new PacketRenderer(canvas);
  }

  configure(cfg: PacketsConfig) {
    const r = this.renderer;
    if (cfg.size) r.resize(cfg.size.width, cfg.size.height, cfg.size.dpr);
    if (cfg.layout) r.setLayout(cfg.layout.edges, cfg.layout.boxes);
    if (cfg.view) r.setView(cfg.view);
    if (cfg.queues) r.setQueues(cfg.queues);
    r.redraw();
  }

  draw(frame: PacketFrame) {
    this.renderer.frame(frame);
  }
}

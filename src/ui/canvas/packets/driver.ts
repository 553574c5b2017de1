/**
 * The page's side of the packet layer, once per animation frame: notices what the drawing
 * depends on — the pane's transform, the theme, motion, the refused label, the edge paths
 * React Flow rendered (sampled here, where the SVG is), the node boxes and the nodes' queues
 * (from the summaries, for the badges the renderer draws) — and passes only
 * what changed to the renderer: the worker's (configurePackets, when the canvas went to the
 * worker) or one in the page, which it then also asks to draw the frame.
 */
import type { useStoreApi } from '@xyflow/react';
import type { EngineView, NodeLoad } from '../../../state/simStore';
import type { NodeBox, PacketsConfig, PacketView } from '../../../state/simWorker/protocol';
import type { Theme } from '../../../state/uiStore';
import { EdgeGeometry } from './edgeGeometry';
import { queuesOf } from './queueBadges';
import type { PacketRenderer } from './renderer';

type FlowStore = ReturnType<typeof useStoreApi>;

export interface DriverOptions {
  theme: () => Theme;
  still: () => boolean;
  refused: () => string;
  on: () => boolean;
  /** The last summary's load per node (the same object until a summary changes it). */
  loads: () => Readonly<Record<string, NodeLoad>>;
}

/** Where the layer is drawn: the worker (configure only) or a renderer in the page. */
export type DriverOutput = { kind: 'worker'; configure: (cfg: PacketsConfig) => void } | { kind: 'page'; renderer: PacketRenderer };

const sameView = (a: PacketView, b: PacketView) =>
  a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.theme === b.theme && a.still === b.still && a.refused === b.refused && a.on === b.on;

export class PacketDriver {
  private readonly geometry = new EdgeGeometry();
  /** Frames left in which to re-read edge paths (the DOM may settle a frame after the store). */
  private layoutFrames = 2;
  private frames = 0;
  private view: PacketView | null = null;
  private boxesKey = '';
  private loads: Readonly<Record<string, NodeLoad>> | null = null;

  constructor(
    private readonly store: FlowStore,
    private readonly options: DriverOptions,
    private readonly out: DriverOutput,
  ) {}

  /** The layout (node positions, sizes, edges) changed: re-read the edge paths. */
  layoutChanged() {
    this.layoutFrames = 2;
  }

  resize(width: number, height: number, dpr: number) {
    if (this.out.kind === 'page') this.out.renderer.resize(width, height, dpr);
    else this.out.configure({ size: { width, height, dpr } });
  }

  tick(engine: EngineView) {
    const rf = this.store.getState();
    let cfg: PacketsConfig | null = null;
    // Catch layout changes the store did not announce (a node measured late): compare `d`s now and then.
    if (++this.frames % 30 === 0) this.layoutFrames = Math.max(this.layoutFrames, 1);
    if (this.layoutFrames > 0) {
      this.layoutFrames--;
      let changed = rf.domNode ? this.geometry.sync(rf.domNode, rf.edges) : false;
      const boxes: NodeBox[] = [];
      let key = '';
      for (const node of rf.nodeLookup.values()) {
        if (node.type === 'server') continue;
        const w = node.measured.width ?? 0;
        const h = node.measured.height ?? 0;
        if (w === 0 || h === 0) continue;
        const { x, y } = node.internals.positionAbsolute;
        boxes.push({ id: node.id, x, y, w, h });
        key += `${node.id}|${x}|${y}|${w}|${h};`;
      }
      if (key !== this.boxesKey) {
        this.boxesKey = key;
        changed = true;
      }
      if (changed) {
        const edges = [...this.geometry.tables.values()].map((t) => ({ id: t.id, source: t.source, target: t.target, pts: t.pts.slice() }));
        cfg = { layout: { edges, boxes } };
      }
    }
    const [tx, ty, zoom] = rf.transform;
    const o = this.options;
    const view: PacketView = { tx, ty, zoom, theme: o.theme(), still: o.still(), refused: o.refused(), on: o.on() };
    if (this.view === null || !sameView(this.view, view)) {
      this.view = view;
      cfg = { ...cfg, view };
    }
    const loads = o.loads();
    if (loads !== this.loads) {
      this.loads = loads;
      cfg = { ...cfg, queues: queuesOf(loads) };
    }
    if (this.out.kind === 'worker') {
      if (cfg) this.out.configure(cfg);
      return;
    }
    const r = this.out.renderer;
    if (cfg?.layout) r.setLayout(cfg.layout.edges, cfg.layout.boxes);
    if (cfg?.view) r.setView(cfg.view);
    if (cfg?.queues) r.setQueues(cfg.queues);
    r.frame(engine);
  }
}

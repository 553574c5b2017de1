/**
 * Draws every in-flight packet on one canvas, once per animation frame, straight from the
 * engine's packed transits. Nothing here touches React or the document: positions come from
 * edge lookup tables (sampled on the page, see edgeGeometry.ts), each packet is one drawImage
 * from a sprite atlas at whole device pixels (see sprites.ts), off-screen packets are skipped,
 * and the loop allocates nothing. The same class draws in the engine's worker (on an
 * OffscreenCanvas, see workerDrawer.ts) or, where that is not available, in the page.
 */
import { F_EDGE, F_FLAGS, F_FROM, F_STATUS, F_T0, F_T1, F_TO, FLAG_BACK, FLAG_CACHE_HIT, FLAG_ERROR, STRIDE } from '../../../core/sim/transitPack';
import type { EdgePath, NodeBox, PacketFrame, PacketView } from '../../../state/simWorker/protocol';
import type { Theme } from '../../../state/uiStore';
import { SAMPLES } from './edgeGeometry';
import { paletteFor } from './palette';
import { queueBadges, type QueueBadge } from './queueBadges';
import { CELL_ERROR, CELL_RESPONSE, CELL_STAR, LabelSprites, SpriteAtlas, context2d, type Ctx2D } from './sprites';

interface EdgeTable extends EdgePath {
  /** Reduced motion: packets on this edge at the last count. */
  count: number;
  errors: number;
}

/** Reduced motion: recount traffic at most this often, ms. */
const STILL_INTERVAL = 250;

/** Edge tables and the index of each edge's source, by the frame's name indices. */
interface EdgeRef {
  tab: EdgeTable;
  source: number;
}

/** Packet size (half width, CSS px) at a zoom, in quarter-pixel steps so the atlas is rarely redrawn. */
function packetSize(zoom: number): number {
  return Math.round(7 * Math.min(1.4, Math.max(0.85, zoom)) * 4) / 4;
}

/**
 * Overdraw grid cell, device px. A packet whose sprite was already drawn in the same cell this
 * frame is skipped: it would be hidden under an identical one at most a pixel or two away.
 * Many thousands of packets on a few edges pile up like that, so the cost of a frame follows
 * the visible edge length, not the packet count.
 */
const GRID = 2;
/** Grid values: frame stamp in the high 22 bits, one "drawn" bit per sprite in the low 10. */
const STAMP_SHIFT = 10;
const STAMP_MAX = 1 << 21;
/** Error labels: at most one per cell of this size (CSS px) and none in the cells beside it. */
const LABEL_CELL_W = 30;
const LABEL_CELL_H = 16;

class Batch {
  xy = new Float32Array(512);
  /** Error status per point (error batch only). */
  status = new Int32Array(256);
  n = 0;
  push(x: number, y: number, status: number) {
    if (this.n * 2 + 2 > this.xy.length) {
      const xy = new Float32Array(this.xy.length * 2);
      xy.set(this.xy);
      this.xy = xy;
      const st = new Int32Array(this.status.length * 2);
      st.set(this.status);
      this.status = st;
    }
    this.xy[this.n * 2] = x;
    this.xy[this.n * 2 + 1] = y;
    this.status[this.n] = status;
    this.n++;
  }
}

export class PacketRenderer {
  private readonly ctx: Ctx2D | null;
  private readonly tables = new Map<string, EdgeTable>();
  private boxes: NodeBox[] = [];
  private queues: Readonly<Record<string, number>> = {};
  private badges: QueueBadge[] = [];
  /** What `badges` was worked out for. */
  private badgesAt: { queues: object | null; boxes: object | null; tx: number; ty: number; zoom: number } = {
    queues: null,
    boxes: null,
    tx: NaN,
    ty: NaN,
    zoom: NaN,
  };
  private view: PacketView = { tx: 0, ty: 0, zoom: 1, theme: 'light', still: false, refused: '', on: true };
  private readonly atlas = new SpriteAtlas();
  private readonly errors = new Batch();
  private grid = new Uint32Array(0);
  private gridW = 0;
  private gridH = 0;
  private stamp = 0;
  private labelGrid = new Uint32Array(0);
  private readonly labels = new LabelSprites();
  private readonly nodeTraffic = new Map<string, number>();
  private readonly refs: (EdgeRef | undefined)[] = [];
  private refsVersion = -1;
  private width = 0;
  private dpr = 1;
  private dirty = true;
  private lastNow = NaN;
  private lastCount = -1;
  private lastTx = NaN;
  private lastTy = NaN;
  private lastZoom = NaN;
  private lastTheme: Theme | null = null;
  private lastStill: boolean | null = null;
  private lastCountAt = -Infinity;
  private lastRefused = '';
  private lastOn = true;
  private errorFont = '700 12px monospace';
  private last: PacketFrame | null = null;

  constructor(private readonly canvas: HTMLCanvasElement | OffscreenCanvas) {
    this.ctx = context2d(canvas);
  }

  /** New edge paths and node boxes (the page sends them when the layout changed). */
  setLayout(edges: readonly EdgePath[], boxes: readonly NodeBox[]) {
    this.tables.clear();
    for (const e of edges) this.tables.set(e.id, { ...e, count: 0, errors: 0 });
    this.boxes = [...boxes];
    this.refs.length = 0;
    this.refsVersion = -1;
    this.dirty = true;
    this.lastCountAt = -Infinity;
  }

  /** The requests waiting at each node (a summary's numbers), for the queue badges. */
  setQueues(queues: Readonly<Record<string, number>>) {
    this.queues = queues;
    this.dirty = true;
  }

  setView(view: PacketView) {
    this.view = view;
  }

  /** Draws the last frame again (the view or layout changed while nothing advanced). */
  redraw() {
    if (this.last) this.frame(this.last);
  }

  resize(width: number, height: number, dpr: number) {
    const w = Math.max(1, Math.round(width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    this.width = width;
    this.dpr = dpr;
    this.dirty = true;
    this.gridW = Math.ceil(w / GRID);
    this.gridH = Math.ceil(h / GRID);
    if (this.grid.length < this.gridW * this.gridH)
      this.grid = new Uint32Array(this.gridW * this.gridH);
    this.grid.fill(0);
    this.labelGrid.fill(0);
    this.stamp = 0;
  }

  frame(engine: PacketFrame) {
    this.last = engine;
    const ctx = this.ctx;
    if (!ctx || this.width === 0) return;
    const { tx, ty, zoom, theme, still, refused, on } = this.view;
    if (!on) {
      if (this.lastOn) this.clear(ctx);
      this.lastOn = false;
      return;
    }
    if (!this.lastOn) {
      this.lastOn = true;
      this.dirty = true;
    }
    const count = engine.count;
    const now = engine.now;
    if (
      tx !== this.lastTx ||
      ty !== this.lastTy ||
      zoom !== this.lastZoom ||
      theme !== this.lastTheme ||
      still !== this.lastStill ||
      refused !== this.lastRefused
    ) {
      this.dirty = true;
      if (still !== this.lastStill || refused !== this.lastRefused) this.lastCountAt = -Infinity;
      if (zoom !== this.lastZoom) {
        const s = packetSize(zoom);
        this.errorFont = `700 ${Math.round(Math.max(10, s * 2.3))}px ui-monospace, 'DejaVu Sans Mono', monospace`;
      }
      this.lastTx = tx;
      this.lastTy = ty;
      this.lastZoom = zoom;
      this.lastTheme = theme;
      this.lastStill = still;
      this.lastRefused = refused;
    }
    const changed = now !== this.lastNow || count !== this.lastCount;
    if (still) {
      const t = performance.now();
      if (changed && t - this.lastCountAt >= STILL_INTERVAL) {
        this.lastCountAt = t;
        this.lastNow = now;
        this.lastCount = count;
        this.countTraffic(engine);
        this.dirty = true;
      }
      if (!this.dirty) return;
      this.dirty = false;
      this.drawStill(ctx, tx, ty, zoom, theme);
      this.drawQueues(ctx, tx, ty, zoom, theme);
      return;
    }
    if (!this.dirty && !changed) return;
    // Nothing in flight and nothing drawn: leave the cleared canvas alone.
    if (!this.dirty && count === 0 && this.lastCount === 0) {
      this.lastNow = now;
      return;
    }
    this.dirty = false;
    this.lastNow = now;
    this.lastCount = count;
    this.drawMoving(ctx, engine, tx, ty, zoom, theme, refused);
    this.drawQueues(ctx, tx, ty, zoom, theme);
  }

  /**
   * The nodes' queue badges (queueBadges.ts), over the packets. Where they go is worked out
   * again only when the queues, the boxes or the pan and zoom changed, not every frame.
   */
  private drawQueues(ctx: Ctx2D, tx: number, ty: number, zoom: number, theme: Theme) {
    const at = this.badgesAt;
    if (at.queues !== this.queues || at.boxes !== this.boxes || at.tx !== tx || at.ty !== ty || at.zoom !== zoom) {
      this.badgesAt = { queues: this.queues, boxes: this.boxes, tx, ty, zoom };
      this.badges = queueBadges(this.boxes, this.queues, { tx, ty, zoom }, (text, font) => {
        ctx.font = font;
        return ctx.measureText(text).width;
      });
    }
    const badges = this.badges;
    if (badges.length === 0) return;
    const pal = paletteFor(theme);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const b of badges) {
      ctx.beginPath();
      ctx.roundRect(b.x, b.y, b.w, b.h, b.h / 2);
      ctx.fillStyle = pal.queueRing;
      ctx.fill();
      ctx.beginPath();
      ctx.roundRect(b.x + b.ring, b.y + b.ring, b.w - 2 * b.ring, b.h - 2 * b.ring, b.h / 2 - b.ring);
      ctx.fillStyle = pal.queue;
      ctx.fill();
      ctx.font = b.font;
      ctx.fillStyle = pal.queueText;
      ctx.fillText(b.text, b.x + b.w / 2, b.y + b.h / 2 + 0.5 * (b.h / 24));
    }
  }

  private clear(ctx: Ctx2D) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
  }

  private drawMoving(
    ctx: Ctx2D,
    engine: PacketFrame,
    tx: number,
    ty: number,
    zoom: number,
    theme: Theme,
    refused: string,
  ) {
    this.clear(ctx);
    const n = engine.count;
    if (n === 0) return;
    const now = engine.now;
    const data = engine.data;
    const refs = this.edgeRefs(engine);
    const dpr = this.dpr;
    const pal = paletteFor(theme);
    const s = packetSize(zoom);
    const atlas = this.atlas;
    atlas.update(s, dpr, pal);
    const img = atlas.canvas;
    const asx = atlas.sx;
    const aw = atlas.w;
    const ah = atlas.h;
    const half = aw[CELL_STAR]!;
    // Whole device pixels from here on: drawImage at integer offsets is a plain copy.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const maxX = this.canvas.width + half;
    const maxY = this.canvas.height + half;
    const errors = this.errors;
    errors.n = 0;
    const grid = this.grid;
    const gridW = this.gridW;
    const gridH = this.gridH;
    if (++this.stamp >= STAMP_MAX) {
      grid.fill(0);
      this.labelGrid.fill(0);
      this.stamp = 1;
    }
    const stampBits = this.stamp << STAMP_SHIFT;

    for (let i = 0, o = 0; i < n; i++, o += STRIDE) {
      const ref = refs[data[o + F_EDGE]!];
      if (ref === undefined) continue;
      const tab = ref.tab;
      if (tab === undefined) continue;
      const t0 = data[o + F_T0]!;
      const span = data[o + F_T1]! - t0;
      let p = span > 0 ? (now - t0) / span : 1;
      if (p < 0) p = 0;
      else if (p > 1) p = 1;
      // A response runs the edge backwards: from its target to its source.
      if (data[o + F_FROM] !== ref.source) p = 1 - p;
      const f = p * SAMPLES;
      let k = f | 0;
      if (k >= SAMPLES) k = SAMPLES - 1;
      const fr = f - k;
      const pts = tab.pts;
      const j = k * 2;
      const x0 = pts[j]!;
      const y0 = pts[j + 1]!;
      const dx = ((x0 + (pts[j + 2]! - x0) * fr) * zoom + tx) * dpr;
      const dy = ((y0 + (pts[j + 3]! - y0) * fr) * zoom + ty) * dpr;
      if (dx < -half || dy < -half || dx > maxX || dy > maxY) continue;
      const flags = data[o + F_FLAGS]!;
      const c =
        flags & FLAG_ERROR
          ? CELL_ERROR
          : flags & FLAG_CACHE_HIT
            ? CELL_STAR
            : (flags & 3) + (flags & FLAG_BACK ? CELL_RESPONSE : 0);
      const gx = (dx / GRID) | 0;
      const gy = (dy / GRID) | 0;
      if (dx >= 0 && dy >= 0 && gx < gridW && gy < gridH) {
        const g = gy * gridW + gx;
        let v = grid[g]!;
        if (v >>> STAMP_SHIFT !== this.stamp) v = stampBits;
        const bit = 1 << c;
        if ((v & bit) !== 0) continue;
        grid[g] = v | bit;
      }
      if (c === CELL_ERROR) {
        errors.push(dx, dy, data[o + F_STATUS]!);
        continue;
      }
      const w = aw[c]!;
      const h = ah[c]!;
      ctx.drawImage(img, asx[c]!, 0, w, h, (dx - w / 2) | 0, (dy - h / 2) | 0, w, h);
    }

    // Errors on top: a red cross with its status beside it.
    if (errors.n === 0) return;
    const xy = errors.xy;
    const ex = asx[CELL_ERROR]!;
    const ew = aw[CELL_ERROR]!;
    const eh = ah[CELL_ERROR]!;
    for (let i = 0; i < errors.n; i++) {
      ctx.drawImage(
        img,
        ex,
        0,
        ew,
        eh,
        (xy[i * 2]! - ew / 2) | 0,
        (xy[i * 2 + 1]! - eh / 2) | 0,
        ew,
        eh,
      );
    }
    const labels = this.labels;
    labels.prepare(this.errorFont, dpr, pal, refused);
    const off = ew / 2 + 1;
    // One label per patch of canvas: crosses may pile up, their numbers must stay readable.
    const lw = LABEL_CELL_W * dpr;
    const lh = LABEL_CELL_H * dpr;
    const cols = Math.ceil(this.canvas.width / lw) + 2;
    const rows = Math.ceil(this.canvas.height / lh) + 2;
    if (this.labelGrid.length < cols * rows) this.labelGrid = new Uint32Array(cols * rows);
    const lg = this.labelGrid;
    const stamp = this.stamp;
    for (let i = 0; i < errors.n; i++) {
      const x = xy[i * 2]! + off;
      const y = xy[i * 2 + 1]!;
      const gx = ((x + lw) / lw) | 0;
      const gy = ((y + lh) / lh) | 0;
      if (gx < 1 || gy < 0 || gx >= cols - 1 || gy >= rows) continue;
      const g = gy * cols + gx;
      if (lg[g] === stamp || lg[g - 1] === stamp || lg[g + 1] === stamp) continue;
      lg[g] = stamp;
      const label = labels.get(errors.status[i]!);
      if (label === null) continue;
      ctx.drawImage(label.canvas, x | 0, (y - label.h / 2) | 0);
    }
  }

  /** Each name index's edge table (when it names an edge on screen) and its source's index. */
  private edgeRefs(engine: PacketFrame): (EdgeRef | undefined)[] {
    const refs = this.refs;
    const names = engine.names;
    if (engine.namesVersion !== this.refsVersion) {
      refs.length = 0;
      this.refsVersion = engine.namesVersion;
    }
    if (refs.length === names.length) return refs;
    const tables = this.tables;
    const index = new Map<string, number>();
    for (let i = 0; i < names.length; i++) index.set(names[i]!, i);
    refs.length = 0;
    for (let i = 0; i < names.length; i++) {
      const tab = tables.get(names[i]!);
      refs.push(tab === undefined ? undefined : { tab, source: index.get(tab.source) ?? -1 });
    }
    return refs;
  }

  /** Reduced motion: how many packets each edge and node carries right now. */
  private countTraffic(engine: PacketFrame) {
    const tables = this.tables;
    for (const tab of tables.values()) {
      tab.count = 0;
      tab.errors = 0;
    }
    const nodes = this.nodeTraffic;
    nodes.clear();
    const data = engine.data;
    const names = engine.names;
    for (let i = 0, o = 0; i < engine.count; i++, o += STRIDE) {
      const tab = tables.get(names[data[o + F_EDGE]!]!);
      if (tab === undefined) continue;
      tab.count++;
      if (data[o + F_FLAGS]! & FLAG_ERROR) tab.errors++;
      const to = names[data[o + F_TO]!]!;
      const from = names[data[o + F_FROM]!]!;
      nodes.set(to, (nodes.get(to) ?? 0) + 1);
      nodes.set(from, (nodes.get(from) ?? 0) + 1);
    }
  }

  private drawStill(
    ctx: Ctx2D,
    tx: number,
    ty: number,
    zoom: number,
    theme: Theme,
  ) {
    this.clear(ctx);
    const pal = paletteFor(theme);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    // Nodes with traffic: a ring around the card.
    ctx.strokeStyle = pal.busy;
    ctx.lineWidth = 3;
    ctx.beginPath();
    for (const box of this.boxes) {
      if (!this.nodeTraffic.has(box.id)) continue;
      const w = box.w * zoom;
      const h = box.h * zoom;
      if (w === 0 || h === 0) continue;
      const x = box.x * zoom + tx - 5;
      const y = box.y * zoom + ty - 5;
      ctx.roundRect(x, y, w + 10, h + 10, 16 * zoom + 4);
    }
    ctx.stroke();
    // Edges with traffic: thicker, coloured, with a count at the middle.
    ctx.globalAlpha = 0.85;
    for (const tab of this.tables.values()) {
      if (tab.count === 0) continue;
      const pts = tab.pts;
      ctx.beginPath();
      ctx.moveTo(pts[0]! * zoom + tx, pts[1]! * zoom + ty);
      for (let i = 1; i <= SAMPLES; i++)
        ctx.lineTo(pts[i * 2]! * zoom + tx, pts[i * 2 + 1]! * zoom + ty);
      ctx.lineWidth = 3 + Math.min(7, Math.log2(1 + tab.count) * 1.5);
      ctx.strokeStyle = tab.errors * 2 > tab.count ? pal.error : pal.busy;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.font = `700 ${Math.round(Math.max(11, 13 * Math.min(1.4, zoom)))}px ui-sans-serif, system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    for (const tab of this.tables.values()) {
      if (tab.count === 0) continue;
      const m = SAMPLES; // the middle point: index SAMPLES / 2, times 2 coordinates
      const x = tab.pts[m]! * zoom + tx;
      const y = tab.pts[m + 1]! * zoom + ty;
      const text = tab.errors > 0 ? `${tab.count} · ✕${tab.errors}` : String(tab.count);
      const w = ctx.measureText(text).width + 12;
      ctx.beginPath();
      ctx.roundRect(x - w / 2, y - 10, w, 20, 10);
      ctx.fillStyle = tab.errors * 2 > tab.count ? pal.error : pal.busy;
      ctx.fill();
      ctx.fillStyle = pal.label;
      ctx.fillText(text, x, y + 0.5);
    }
  }
}

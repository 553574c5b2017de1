/**
 * Packet sprites: every packet style drawn once into a small atlas, so a frame blits
 * 10,000 packets with drawImage at whole device pixels (a plain copy, even on a software
 * rasteriser) instead of anti-aliasing one huge path per style. Redrawn only when the
 * packet size (zoom, in steps), the pixel ratio or the theme changes.
 */
import type { PacketPalette, PacketShape } from './palette';
import { TYPE_ORDER, TYPE_SHAPE } from './palette';

const TAU = Math.PI * 2;

/**
 * A 2D context: the page's canvas or an OffscreenCanvas in the engine's worker. They draw
 * alike; the offscreen one only lacks DOM-bound extras this code never uses.
 */
export type Ctx2D = CanvasRenderingContext2D;
export type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** A scratch canvas: a DOM one in the page, an OffscreenCanvas in a worker. */
export function scratchCanvas(): AnyCanvas {
  return typeof document !== 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(1, 1);
}

export function context2d(canvas: AnyCanvas): Ctx2D | null {
  return canvas.getContext('2d') as Ctx2D | null;
}

/** Atlas cells: 0–3 requests by type, 4–7 responses by type, 8 cache hit, 9 error cross. */
export const CELL_RESPONSE = 4;
export const CELL_STAR = 8;
export const CELL_ERROR = 9;
export const CELLS = 10;

/** Unit star: 5 outer and 5 inner points. */
const STAR = new Float32Array(20);
for (let i = 0; i < 10; i++) {
  const r = i % 2 === 0 ? 1 : 0.45;
  const a = -Math.PI / 2 + (i * Math.PI) / 5;
  STAR[i * 2] = Math.cos(a) * r;
  STAR[i * 2 + 1] = Math.sin(a) * r;
}

export function addShape(
  ctx: Ctx2D,
  shape: PacketShape,
  x: number,
  y: number,
  s: number,
) {
  switch (shape) {
    case 'square': {
      const h = s * 0.85;
      ctx.rect(x - h, y - h, h * 2, h * 2);
      break;
    }
    case 'circle':
      ctx.moveTo(x + s, y);
      ctx.arc(x, y, s, 0, TAU);
      break;
    case 'diamond': {
      const h = s * 1.25;
      ctx.moveTo(x, y - h);
      ctx.lineTo(x + h, y);
      ctx.lineTo(x, y + h);
      ctx.lineTo(x - h, y);
      ctx.closePath();
      break;
    }
    case 'pill': {
      // A larger rounded rectangle: an upload is a big body.
      const w = s * 1.7;
      const h = s * 1.05;
      ctx.roundRect(x - w, y - h, w * 2, h * 2, h * 0.6);
      break;
    }
  }
}

/** Half extents (x, y) of each cell's drawing around its centre, CSS px, before the margin. */
function extents(s: number): Float32Array {
  const lwResponse = Math.max(1.5, s * 0.45) / 2;
  const lwCross = (Math.max(2.5, s * 0.7) + 2) / 2;
  const r = 0.85 * s;
  return new Float32Array([
    // requests: square, circle, diamond, pill
    s * 0.85,
    s * 0.85,
    s,
    s,
    s * 1.25,
    s * 1.25,
    s * 1.7,
    s * 1.05,
    // responses: the same shapes at 0.85 s, plus half the outline
    r * 0.85 + lwResponse,
    r * 0.85 + lwResponse,
    r + lwResponse,
    r + lwResponse,
    r * 1.25 + lwResponse,
    r * 1.25 + lwResponse,
    r * 1.7 + lwResponse,
    r * 1.05 + lwResponse,
    // star, cross
    s * 1.6 + 0.7,
    s * 1.6 + 0.7,
    s * 1.05 + lwCross,
    s * 1.05 + lwCross,
  ]);
}

/**
 * All sprites side by side in one canvas, each in a tight cell (fewer pixels to blend per
 * packet). Cell i: source x `sx[i]`, size `w[i]` × `h[i]` device px, centred on the packet.
 */
export class SpriteAtlas {
  readonly canvas: AnyCanvas;
  readonly sx = new Int32Array(CELLS);
  readonly w = new Int32Array(CELLS);
  readonly h = new Int32Array(CELLS);
  private key = '';

  constructor() {
    this.canvas = scratchCanvas();
  }

  /** Redraws the atlas when anything it depends on changed. */
  update(s: number, dpr: number, pal: PacketPalette) {
    const key = `${s}|${dpr}|${pal.hollow}|${pal.type.page}`;
    if (key === this.key) return;
    this.key = key;
    const ext = extents(s);
    let x = 0;
    let height = 0;
    for (let i = 0; i < CELLS; i++) {
      // One device pixel of margin for anti-aliasing; even sizes keep the centre on a pixel edge.
      const w = 2 * Math.ceil((ext[i * 2]! + 1) * dpr);
      const h = 2 * Math.ceil((ext[i * 2 + 1]! + 1) * dpr);
      this.sx[i] = x;
      this.w[i] = w;
      this.h[i] = h;
      x += w + 2;
      height = Math.max(height, h);
    }
    this.canvas.width = x;
    this.canvas.height = height;
    const ctx = context2d(this.canvas);
    if (!ctx) return;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    // Draw each sprite with its centre at the middle of its cell.
    const at = (i: number) => {
      ctx.setTransform(dpr, 0, 0, dpr, this.sx[i]! + this.w[i]! / 2, this.h[i]! / 2);
    };
    for (let ti = 0; ti < 4; ti++) {
      const type = TYPE_ORDER[ti]!;
      const shape = TYPE_SHAPE[type];
      // Request: filled.
      at(ti);
      ctx.beginPath();
      addShape(ctx, shape, 0, 0, s);
      ctx.fillStyle = pal.type[type];
      ctx.fill();
      // Response: the same shape, hollow.
      at(CELL_RESPONSE + ti);
      ctx.beginPath();
      addShape(ctx, shape, 0, 0, s * 0.85);
      ctx.fillStyle = pal.hollow;
      ctx.fill();
      ctx.lineWidth = Math.max(1.5, s * 0.45);
      ctx.strokeStyle = pal.type[type];
      ctx.stroke();
    }
    at(CELL_STAR);
    ctx.beginPath();
    const r = s * 1.6;
    ctx.moveTo(STAR[0]! * r, STAR[1]! * r);
    for (let k = 1; k < 10; k++) ctx.lineTo(STAR[k * 2]! * r, STAR[k * 2 + 1]! * r);
    ctx.closePath();
    ctx.fillStyle = pal.star;
    ctx.fill();
    ctx.lineWidth = 1.25;
    ctx.strokeStyle = pal.starStroke;
    ctx.stroke();
    at(CELL_ERROR);
    const h = s * 1.05;
    ctx.beginPath();
    ctx.moveTo(-h, -h);
    ctx.lineTo(h, h);
    ctx.moveTo(h, -h);
    ctx.lineTo(-h, h);
    ctx.lineWidth = Math.max(2.5, s * 0.7) + 2;
    ctx.strokeStyle = pal.hollow;
    ctx.stroke();
    ctx.lineWidth -= 2;
    ctx.strokeStyle = pal.error;
    ctx.stroke();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }
}

export interface LabelSprite {
  canvas: AnyCanvas;
  /** Size in device px. */
  w: number;
  h: number;
}

/**
 * Error status labels ("502", "refused"), each rendered once per look into its own small
 * canvas: drawing text per packet per frame would be the slowest thing on the canvas.
 */
export class LabelSprites {
  private readonly cache = new Map<number, LabelSprite>();
  private key = '';

  /** Drops the cache when the font, pixel ratio, colours or the refused text changed. */
  prepare(font: string, dpr: number, pal: PacketPalette, refused: string) {
    const key = `${font}|${dpr}|${pal.error}|${pal.hollow}|${refused}`;
    if (key !== this.key) {
      this.key = key;
      this.cache.clear();
      this.font = font;
      this.dpr = dpr;
      this.pal = pal;
      this.refused = refused;
    }
  }

  private font = '';
  private dpr = 1;
  private pal: PacketPalette | null = null;
  private refused = '';

  get(status: number): LabelSprite | null {
    const hit = this.cache.get(status);
    if (hit !== undefined) return hit;
    const pal = this.pal;
    if (pal === null) return null;
    const text = status === 0 ? this.refused : String(status);
    const canvas = scratchCanvas();
    const ctx = context2d(canvas);
    if (!ctx) return null;
    ctx.font = this.font;
    const m = ctx.measureText(text);
    const size = Number.parseFloat(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? '12');
    const w = Math.ceil((m.width + 6) * this.dpr);
    const h = Math.ceil((size * 1.3 + 4) * this.dpr);
    canvas.width = w;
    canvas.height = h;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.font = this.font;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = pal.hollow;
    ctx.fillStyle = pal.error;
    const y = h / this.dpr / 2;
    ctx.strokeText(text, 3, y);
    ctx.fillText(text, 3, y);
    const sprite = { canvas, w, h };
    this.cache.set(status, sprite);
    return sprite;
  }
}

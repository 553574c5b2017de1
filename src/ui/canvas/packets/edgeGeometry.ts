/**
 * Edge paths as lookup tables. React Flow renders each edge as an SVG path in flow
 * coordinates (it already respects the edge's type and handles); when the layout changes we
 * read each path's `d` once and sample it at equal arc-length steps, so a packet's position
 * along its edge is one multiply and one lerp per frame — no SVG calls in the hot loop.
 */
import { samplePath } from './pathSampler';

/** Segments per edge (the table holds SAMPLES + 1 points). */
export const SAMPLES = 48;

export interface EdgeTable {
  id: string;
  source: string;
  target: string;
  /** The `d` the table was sampled from (resample only when it changes). */
  d: string;
  /** x0, y0, x1, y1, … in flow coordinates, equally spaced along the path. */
  pts: Float32Array;
  /** Reduced motion: packets on this edge at the last count. */
  count: number;
  errors: number;
}

export interface EdgeRef {
  id: string;
  source: string;
  target: string;
}

function sample(path: SVGPathElement, d: string, out: Float32Array): boolean {
  // React Flow's own shapes are read in JavaScript; the DOM only for anything else.
  if (samplePath(d, out, SAMPLES)) return true;
  let total: number;
  try {
    total = path.getTotalLength();
  } catch {
    return false;
  }
  if (!Number.isFinite(total) || total <= 0) return false;
  for (let i = 0; i <= SAMPLES; i++) {
    const p = path.getPointAtLength((total * i) / SAMPLES);
    out[i * 2] = p.x;
    out[i * 2 + 1] = p.y;
  }
  return true;
}

export class EdgeGeometry {
  readonly tables = new Map<string, EdgeTable>();

  /**
   * Re-reads the rendered edge paths under `root`. Only edges whose path changed are
   * resampled; edges that are gone are dropped. Returns true when any table changed.
   */
  sync(root: ParentNode, edges: readonly EdgeRef[]): boolean {
    const paths = new Map<string, SVGPathElement>();
    for (const g of root.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const id = g.getAttribute('data-id');
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path');
      if (id !== null && path !== null) paths.set(id, path);
    }
    let changed = false;
    const keep = new Set<string>();
    for (const e of edges) {
      const path = paths.get(e.id);
      const d = path?.getAttribute('d') ?? '';
      if (!path || d === '') continue;
      keep.add(e.id);
      const old = this.tables.get(e.id);
      if (old && old.d === d && old.source === e.source && old.target === e.target) continue;
      const table: EdgeTable = old ?? {
        id: e.id,
        source: e.source,
        target: e.target,
        d: '',
        pts: new Float32Array((SAMPLES + 1) * 2),
        count: 0,
        errors: 0,
      };
      table.source = e.source;
      table.target = e.target;
      if (!sample(path, d, table.pts)) {
        this.tables.delete(e.id);
        keep.delete(e.id);
        continue;
      }
      table.d = d;
      this.tables.set(e.id, table);
      changed = true;
    }
    for (const id of this.tables.keys()) {
      if (!keep.has(id)) {
        this.tables.delete(id);
        changed = true;
      }
    }
    return changed;
  }
}

/**
 * Samples an SVG path's `d` at equal arc-length steps in plain JavaScript — the shapes React
 * Flow draws edges with (absolute M, L, H, V, C, Q, Z: bezier, smoothstep, step, straight).
 * `SVGPathElement.getPointAtLength` does the same from the DOM but costs a path parse per
 * call: 49 calls an edge made the first sampling a 27 ms task at load. Anything else (relative
 * or arc commands) returns false and the caller falls back to the DOM.
 */

/** Straight pieces each curve is cut into before measuring (0.1 px off on a 400 px edge). */
const CURVE_PIECES = 24;

const TOKEN = /([MLHVCQZmlhvcqzsStTaA])|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/g;

/** The path as a polyline (x0, y0, x1, y1, …), or null for a command this does not read. */
export function flatten(d: string): number[] | null {
  const tokens: (string | number)[] = [];
  for (const m of d.matchAll(TOKEN)) tokens.push(m[1] ?? Number(m[2]));
  const pts: number[] = [];
  let i = 0;
  let cmd = '';
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const num = (): number | null => {
    const v = tokens[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    i++;
    return v;
  };
  while (i < tokens.length) {
    if (typeof tokens[i] === 'string') cmd = tokens[i++] as string;
    else if (cmd === '' || cmd === 'Z') return null;
    if (pts.length === 0 && cmd !== 'M') return null; // a path starts with M
    switch (cmd) {
      case 'M':
      case 'L': {
        const nx = num();
        const ny = num();
        if (nx === null || ny === null) return null;
        if (cmd === 'M') {
          if (pts.length > 0) return null; // one sub-path only: an edge is one stroke
          startX = nx;
          startY = ny;
          cmd = 'L'; // further pairs after M are line-tos
        }
        x = nx;
        y = ny;
        pts.push(x, y);
        break;
      }
      case 'H':
      case 'V': {
        const v = num();
        if (v === null) return null;
        if (cmd === 'H') x = v;
        else y = v;
        pts.push(x, y);
        break;
      }
      case 'C':
      case 'Q': {
        // Control points, then the end point (a quadratic's single control point is x1, y1).
        const x1 = num();
        const y1 = num();
        const x2 = num();
        const y2 = num();
        const x3 = cmd === 'C' ? num() : x2;
        const y3 = cmd === 'C' ? num() : y2;
        if (x1 === null || y1 === null || x2 === null || y2 === null || x3 === null || y3 === null) return null;
        const x0 = x;
        const y0 = y;
        for (let k = 1; k <= CURVE_PIECES; k++) {
          const t = k / CURVE_PIECES;
          const u = 1 - t;
          if (cmd === 'C') {
            pts.push(
              u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
              u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
            );
          } else {
            pts.push(u * u * x0 + 2 * u * t * x1 + t * t * x3, u * u * y0 + 2 * u * t * y1 + t * t * y3);
          }
        }
        x = x3;
        y = y3;
        break;
      }
      case 'Z':
        x = startX;
        y = startY;
        pts.push(x, y);
        break;
      default:
        return null;
    }
  }
  return pts.length >= 4 ? pts : null;
}

/**
 * Fills `out` with `samples + 1` points equally spaced along `d`. False when the path is not
 * one this reads or has no length (the caller then asks the DOM, or skips the edge).
 */
export function samplePath(d: string, out: Float32Array, samples: number): boolean {
  const flat = flatten(d);
  if (!flat) return false;
  const pts = Float64Array.from(flat);
  const n = pts.length / 2;
  const px = (k: number) => pts[k * 2]!;
  const py = (k: number) => pts[k * 2 + 1]!;
  const cum = new Float64Array(n);
  for (let k = 1; k < n; k++) cum[k] = cum[k - 1]! + Math.hypot(px(k) - px(k - 1), py(k) - py(k - 1));
  const total = cum[n - 1]!;
  if (!(total > 0) || !Number.isFinite(total)) return false;
  let seg = 1;
  for (let s = 0; s <= samples; s++) {
    const at = (total * s) / samples;
    while (seg < n - 1 && cum[seg]! < at) seg++;
    const from = cum[seg - 1]!;
    const len = cum[seg]! - from;
    const f = len > 0 ? Math.min(1, Math.max(0, (at - from) / len)) : 0;
    out[s * 2] = px(seg - 1) + (px(seg) - px(seg - 1)) * f;
    out[s * 2 + 1] = py(seg - 1) + (py(seg) - py(seg - 1)) * f;
  }
  return true;
}

/**
 * PNG and SVG of the diagram for slides, with html-to-image (loaded only when asked for).
 * The whole architecture is drawn, framed to its bounds, whatever part of it is on screen.
 */
import { toPng, toSvg } from 'html-to-image';

const PADDING = 32;
const MAX_SIDE = 4096;

function dataUrlToBlob(url: string): Blob {
  const [head, body = ''] = url.split(',', 2);
  const mime = /data:([^;,]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  if ((head ?? '').includes(';base64')) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: mime });
  }
  return new Blob([decodeURIComponent(body)], { type: mime });
}

/** `viewport` is React Flow's .react-flow__viewport element. */
export async function renderImage(viewport: HTMLElement, format: 'png' | 'svg'): Promise<Blob> {
  const nodes = [...viewport.querySelectorAll<HTMLElement>('.react-flow__node')];
  if (nodes.length === 0) throw new Error('nothing to draw');
  // Bounds in flow coordinates, from each node's transform and size.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  const zoom = matrix.a || 1;
  const origin = viewport.getBoundingClientRect();
  for (const n of nodes) {
    const r = n.getBoundingClientRect();
    const x = (r.left - origin.left) / zoom;
    const y = (r.top - origin.top) / zoom;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + r.width / zoom);
    maxY = Math.max(maxY, y + r.height / zoom);
  }
  const width = maxX - minX + 2 * PADDING;
  const height = maxY - minY + 2 * PADDING;
  const scale = Math.min(2, MAX_SIDE / Math.max(width, height));
  const background =
    getComputedStyle(document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
  const options = {
    width,
    height,
    backgroundColor: background,
    pixelRatio: format === 'png' ? scale : 1,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${PADDING - minX}px, ${PADDING - minY}px) scale(1)`,
    },
    // The packet layer and the trace highlight are animation, not architecture.
    filter: (el: HTMLElement) => !(el instanceof HTMLCanvasElement),
  };
  // Each edge is an SVG of the browser's default size that draws outside itself (overflow:
  // visible); the copy html-to-image renders clips it. Size them over the whole diagram.
  const svgs = [...viewport.querySelectorAll<SVGSVGElement>('.react-flow__edges svg')];
  const saved = svgs.map((el) => el.getAttribute('style'));
  for (const el of svgs) {
    el.style.width = `${Math.ceil(maxX + PADDING)}px`;
    el.style.height = `${Math.ceil(maxY + PADDING)}px`;
  }
  try {
    const url = format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
    return dataUrlToBlob(url);
  } finally {
    svgs.forEach((el, i) => {
      const style = saved[i];
      if (style === null || style === undefined) el.removeAttribute('style');
      else el.setAttribute('style', style);
    });
  }
}

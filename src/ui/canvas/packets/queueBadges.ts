/**
 * The nodes' queue badges, drawn on the packet layer (renderer.ts) rather than as text in
 * the cards: at the slider's top every badge's number changes with every summary, and laying
 * out and painting the new text of 35 badges was a third of a summary's frame on a slow
 * laptop. Here: which badges, where, and with what.
 */
import type { NodeLoad } from '../../../state/simStore';
import type { NodeBox } from '../../../state/simWorker/protocol';

/** The queue badge's font at zoom 1 (the node card's --mono, 13 px, extra bold). */
const QUEUE_FONT = "'JetBrains Mono', 'DejaVu Sans Mono', ui-monospace, monospace";

/** The badges' numbers: requests waiting at each running node that has any. */
export function queuesOf(loads: Readonly<Record<string, NodeLoad>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, load] of Object.entries(loads)) if (load.up && load.queue > 0) out[id] = load.queue;
  return out;
}

/** A node's queue badge on screen, CSS px: a pill over the card's top-left corner. */
export interface QueueBadge {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Its ring (the card's surface colour) is this wide. */
  ring: number;
  text: string;
  font: string;
}

/**
 * Where each waiting queue's badge goes, as the card's CSS once placed it (position: absolute,
 * 8 px from the card's padding edge, 12 px above it; 20 px line, 7 px padding, 2 px ring,
 * at least 24 px wide), at the view's pan and zoom. Nodes without a queue get none.
 */
export function queueBadges(
  boxes: readonly NodeBox[],
  queues: Readonly<Record<string, number>>,
  view: { tx: number; ty: number; zoom: number },
  measure: (text: string, font: string) => number,
): QueueBadge[] {
  const { tx, ty, zoom } = view;
  const font = `800 ${Math.round(13 * zoom * 100) / 100}px ${QUEUE_FONT}`;
  const out: QueueBadge[] = [];
  for (const box of boxes) {
    const queue = Object.hasOwn(queues, box.id) ? queues[box.id]! : 0;
    if (!(queue > 0)) continue;
    const text = String(queue);
    // Card: a 7 px left border, a 2 px top border; the badge: 8 px in, 12 px up from them.
    const w = Math.max(24 * zoom, measure(text, font) + 18 * zoom);
    out.push({ x: (box.x + 15) * zoom + tx, y: (box.y - 10) * zoom + ty, w, h: 24 * zoom, ring: 2 * zoom, text, font });
  }
  return out;
}

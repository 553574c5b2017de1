import { describe, expect, it } from 'vitest';
import { queueBadges, queuesOf } from './queueBadges';

/** A monospace stand-in: 8 px a character at 13 px, scaled with the font size. */
const measure = (text: string, font: string) => text.length * 8 * (Number(/(\d+(\.\d+)?)px/.exec(font)?.[1]) / 13);

const boxes = [
  { id: 'nginx', x: 100, y: 50, w: 210, h: 80 },
  { id: 'gunicorn', x: 400, y: 200, w: 210, h: 80 },
  { id: 'django', x: 400, y: 400, w: 210, h: 80 },
];

describe('queue badges on the packet layer', () => {
  it('puts a badge where the card CSS put it: 15 px in from the card, 10 px above, 24 px tall', () => {
    const [b] = queueBadges(boxes, { gunicorn: 7 }, { tx: 0, ty: 0, zoom: 1 }, measure);
    expect(b).toMatchObject({ x: 415, y: 190, h: 24, ring: 2, text: '7' });
    // One digit: its width, 7 px of padding and the 2 px ring on each side (24 px at least).
    expect(b!.w).toBe(26);
  });

  it('grows with the number and follows the pan and zoom', () => {
    const [b] = queueBadges(boxes, { nginx: 1234 }, { tx: 30, ty: -20, zoom: 2 }, measure);
    expect(b).toMatchObject({ x: (100 + 15) * 2 + 30, y: (50 - 10) * 2 - 20, h: 48, ring: 4, text: '1234' });
    expect(b!.w).toBeCloseTo(4 * 16 + 36);
    expect(b!.font).toMatch(/^800 26px /);
  });

  it('draws none for nodes without a queue, with a zero one, or not on the diagram', () => {
    const badges = queueBadges(boxes, { django: 0, gone: 5, toString: 3 } as Record<string, number>, { tx: 0, ty: 0, zoom: 1 }, measure);
    expect(badges).toEqual([]);
  });

  it('takes the numbers of running nodes that have requests waiting', () => {
    expect(
      queuesOf({
        nginx: { queue: 0, busy: 1, utilisation: 0.1, up: true },
        gunicorn: { queue: 12, busy: 4, utilisation: 1, up: true },
        redis: { queue: 3, busy: 0, utilisation: null, up: false },
      }),
    ).toEqual({ gunicorn: 12 });
  });
});

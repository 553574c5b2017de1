import { describe, expect, it } from 'vitest';
import { nearest, pickInDirection } from './direction';

const nodes = [
  { id: 'a', x: 0, y: 0 },
  { id: 'right-near-diagonal', x: 100, y: 90 },
  { id: 'right-straight', x: 150, y: 0 },
  { id: 'below', x: 0, y: 120 },
  { id: 'left', x: -200, y: 10 },
];

describe('pickInDirection', () => {
  it('prefers the node straight ahead over a nearer diagonal one', () => {
    expect(pickInDirection({ x: 0, y: 0 }, 'right', nodes)).toBe('right-straight');
  });
  it('finds nodes in every direction and nothing where there is none', () => {
    expect(pickInDirection({ x: 0, y: 0 }, 'down', nodes)).toBe('below');
    expect(pickInDirection({ x: 0, y: 0 }, 'left', nodes)).toBe('left');
    expect(pickInDirection({ x: 0, y: 0 }, 'up', nodes)).toBeUndefined();
  });
  it('starts with the nearest node downstream', () => {
    expect(nearest({ x: 0, y: 0 }, nodes.filter((n) => n.id !== 'a'))).toBe('below');
    expect(nearest({ x: 0, y: 0 }, [nodes[1]!, nodes[4]!])).toBe('right-near-diagonal');
  });
});

import { describe, expect, it } from 'vitest';
import { flatten, samplePath } from './pathSampler';

const SAMPLES = 48;
const table = () => new Float32Array((SAMPLES + 1) * 2);

/** A cubic bezier measured very finely: the reference the sampler must stay close to. */
function referenceCubic(p: readonly [number, number, number, number, number, number, number, number], at: number): [number, number] {
  const N = 20_000;
  const pt = (t: number): [number, number] => {
    const u = 1 - t;
    return [
      u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6],
      u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7],
    ];
  };
  const lens: number[] = [0];
  let prev = pt(0);
  for (let k = 1; k <= N; k++) {
    const cur = pt(k / N);
    lens.push(lens[k - 1]! + Math.hypot(cur[0] - prev[0], cur[1] - prev[1]));
    prev = cur;
  }
  const target = lens[N]! * at;
  let k = 0;
  while (k < N && lens[k + 1]! < target) k++;
  return pt(k / N);
}

describe('samplePath', () => {
  it('spaces points evenly along a polyline (exact for straight pieces)', () => {
    const out = table();
    // 300 px right, then 180 px down: 480 px in all, 10 px per sample.
    expect(samplePath('M 0,0 L 300,0 L 300,180', out, SAMPLES)).toBe(true);
    expect([out[0], out[1]]).toEqual([0, 0]);
    expect(out[30 * 2]).toBeCloseTo(300, 4); // 300 px in: the corner
    expect(out[30 * 2 + 1]).toBeCloseTo(0, 4);
    expect(out[40 * 2 + 1]).toBeCloseTo(100, 4);
    expect([out[SAMPLES * 2], out[SAMPLES * 2 + 1]]).toEqual([300, 180]);
  });

  it('follows a React Flow bezier edge within half a pixel of its true arc-length points', () => {
    const c = [100, 80, 240, 80, 240, 420, 380, 420] as const;
    const d = `M${c[0]},${c[1]} C${c[2]},${c[3]} ${c[4]},${c[5]} ${c[6]},${c[7]}`;
    const out = table();
    expect(samplePath(d, out, SAMPLES)).toBe(true);
    for (let s = 0; s <= SAMPLES; s++) {
      const [rx, ry] = referenceCubic(c, s / SAMPLES);
      expect(Math.hypot(out[s * 2]! - rx, out[s * 2 + 1]! - ry)).toBeLessThan(0.5);
    }
  });

  it('reads smoothstep paths (L and Q with rounded corners) and H/V/Z', () => {
    const smooth = 'M 10,20L 10,60Q 10,65 15,65L 200,65Q 205,65 205,70L 205,120';
    const pts = flatten(smooth);
    expect(pts).not.toBeNull();
    expect(pts!.slice(-2)).toEqual([205, 120]);
    expect(flatten('M0 0 H 50 V 50 Z')).toEqual([0, 0, 50, 0, 50, 50, 0, 0]);
  });

  it('refuses what it does not read, so the caller asks the DOM', () => {
    const out = table();
    expect(samplePath('M 0 0 l 10 10', out, SAMPLES)).toBe(false); // relative
    expect(samplePath('M 0 0 A 5 5 0 0 1 10 10', out, SAMPLES)).toBe(false); // arc
    expect(samplePath('L 10 10', out, SAMPLES)).toBe(false); // no M first
    expect(samplePath('M 0 0 L 10 10 M 20 20 L 30 30', out, SAMPLES)).toBe(false); // two strokes
    expect(samplePath('M 5 5 L 5 5', out, SAMPLES)).toBe(false); // no length
    expect(samplePath('', out, SAMPLES)).toBe(false);
  });
});

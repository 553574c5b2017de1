import { describe, expect, it } from 'vitest';
import { EventQueue } from './heap';
import { Rng } from './rng';

function drain(q: EventQueue<number>): [number, number][] {
  const out: [number, number][] = [];
  while (q.pop()) out.push([q.time, q.obj!]);
  return out;
}

describe('EventQueue', () => {
  it('pops by time, ties in push order', () => {
    const q = new EventQueue<number>(2);
    q.push(5, 0, 1, 0);
    q.push(1, 0, 2, 0);
    q.push(5, 0, 3, 0);
    q.push(1, 0, 4, 0);
    expect(drain(q)).toEqual([
      [1, 2],
      [1, 4],
      [5, 1],
      [5, 3],
    ]);
  });

  it('a cancelled event never comes out, and the others keep their exact order (through compaction and growth)', () => {
    const rng = new Rng(3);
    const q = new EventQueue<number>(4);
    const ref: { t: number; id: number; seq: number }[] = [];
    const slots = new Map<number, number>();
    let seq = 0;
    for (let id = 0; id < 3000; id++) {
      // Coarse times so that many tie and the push order decides.
      const t = Math.floor(rng.next() * 50);
      slots.set(id, q.push(t, 0, id, 0));
      ref.push({ t, id, seq: seq++ });
      // Cancel about two thirds of what is pending (forces several compactions).
      if (rng.next() < 0.66) {
        const victim = ref[rng.int(ref.length)]!;
        q.cancel(slots.get(victim.id)!);
        ref.splice(ref.indexOf(victim), 1);
      }
    }
    expect(q.size).toBe(ref.length);
    ref.sort((a, b) => a.t - b.t || a.seq - b.seq);
    expect(drain(q)).toEqual(ref.map((r) => [r.t, r.id]));
    expect(q.size).toBe(0);
  });

  it('peekTime skips a cancelled top', () => {
    const q = new EventQueue<number>(8);
    const a = q.push(1, 0, 1, 0);
    q.push(2, 0, 2, 0);
    q.cancel(a);
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(2);
    expect(q.pop()).toBe(true);
    expect(q.obj).toBe(2);
    expect(q.pop()).toBe(false);
  });
});

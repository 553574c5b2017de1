/** A card's live load as classes: shared by the card (CardBody.tsx) and its frame (React Flow's node and the static view). */
import { useSimStore, type SimState } from '../../state/simStore';

/** From this utilisation (%) a node is busy: its bar and its frame turn red. */
export const HIGH = 85;

/** utilisation → a colour class: green below 60 %, amber below HIGH, red from HIGH. */
export function loadClass(percent: number | null): string {
  if (percent === null) return '';
  if (percent >= HIGH) return ' load-high';
  if (percent >= 60) return ' load-warn';
  return ' load-ok';
}

/** A node's utilisation as a whole percent, null when unlimited (from the last summary). */
export function percentOf(s: SimState, id: string): number | null {
  const u = s.nodeLoad[id]?.utilisation;
  return u === null || u === undefined ? null : Math.round(Math.min(1, Math.max(0, u)) * 100);
}

/**
 * The card's frame from the last summary — stopped, or red when busy — and whether it runs.
 * Live load: the card follows only what changes its frame (rare); the numbers are NodeLoad's.
 */
export function useCardFrame(id: string): { frame: string; up: boolean } {
  const high = useSimStore((s) => (percentOf(s, id) ?? 0) >= HIGH);
  const up = useSimStore((s) => s.nodeLoad[id]?.up ?? true);
  return { frame: up ? (high ? ' load-high' : '') : ' is-stopped', up };
}

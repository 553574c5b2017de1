import type { RequestType } from '../../../core/sim/types';
import type { Theme } from '../../../state/uiStore';

/**
 * Packet colours from the Okabe–Ito palette (safe for the common colour-vision deficiencies);
 * every type also has its own shape, so colour is never the only cue.
 */
export const TYPE_ORDER: readonly RequestType[] = ['static', 'page', 'api', 'upload'];

export type PacketShape = 'square' | 'circle' | 'diamond' | 'pill';

export const TYPE_SHAPE: Readonly<Record<RequestType, PacketShape>> = {
  static: 'square',
  page: 'circle',
  api: 'diamond',
  upload: 'pill',
};

export interface PacketPalette {
  type: Readonly<Record<RequestType, string>>;
  /** Fill inside a response's outline (the canvas background, so it reads as hollow). */
  hollow: string;
  error: string;
  star: string;
  starStroke: string;
  /** Text of error labels and edge counts. */
  text: string;
  /** Reduced motion: edges and nodes carrying traffic. */
  busy: string;
  label: string;
  /** A node's queue badge: its fill, its number and the ring that parts it from the node. */
  queue: string;
  queueText: string;
  queueRing: string;
}

const LIGHT: PacketPalette = {
  type: { static: '#E69F00', page: '#0072B2', api: '#009E73', upload: '#CC79A7' },
  hollow: '#f4f6f9',
  error: '#C8102E',
  star: '#F0E442',
  starStroke: '#3b3a06',
  text: '#0f172a',
  busy: '#0072B2',
  label: '#ffffff',
  queue: '#b45309',
  queueText: '#ffffff',
  queueRing: '#ffffff',
};

const DARK: PacketPalette = {
  type: { static: '#E69F00', page: '#56B4E9', api: '#2DC596', upload: '#E08BBB' },
  hollow: '#0b1220',
  error: '#FF5A5F',
  star: '#F0E442',
  starStroke: '#0b1220',
  text: '#f1f5f9',
  busy: '#56B4E9',
  label: '#0b1220',
  queue: '#b45309',
  queueText: '#ffffff',
  queueRing: '#131c2e',
};

export function paletteFor(theme: Theme): PacketPalette {
  return theme === 'dark' ? DARK : LIGHT;
}

export { Simulation, fnv1aString } from './engine';
export { Rng } from './rng';
export { EventQueue } from './heap';
export { erlangC, mmcMeanWait, mmcMeanQueue } from './queueing';
export * from './types';

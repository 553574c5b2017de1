/** The simulation runtime's constants (no store, no engine: safe to import from a worker or Node). */

/** 1× plays simulated time this much slower than the wall clock, so a hop is long enough to see. */
export const REAL_TO_SIM = 0.1;
export const SPEED_MIN = 0.1;
export const SPEED_MAX = 10;
export const RPS_MIN = 0;
export const RPS_MAX = 2000;
/** How often React gets a new summary, in wall-clock ms. */
export const PUBLISH_MS = 250;
/** Rows kept in the event log. */
export const LOG_CAP = 300;
/**
 * Rows the event log shows at once, for any filter. A summary carries only the rows some
 * filter can show (the last LOG_SHOWN, and the last LOG_SHOWN of each request type), not all
 * LOG_CAP: at high rates every row is new every summary, and the page would decode them all.
 */
export const LOG_SHOWN = 40;

/** Network delays the on-screen engine uses: long enough for packets to be seen travelling. */
export const SCREEN_NETWORK = { internetMs: 20, lanMs: 8, localMs: 4 } as const;
/** The metrics window, ms of simulated time (20 s on the wall clock at 1×). */
export const WINDOW_MS = 2000;

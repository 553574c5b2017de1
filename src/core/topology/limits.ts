/**
 * One set of limits for node parameters: the document schema checks them on import, saved
 * state is clamped into them on read, and every control that sets a parameter (the scaling
 * panel's sliders, the editor) stays inside them — so whatever the app writes, it reads back.
 */
export const PARAM_LIMITS = {
  workers: { min: 1, max: 256, integer: true },
  cores: { min: 1, max: 256, integer: true },
  memoryMb: { min: 64, max: 4_194_304, integer: true },
  hitRatio: { min: 0, max: 1, integer: false },
  serviceMs: { min: 0, max: 600_000, integer: false },
  weight: { min: 0, max: 1000, integer: false },
} as const;

export type LimitedParam = keyof typeof PARAM_LIMITS;

/** The value clamped into its limits (rounded when the parameter is a whole number). */
export function clampParam(name: LimitedParam, value: number): number {
  const { min, max, integer } = PARAM_LIMITS[name];
  const v = integer ? Math.round(value) : value;
  return Math.min(max, Math.max(min, v));
}

/**
 * Time the packet layer spends drawing, for the benchmark (src/ui/benchHook.ts reads it; the
 * hook itself loads only in automation-driven browsers, so it is not in the first paint).
 */
export const drawStats = { frames: 0, ms: 0, enabled: true };

/** The hook is wanted: a browser driven by automation, or `?bench` in the URL. */
export function benchWanted(): boolean {
  return typeof window !== 'undefined' && (navigator.webdriver || new URLSearchParams(window.location.search).has('bench'));
}

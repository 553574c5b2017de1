/**
 * A test hook, only under automation (navigator.webdriver): e2e tests set
 * `window.__prodvizCrash = { area, nodeId? }` to make one area throw while rendering (when
 * nodeId is given: only while the scene holds a node with that id — "a saved document that
 * crashes on load"). Real documents can no longer crash a render, so the boundaries need a
 * way to be exercised through the production build.
 */
interface CrashSpec {
  area?: string;
  nodeId?: string;
}

export function crashSpec(area: string): CrashSpec | null {
  if (typeof navigator === 'undefined' || !navigator.webdriver) return null;
  const spec = (window as unknown as { __prodvizCrash?: CrashSpec }).__prodvizCrash;
  return spec && spec.area === area ? spec : null;
}

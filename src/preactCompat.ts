// React runs on preact/compat (vite.config.ts aliases; issue 14's 150 KB first-paint goal).
// Two gaps found by the e2e suite. First, React writes `tabIndex` as the `tabindex` attribute on every
// element, but Preact sets SVG props with setAttribute as spelled, and SVG attributes are
// case-sensitive — React Flow's edges (`<g tabIndex={0}>`) were no longer focusable. Spelling
// it in lower case gives the same attribute on SVG and HTML elements.
import { options, type VNode } from 'preact';

const previous = options.vnode;
options.vnode = (vnode: VNode) => {
  const props = vnode.props as Record<string, unknown> | null;
  if (typeof vnode.type === 'string' && props && 'tabIndex' in props) {
    props.tabindex = props.tabIndex;
    delete props.tabIndex;
  }
  previous?.(vnode);
};

// Effects: React runs the effects of an update caused by a click or a key press before the
// next event is handled; Preact runs every effect after the next frame. React Flow reports a
// new selection from an effect, so a click then Delete (or F2, Ctrl+D) within one frame acted
// on the old selection — on a slow laptop a frame is long enough for a person to do that, and
// the e2e suite did it under load. So effects still wait for the next frame (they stay off the
// first paint), but any input that arrives before then runs them first, before the app — or
// React Flow — sees it: the first listener on window, in the capture phase.
let pending: { flush: () => void } | null = null;
function runPending() {
  const p = pending;
  pending = null;
  p?.flush();
}
options.requestAnimationFrame = (flush: () => void) => {
  const token = { flush };
  pending = token;
  const run = () => {
    if (pending === token) runPending();
  };
  // As Preact does by default: after the next frame, or 35 ms when no frame comes.
  const timeout = setTimeout(run, 35);
  requestAnimationFrame(() => {
    clearTimeout(timeout);
    setTimeout(run);
  });
};
if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'keydown', 'keyup', 'input', 'change', 'touchstart', 'touchend', 'focusin', 'focusout', 'dragstart', 'drop', 'submit']) {
    window.addEventListener(type, runPending, { capture: true });
  }
}

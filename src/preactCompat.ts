// React runs on preact/compat (vite.config.ts aliases; issue 14's 150 KB first-paint goal).
// One gap found by the e2e suite: React writes `tabIndex` as the `tabindex` attribute on every
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

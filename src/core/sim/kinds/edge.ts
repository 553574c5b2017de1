/**
 * The edge of the request path: the user's browser (a load source; see engine.ts for the
 * arrivals) and a CDN (an edge cache for static files: a hit answers at the edge, a miss or
 * any other request goes to the origin; no origin → 502).
 */
import type { Behaviour } from '../model';
import * as M from '../model';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
const { PH_PROXY, T_STATIC } = M;


export const cdn: Behaviour = {
  finish(core, c) {
    const n = c.node;
    const req = c.req;
    if (req.t === T_STATIC && n.hit > 0 && core.rng.next() < n.hit) {
      c.cacheHit = true;
      req.cdnHit = true;
      core.respond(c, 200);
    } else if (n.out.length > 0) {
      core.callChild(c, n.out[n.rr++ % n.out.length]!, PH_PROXY, Infinity);
    } else core.respond(c, 502);
  },
  answer(core, p, status) {
    core.respond(p, status === 0 ? 502 : status);
  },
};

/** Users and server boxes serve nothing. */
export const inert: Behaviour = {
  finish(core, c) {
    core.respond(c, 0);
  },
  answer(core, p, status) {
    core.respond(p, status);
  },
};

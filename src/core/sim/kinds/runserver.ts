/**
 * `manage.py runserver`, Django's development server. It is multithreaded by default
 * (`--nothreading` turns that off): every connection gets a thread in ONE process, so I/O
 * waits overlap but the Python work is serialised by the GIL on one core (the engine gives
 * its Django node a parallelism of 1). It serves static files itself (the staticfiles app's
 * finders, no collectstatic needed). Not for production: no process management, no worker
 * restarts, not hardened or audited, one process.
 */
import type { Behaviour } from '../model';
import * as M from '../model';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
const { PH_PROXY, PH_STATIC, T_STATIC, okStatus } = M;


export const runserver: Behaviour = {
  finish(core, c) {
    const n = c.node;
    if (c.req.t === T_STATIC) {
      if (n.staticE) core.callChild(c, n.staticE, PH_STATIC, Infinity);
      else core.respond(c, 200);
    } else if (n.appE) core.callChild(c, n.appE, PH_PROXY, Infinity);
    else core.respond(c, okStatus(c.req.t));
  },
  answer(core, p, status) {
    if (p.phase === PH_STATIC) core.respond(p, status === 200 ? 200 : 404);
    else core.respond(p, status === 0 ? 500 : status);
  },
};

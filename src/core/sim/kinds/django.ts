/**
 * What Django does with a request inside its worker (or runserver's thread):
 *
 * - its own time splits into CPU (`cpuMs`: middleware, URL routing, the view's Python,
 *   templates; shared with the box's other busy processes, ps.ts) and I/O wait (`ioMs`: a
 *   sleep, an external API; uses no core). Static requests take a quarter of it, uploads twice.
 * - `ALLOWED_HOSTS` without the request's host (`hostAllowed: false`): DisallowedHost, 400.
 * - sessions in Redis (redis `sessions: true`): every dynamic request reads its session first.
 * - `queriesPerRequest` queries, each taking `queryMs` at the database (or the database's own
 *   service time when queryMs is not set); for a page, the cache (Redis) is asked first and a
 *   hit skips the query.
 * - Redis down: Django's cache raises a connection error → 500, unless the cache is told to
 *   ignore exceptions (django-redis IGNORE_EXCEPTIONS, redis `ignoreExceptions: true`): then
 *   a miss, and the query goes to the database. A session read that fails with exceptions
 *   ignored starts an empty session (the user is logged out).
 * - database down or refusing → 500. Uploads are then written to media storage.
 * - `debug: true`: every error page Django sends carries the traceback and settings (leak).
 */
import type { Behaviour, Call, Core } from '../model';
import * as M from '../model';

// Read once: module bindings are getters under some loaders (tsx), and these are read in the hot loop.
const { L_CACHEERR, PH_CACHE, PH_DB, PH_MEDIA, PH_SESSION, T_PAGE, T_STATIC, T_UPLOAD, okStatus } = M;


function next(core: Core, c: Call): void {
  const n = c.node;
  const t = c.req.t;
  const queries = t === T_STATIC ? 0 : n.queries;
  if (c.step < queries) {
    if (t === T_PAGE && n.redisE) core.callChild(c, n.redisE, PH_CACHE, Infinity);
    else if (n.dbE) core.callChild(c, n.dbE, PH_DB, Infinity);
    else core.respond(c, 500);
  } else if (t === T_UPLOAD && n.mediaE && c.phase !== PH_MEDIA) {
    core.callChild(c, n.mediaE, PH_MEDIA, Infinity);
  } else core.respond(c, okStatus(t));
}

/**
 * Redis did not answer p's session read or cache lookup (connection error). Django's cache
 * raises → 500 (answered here, returns false), unless the cache ignores exceptions: then it
 * is a miss and p goes on (returns true).
 */
function cacheFailed(core: Core, p: Call): boolean {
  const n = p.node;
  const ignore = n.redisE !== null && n.redisE.to.ignoreExceptions;
  core.emit(L_CACHEERR, p.req, n, null, n.redisE?.to ?? null, ignore ? -1 : 500, -1);
  if (!ignore) core.respond(p, 500);
  return ignore;
}

export const django: Behaviour = {
  finish(core, c) {
    const n = c.node;
    if (!n.hostAllowed) {
      core.respond(c, 400);
      return;
    }
    c.step = 0;
    const r = n.redisE;
    if (r !== null && r.to.sessions && c.req.t !== T_STATIC) core.callChild(c, r, PH_SESSION, Infinity);
    else next(core, c);
  },
  answer(core, p, status, cacheHit) {
    const n = p.node;
    switch (p.phase) {
      case PH_SESSION:
        if (status === 0 && !cacheFailed(core, p)) return;
        next(core, p);
        return;
      case PH_CACHE:
        if (status === 200 && cacheHit) {
          p.step++;
          next(core, p);
          return;
        }
        if (status === 0 && !cacheFailed(core, p)) return;
        if (n.dbE) core.callChild(p, n.dbE, PH_DB, Infinity);
        else core.respond(p, 500);
        return;
      case PH_DB:
        if (status === 200) {
          p.step++;
          next(core, p);
        } else core.respond(p, 500);
        return;
      case PH_MEDIA:
        core.respond(p, status === 200 ? okStatus(p.req.t) : 500);
        return;
      default:
        core.respond(p, status);
    }
  },
};

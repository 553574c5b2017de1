/**
 * Where data lives: PostgreSQL and SQLite (a connection slot and a query's time; a full
 * connection queue refuses with 503, which Django turns into 500), Redis (a fast lookup:
 * hit 200, miss 404), the static and media directories (a disk read or write).
 */
import type { Behaviour } from '../model';

export const redis: Behaviour = {
  finish(core, c) {
    const n = c.node;
    const hit = n.hit > 0 && core.rng.next() < n.hit;
    c.cacheHit = hit;
    core.respond(c, hit ? 200 : 404);
  },
  answer(core, p, status) {
    core.respond(p, status);
  },
};

/** postgres, sqlite, static, media: the work is done, the answer is 200. */
export const store: Behaviour = {
  finish(core, c) {
    core.respond(c, 200);
  },
  answer(core, p, status) {
    core.respond(p, status);
  },
};

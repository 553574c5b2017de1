/**
 * Each component kind's behaviour (model.ts `Behaviour`), chosen by kind code (model.ts K_*):
 *
 *   user, server → edge.ts `inert`     cdn → edge.ts        nginx → nginx.ts
 *   runserver → runserver.ts           gunicorn → gunicorn.ts   django → django.ts
 *   redis → stores.ts `redis`          postgres, sqlite, static, media → stores.ts `store`
 *
 * The engine calls `finishKind` / `answerKind` once or twice per call; a switch with one
 * call site per kind keeps each site monomorphic (a table of objects would make the call
 * megamorphic and never inlined).
 */
import type { Call, Core } from '../model';
import * as M from '../model';
import { django } from './django';
import { cdn, inert } from './edge';
import { gunicorn } from './gunicorn';
import { nginx } from './nginx';
import { runserver } from './runserver';
import { redis, store } from './stores';

// Read once: module bindings are getters under some loaders.
const { K_CDN, K_DJANGO, K_GUNICORN, K_MEDIA, K_NGINX, K_POSTGRES, K_REDIS, K_RUNSERVER, K_SQLITE, K_STATIC } = M;

/** c's own work at its node is done: what its kind does next (answer, or call a successor). */
export function finishKind(core: Core, c: Call): void {
  switch (c.node.k) {
    case K_NGINX:
      nginx.finish(core, c);
      return;
    case K_GUNICORN:
      gunicorn.finish(core, c);
      return;
    case K_DJANGO:
      django.finish(core, c);
      return;
    case K_REDIS:
      redis.finish(core, c);
      return;
    case K_POSTGRES:
    case K_SQLITE:
    case K_STATIC:
    case K_MEDIA:
      store.finish(core, c);
      return;
    case K_RUNSERVER:
      runserver.finish(core, c);
      return;
    case K_CDN:
      cdn.finish(core, c);
      return;
    default:
      inert.finish(core, c);
  }
}

/** p's successor answered `status` (child: the call that answered, null when it failed on the way). */
export function answerKind(core: Core, p: Call, status: number, cacheHit: boolean, child: Call | null): void {
  switch (p.node.k) {
    case K_NGINX:
      nginx.answer(core, p, status, cacheHit, child);
      return;
    case K_GUNICORN:
      gunicorn.answer(core, p, status, cacheHit, child);
      return;
    case K_DJANGO:
      django.answer(core, p, status, cacheHit, child);
      return;
    case K_REDIS:
      redis.answer(core, p, status, cacheHit, child);
      return;
    case K_POSTGRES:
    case K_SQLITE:
    case K_STATIC:
    case K_MEDIA:
      store.answer(core, p, status, cacheHit, child);
      return;
    case K_RUNSERVER:
      runserver.answer(core, p, status, cacheHit, child);
      return;
    case K_CDN:
      cdn.answer(core, p, status, cacheHit, child);
      return;
    default:
      inert.answer(core, p, status, cacheHit, child);
  }
}

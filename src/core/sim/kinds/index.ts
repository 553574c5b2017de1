/** Each component kind's behaviour, indexed by kind code (model.ts K_*). */
import type { Behaviour } from '../model';
import { django } from './django';
import { cdn, inert } from './edge';
import { gunicorn } from './gunicorn';
import { nginx } from './nginx';
import { runserver } from './runserver';
import { redis, store } from './stores';

export const BEHAVIOURS: readonly Behaviour[] = [
  inert, // user
  cdn,
  nginx,
  runserver,
  gunicorn,
  django,
  store, // postgres
  store, // sqlite
  redis,
  store, // static
  store, // media
  inert, // server
];

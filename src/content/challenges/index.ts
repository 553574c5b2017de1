/** The challenge files, validated when loaded, in the order they are listed. */
import { parseChallenge } from '../../core/challenges/validate';
import type { ChallengeDef } from '../../core/challenges/types';
import rebuildProduction from './rebuild-production.json';
import runserver200 from './runserver-200.json';
import p95500 from './p95-500-four-servers.json';
import findTheBroken from './find-the-broken.json';
import staticFiles from './static-files.json';
import surviveTheSpike from './survive-the-spike.json';
import cheapest1000 from './cheapest-1000.json';
import makeItSecure from './make-it-secure.json';
import zeroDowntime from './zero-downtime.json';
import cacheTheDatabase from './cache-the-database.json';
import fromNothing from './from-nothing.json';

export const CHALLENGE_FILES: readonly unknown[] = [
  rebuildProduction,
  runserver200,
  p95500,
  findTheBroken,
  staticFiles,
  surviveTheSpike,
  cheapest1000,
  makeItSecure,
  zeroDowntime,
  cacheTheDatabase,
  fromNothing,
];

export const CHALLENGES: readonly ChallengeDef[] = CHALLENGE_FILES.map(parseChallenge).sort(
  (a, b) => a.order - b.order,
);

/**
 * Trace one request: run a fresh, quiet simulation, follow the first request it sends from
 * the user to the end (a response or an error) and turn that request's events into steps a
 * teacher can walk through one by one.
 *
 * Pure: no DOM, no i18n. Each step carries what happened (kind, nodes, edge, status, times)
 * and what to say about it: a list of sentences, each a narration key (under `trace.say.` in
 * the translation files) with its parameters. Parameters named `from`, `to`, `node` and
 * `next` hold node ids (the UI shows the node's name); `lb` holds a load-balancing method
 * (the UI translates it); the rest are numbers and plain strings.
 */
import type { ComponentKind } from '../catalog/catalog';
import { CATALOG } from '../catalog/catalog';
import { gunicornRuntime, nginxRuntime } from '../catalog/runtime';
import type { Topology, TopoNode } from '../topology/types';
import { Simulation } from './engine';
import {
  REQUEST_META,
  REQUEST_TYPES,
  type LbMethod,
  type NetworkOptions,
  type RequestType,
  type SimEvent,
  type SimNodeParams,
} from './types';

export type TraceStepKind =
  /** The user sends the request. */
  | 'send'
  /** The request travels an edge and a node works on it (arrival + its own work). */
  | 'hop'
  /** All slots of the node are busy: the request waits in its backlog. */
  | 'queue'
  /** Django runs the request: middleware → URL routing → view. */
  | 'work'
  /** A response travels back along an edge. */
  | 'respond'
  /** Queue full: 503 without doing the work. */
  | 'reject'
  /** A proxy gave up waiting for its upstream: 504. */
  | 'timeout'
  /** The node or connection was removed while the request was on it. */
  | 'fail'
  /** A late answer reached a proxy that had already given up. */
  | 'drop'
  /** NGINX passes the request to the next upstream (proxy_next_upstream). */
  | 'retry'
  /** NGINX marks an upstream down for fail_timeout (passive health). */
  | 'markDown'
  /** The connection attempt got no answer (full listen backlog, or the machine is off). */
  | 'synDrop'
  /** Django's call to Redis failed (500, or ignored and on to the database). */
  | 'cacheError'
  /** The Gunicorn worker reached max_requests: it exits after this answer. */
  | 'recycle'
  /** The response reached the user: success. */
  | 'complete'
  /** The request ended with an error (or never got going). */
  | 'error';

/** Narration sentence keys, under `trace.say.` in the translation files. */
export type TraceSayKey =
  | 'sendStatic'
  | 'sendPage'
  | 'sendApi'
  | 'sendUpload'
  | 'sendNowhere'
  | 'noUser'
  | 'stuck'
  | 'hopDown'
  | 'cdnHit'
  | 'cdnMiss'
  | 'cdnPass'
  | 'cdnNoOrigin'
  | 'nginxStatic'
  | 'nginxPage'
  | 'nginxApi'
  | 'nginxUpload'
  | 'nginxOne'
  | 'nginxLb'
  | 'nginxNoUpstream'
  | 'runserverStatic'
  | 'runserver'
  | 'gunicorn'
  | 'wsgi'
  | 'wsgiRunserver'
  | 'djangoDirect'
  | 'workPage'
  | 'workApi'
  | 'workUpload'
  | 'workStatic'
  | 'redis'
  | 'dbRead'
  | 'dbWrite'
  | 'sqliteNote'
  | 'staticDisk'
  | 'staticFinders'
  | 'mediaWrite'
  | 'hopGeneric'
  | 'queueGunicorn'
  | 'queueRunserver'
  | 'queueGeneric'
  | 'cacheHit'
  | 'cacheMiss'
  | 'dbRows'
  | 'dbWritten'
  | 'staticFile'
  | 'mediaSaved'
  | 'djangoPage'
  | 'djangoApi'
  | 'djangoUpload'
  | 'djangoStatic'
  | 'gunicornBack'
  | 'runserverBack'
  | 'nginxBack'
  | 'nginxBackStatic'
  | 'cdnBackHit'
  | 'cdnBackMiss'
  | 'cdnBackPass'
  | 'respGeneric'
  | 'refused'
  | 'err404'
  | 'err500'
  | 'err502'
  | 'err503'
  | 'err504'
  | 'errPass'
  | 'reject'
  | 'timeout'
  | 'fail'
  | 'drop'
  | 'endStatic'
  | 'endPage'
  | 'endApi'
  | 'endUpload'
  | 'end0'
  | 'end404'
  | 'end500'
  | 'end502'
  | 'end503'
  | 'end504'
  | 'endOther'
  | 'synDrop'
  | 'synDropOff'
  | 'retry'
  | 'markDown'
  | 'connectTimeout'
  | 'readTimeout'
  | 'workerKilled'
  | 'cacheError500'
  | 'cacheErrorFallback'
  | 'recycle'
  | 'staticMissing'
  | 'err400'
  | 'end400'
  | 'traceback';

export type TraceParams = Record<string, string | number>;

export interface TraceSay {
  key: TraceSayKey;
  params: TraceParams;
}

export interface TraceStep {
  /** Position in the list (0-based). */
  index: number;
  kind: TraceStepKind;
  /** Simulated ms since the user sent the request. */
  t: number;
  /** Where the request (or its response) is at this step. */
  node?: string;
  /** For hops and responses: the node it left and the node it reached. */
  from?: string;
  to?: string;
  /** The topology edge it travelled (hops and responses), when there is one. */
  edge?: string;
  /** HTTP status of a response or an ending (0 = connection refused). */
  status?: number;
  /** Time it waited for a free slot at `node`, ms. */
  waitMs?: number;
  /**
   * hop / work: the node's own service time; timeout: how long the proxy waited;
   * complete / error: the request's total latency. In simulated ms.
   */
  durationMs?: number;
  /** A cache answered (Redis hit, CDN edge hit). */
  cacheHit?: boolean;
  /** What to say, sentence by sentence. */
  say: TraceSay[];
}

export type TraceCache = 'cold' | 'warm';

export interface TraceOptions {
  seed: number;
  type: RequestType;
  network?: NetworkOptions;
  /**
   * Cache state to show. 'cold' (the first request after a deploy): Redis and the CDN miss.
   * 'warm': they hit. Left out: the topology's own hit ratios decide (seeded).
   */
  cache?: TraceCache;
}

export interface TraceResult {
  steps: TraceStep[];
}

/** The arrival rate of the quiet simulation: the traced request is alone in the system. */
const QUIET_RPS = 0.01;
/** Give up after this many events (a request that never ends is reported as stuck). */
const MAX_EVENTS = 200_000;

function withCache(topology: Topology, cache: TraceCache | undefined): Topology {
  if (cache === undefined) return topology;
  const hitRatio = cache === 'warm' ? 1 : 0;
  return {
    nodes: topology.nodes.map((n) =>
      n.kind === 'redis' || n.kind === 'cdn' ? { ...n, params: { ...n.params, hitRatio } } : n,
    ),
    edges: topology.edges,
  };
}

/** Follows the first request of a fresh simulation; returns its events, oldest first. */
function followFirstRequest(topology: Topology, options: TraceOptions): { events: SimEvent[]; ended: boolean } {
  const mix = Object.fromEntries(REQUEST_TYPES.map((t) => [t, t === options.type ? 1 : 0])) as Record<
    RequestType,
    number
  >;
  const sim = new Simulation(topology, {
    seed: options.seed,
    rps: QUIET_RPS,
    mix,
    network: options.network,
    eventLog: 0,
  });
  const events: SimEvent[] = [];
  let reqId = -1;
  let ended = false;
  const off = sim.onEvent((e) => {
    if (ended) return;
    if (reqId < 0 && e.kind === 'arrive') reqId = e.reqId;
    if (e.reqId !== reqId) return;
    events.push(e);
    if (e.kind === 'complete' || e.kind === 'error') ended = true;
  });
  try {
    for (let i = 0; i < MAX_EVENTS && !ended; i++) {
      if (sim.step() === null) break;
    }
  } finally {
    off();
  }
  return { events, ended };
}

function isErrorStatus(status: number | undefined): boolean {
  return status !== undefined && (status === 0 || status >= 400);
}

/**
 * Walks the first request of a fresh simulation of `topology` and explains it step by step.
 * Deterministic: the same topology and options give the same steps.
 */
export function traceRequest(topology: Topology, options: TraceOptions): TraceStep[] {
  const topo = withCache(topology, options.cache);
  const { events, ended } = followFirstRequest(topo, options);
  const byId = new Map<string, TopoNode>(topo.nodes.map((n) => [n.id, n] as const));
  const kindOf = (id: string | undefined): ComponentKind | undefined =>
    id === undefined ? undefined : byId.get(id)?.kind;
  const edgeBetween = (source: string | undefined, target: string | undefined): string | undefined =>
    source === undefined || target === undefined
      ? undefined
      : topo.edges.find((e) => e.source === source && e.target === target)?.id;

  const { method, path } = REQUEST_META[options.type];
  const type = options.type;

  if (events.length === 0) {
    const hasUser = topo.nodes.some((n) => n.kind === 'user' && n.params?.up !== false);
    return [
      {
        index: 0,
        kind: 'error',
        t: 0,
        say: [{ key: hasUser ? 'stuck' : 'noUser', params: { method, path } }],
      },
    ];
  }

  const t0 = events[0]!.t;
  const steps: TraceStep[] = [];
  /** The latest hop step that reached each node. */
  const hopAt = new Map<string, TraceStep>();
  const push = (s: Omit<TraceStep, 'index' | 'say'>): TraceStep => {
    const step: TraceStep = { ...s, index: steps.length, say: [] };
    steps.push(step);
    return step;
  };

  let traceback = false;
  // Pass 1: events → steps (a hop absorbs the node's start and done).
  for (const e of events) {
    const t = e.t - t0;
    switch (e.kind) {
      case 'arrive':
        push({ kind: 'send', t, node: e.node });
        break;
      case 'hop': {
        const step = push({ kind: 'hop', t, node: e.to, from: e.from, to: e.to, edge: edgeBetween(e.from, e.to) });
        if (e.to !== undefined) hopAt.set(e.to, step);
        break;
      }
      case 'queue':
        push({ kind: 'queue', t, node: e.node });
        break;
      case 'start': {
        const hop = e.node !== undefined ? hopAt.get(e.node) : undefined;
        if (hop) hop.waitMs = e.durationMs ?? 0;
        break;
      }
      case 'done': {
        const hop = e.node !== undefined ? hopAt.get(e.node) : undefined;
        if (hop) hop.durationMs = e.durationMs;
        if (kindOf(e.node) === 'django') push({ kind: 'work', t, node: e.node, durationMs: e.durationMs });
        break;
      }
      case 'respond':
        push({
          kind: 'respond',
          t,
          node: e.to,
          from: e.from,
          to: e.to,
          edge: edgeBetween(e.to, e.from),
          status: e.status,
        });
        break;
      case 'reject':
      case 'timeout':
      case 'fail':
      case 'drop':
      case 'recycle':
        push({ kind: e.kind, t, node: e.node, to: e.to, status: e.status, durationMs: e.durationMs });
        break;
      case 'retry':
      case 'markDown':
      case 'synDrop':
      case 'cacheError':
        push({ kind: e.kind, t, node: e.node, from: e.from, to: e.to, status: e.status, durationMs: e.durationMs });
        break;
      case 'complete':
      case 'error': {
        push({ kind: e.kind, t, node: e.node, status: e.status, durationMs: e.durationMs });
        if (e.traceback) traceback = true;
        break;
      }
    }
  }
  if (!ended) push({ kind: 'error', t: steps[steps.length - 1]!.t, node: events[0]!.node });

  // Pass 2: what to say.
  /** Index of the response that comes back from the node a hop step reached. */
  const answerOf = (i: number): number => {
    const node = steps[i]!.to;
    for (let j = i + 1; j < steps.length; j++) {
      const s = steps[j]!;
      if (s.kind === 'respond' && s.from === node) return j;
    }
    return steps.length;
  };
  /** The first hop the node reached at step i makes onward, before it answers. */
  const forwardOf = (i: number): TraceStep | undefined => {
    const node = steps[i]!.to;
    const end = answerOf(i);
    for (let j = i + 1; j < end; j++) {
      const s = steps[j]!;
      if (s.kind === 'hop' && s.from === node) return s;
    }
    return undefined;
  };
  const paramsOf = (id: string | undefined): SimNodeParams => (id !== undefined ? (byId.get(id)?.params ?? {}) : {});
  const upstreamCount = (id: string): number => {
    const seen = new Set<string>();
    for (const e of topo.edges) {
      const k = kindOf(e.target);
      if (e.source === id && (k === 'gunicorn' || k === 'runserver' || k === 'nginx' || k === 'django')) seen.add(e.target);
    }
    return seen.size;
  };
  let dbQueries = 0;

  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const say = (key: TraceSayKey, params: TraceParams = {}) => s.say.push({ key, params });
    switch (s.kind) {
      case 'send': {
        const next = steps[i + 1];
        if (next?.kind === 'hop' && next.to !== undefined) {
          const key = ({ static: 'sendStatic', page: 'sendPage', api: 'sendApi', upload: 'sendUpload' } as const)[type];
          say(key, { method, path, to: next.to });
        } else say('sendNowhere', { method, path });
        break;
      }
      case 'hop': {
        const to = s.to!;
        const from = s.from ?? '';
        const k = kindOf(to);
        const fwd = forwardOf(i);
        const answer = steps[answerOf(i)];
        if (s.waitMs === undefined && answer?.status === 0) {
          say('hopDown', { to, from });
          break;
        }
        switch (k) {
          case 'cdn':
            if (fwd) say(type === 'static' ? 'cdnMiss' : 'cdnPass', { to, path, next: fwd.to! });
            else if (type === 'static' && answer !== undefined && !isErrorStatus(answer.status)) {
              s.cacheHit = true;
              say('cdnHit', { to, path });
            } else say('cdnNoOrigin', { to, path });
            break;
          case 'nginx':
            if (type === 'static') {
              say('nginxStatic', { to, path });
              if (answer?.status === 404 && !fwd) say('staticMissing', { to, path });
            }
            else {
              const intro = ({ page: 'nginxPage', api: 'nginxApi', upload: 'nginxUpload' } as const)[type];
              say(intro, { to, path, method });
              const count = upstreamCount(to);
              if (!fwd) say('nginxNoUpstream', { to, count });
              else if (count > 1) say('nginxLb', { to, next: fwd.to!, count, lb: paramsOf(to).lbMethod ?? ('round_robin' satisfies LbMethod) });
              else say('nginxOne', { to, next: fwd.to! });
            }
            break;
          case 'runserver':
            say(type === 'static' ? 'runserverStatic' : 'runserver', { to, path });
            break;
          case 'gunicorn': {
            const p = paramsOf(to);
            const workers = Math.max(1, Math.floor(p.workers ?? p.concurrency ?? CATALOG.gunicorn.capacity.concurrency ?? 1));
            say('gunicorn', { to, workers, workerClass: p.workerClass ?? 'sync' });
            break;
          }
          case 'django': {
            const fk = kindOf(from);
            say(fk === 'gunicorn' ? 'wsgi' : fk === 'runserver' ? 'wsgiRunserver' : 'djangoDirect', { to, from });
            break;
          }
          case 'redis':
            say('redis', { to, from, path });
            break;
          case 'postgres':
          case 'sqlite':
            dbQueries++;
            say(type === 'page' ? 'dbRead' : 'dbWrite', { to, from, n: dbQueries });
            if (k === 'sqlite') say('sqliteNote', { to });
            break;
          case 'static':
            say(kindOf(from) === 'nginx' ? 'staticDisk' : 'staticFinders', { to, from, path });
            break;
          case 'media':
            say('mediaWrite', { to, from });
            break;
          default:
            say('hopGeneric', { to, from });
        }
        break;
      }
      case 'work': {
        const key = ({ static: 'workStatic', page: 'workPage', api: 'workApi', upload: 'workUpload' } as const)[type];
        say(key, { node: s.node!, path, method, ms: s.durationMs ?? 0 });
        break;
      }
      case 'queue': {
        const k = kindOf(s.node);
        const p = paramsOf(s.node);
        const workers = Math.max(1, Math.floor(p.workers ?? p.concurrency ?? CATALOG.gunicorn.capacity.concurrency ?? 1));
        if (k === 'gunicorn') say('queueGunicorn', { node: s.node!, workers });
        // runserver starts a thread per connection: it only queues when a thread limit was set.
        else if (k === 'runserver') say('queueRunserver', { node: s.node! });
        else say('queueGeneric', { node: s.node! });
        break;
      }
      case 'respond': {
        const from = s.from!;
        const to = s.to!;
        const status = s.status ?? 0;
        const fk = kindOf(from);
        const prev = steps[i - 1];
        if (isErrorStatus(status) && !(status === 404 && fk === 'redis')) {
          // Where did the error start? Here, unless it is being passed along or was explained just before.
          const passed = prev !== undefined && prev.kind === 'respond' && prev.to === from && prev.status === status;
          const explained =
            prev !== undefined && (prev.kind === 'reject' || prev.kind === 'timeout') && prev.node === from;
          if (status === 0) say('refused', { from, to });
          else if (passed || explained) say('errPass', { from, to, status });
          else if (status === 404) say('err404', { from, to, path });
          else if (status === 400) say('err400', { from, to });
          else if (status === 500) say('err500', { from, to });
          else if (status === 502) say('err502', { from, to });
          else if (status === 503) say('err503', { from, to });
          else if (status === 504) say('err504', { from, to });
          else say('errPass', { from, to, status });
          break;
        }
        const hop = [...steps.slice(0, i)].reverse().find((h) => h.kind === 'hop' && h.to === from);
        const hopIdx = hop ? hop.index : -1;
        const forwarded = hopIdx >= 0 && forwardOf(hopIdx) !== undefined;
        switch (fk) {
          case 'redis':
            if (status === 200) {
              s.cacheHit = true;
              say('cacheHit', { from, to });
            } else say('cacheMiss', { from, to });
            break;
          case 'postgres':
          case 'sqlite':
            say(type === 'page' ? 'dbRows' : 'dbWritten', { from, to, status });
            break;
          case 'static':
            say('staticFile', { from, to, path });
            break;
          case 'media':
            say('mediaSaved', { from, to });
            break;
          case 'django': {
            const key = ({ static: 'djangoStatic', page: 'djangoPage', api: 'djangoApi', upload: 'djangoUpload' } as const)[type];
            say(key, { from, to, status });
            break;
          }
          case 'gunicorn':
            say('gunicornBack', { from, to, status });
            break;
          case 'runserver':
            say('runserverBack', { from, to, status });
            break;
          case 'nginx':
            say(type === 'static' ? 'nginxBackStatic' : 'nginxBack', { from, to, status });
            break;
          case 'cdn':
            if (!forwarded) {
              s.cacheHit = true;
              say('cdnBackHit', { from, to, path });
            } else say(type === 'static' ? 'cdnBackMiss' : 'cdnBackPass', { from, to, path });
            break;
          default:
            say('respGeneric', { from, to, status });
        }
        break;
      }
      case 'reject':
        say('reject', { node: s.node!, status: 503 });
        break;
      case 'timeout': {
        const k = kindOf(s.node);
        if (k === 'gunicorn') {
          const rt = gunicornRuntime(byId.get(s.node!));
          say('workerKilled', { node: s.node!, s: rt.timeoutS, boot: rt.bootMs });
        } else if (k === 'nginx' && s.to !== undefined) {
          const rt = nginxRuntime(byId.get(s.node!));
          const connecting = s.durationMs !== undefined && s.durationMs < rt.readTimeoutS * 1000 - 1;
          if (connecting) say('connectTimeout', { node: s.node!, to: s.to, s: rt.connectTimeoutS });
          else say('readTimeout', { node: s.node!, to: s.to, s: rt.readTimeoutS });
        } else say('timeout', { node: s.node!, ms: s.durationMs ?? 0 });
        break;
      }
      case 'retry':
        say('retry', { node: s.node!, from: s.from!, to: s.to! });
        break;
      case 'markDown': {
        const rt = nginxRuntime(byId.get(s.node!));
        say('markDown', { node: s.node!, to: s.to!, s: rt.failTimeoutS, fails: rt.maxFails });
        break;
      }
      case 'synDrop': {
        const target = byId.get(s.to ?? '');
        const box = target?.parentId !== undefined ? byId.get(target.parentId) : undefined;
        const off = box?.params?.up === false;
        const proxy = kindOf(s.from) === 'nginx' ? nginxRuntime(byId.get(s.from!)).connectTimeoutS : 0;
        say(off ? 'synDropOff' : 'synDrop', { node: s.to ?? '', from: s.from ?? '', s: proxy });
        break;
      }
      case 'cacheError':
        say(s.status === 500 ? 'cacheError500' : 'cacheErrorFallback', { node: s.node!, to: s.to ?? '' });
        break;
      case 'recycle': {
        const rt = gunicornRuntime(byId.get(s.node!));
        say('recycle', { node: s.node!, max: rt.maxRequests, boot: rt.bootMs });
        break;
      }
      case 'fail':
        say('fail', { node: s.node! });
        break;
      case 'drop':
        say('drop', { node: s.node! });
        break;
      case 'complete': {
        const key = ({ static: 'endStatic', page: 'endPage', api: 'endApi', upload: 'endUpload' } as const)[type];
        say(key, { node: s.node!, status: s.status ?? 200, ms: s.durationMs ?? 0, path });
        break;
      }
      case 'error': {
        if (!ended && i === steps.length - 1) {
          say('stuck', { method, path });
          break;
        }
        const status = s.status ?? 0;
        const key: TraceSayKey =
          status === 0
            ? 'end0'
            : status === 404
              ? 'end404'
              : status === 400
                ? 'end400'
                : status === 500
                ? 'end500'
                : status === 502
                  ? 'end502'
                  : status === 503
                    ? 'end503'
                    : status === 504
                      ? 'end504'
                      : 'endOther';
        say(key, { node: s.node ?? '', status, ms: s.durationMs ?? 0, path });
        if (traceback) say('traceback', {});
        break;
      }
    }
  }
  return steps;
}

/** The node ids and edge id a step concerns, for highlighting on the canvas. */
export interface TraceHighlight {
  /** The node the request is at (pan here). */
  focus: string | null;
  /** Every node the step touches (the focus first). */
  nodes: string[];
  edge: string | null;
}

export function highlightOf(step: TraceStep | undefined): TraceHighlight {
  if (!step) return { focus: null, nodes: [], edge: null };
  const nodes: string[] = [];
  for (const id of [step.node, step.from, step.to]) if (id !== undefined && !nodes.includes(id)) nodes.push(id);
  return { focus: step.node ?? null, nodes, edge: step.edge ?? null };
}

import { describe, expect, it } from 'vitest';
import { SCENES, cloneTopology } from '../topology/scenes';
import type { Topology } from '../topology/types';
import { REQUEST_TYPES } from './types';
import en from '../../i18n/en.json';
import tr from '../../i18n/tr.json';
import { highlightOf, traceRequest, type TraceStep } from './trace';

const production = SCENES.production.topology;
const local = SCENES.local.topology;
const realworld = SCENES.realworld.topology;

/** The kinds of the nodes a request's hops reach, in order. */
function hopKinds(topology: Topology, steps: TraceStep[]): string[] {
  const kind = new Map(topology.nodes.map((n) => [n.id, n.kind] as const));
  return steps.filter((s) => s.kind === 'hop').map((s) => kind.get(s.to!)!);
}

/** Kinds along the whole path, forward hops as `a>b` and responses as `b<a`. */
function path(topology: Topology, steps: TraceStep[]): string[] {
  const kind = new Map(topology.nodes.map((n) => [n.id, n.kind] as const));
  return steps
    .filter((s) => s.kind === 'hop' || s.kind === 'respond')
    .map((s) => (s.kind === 'hop' ? `${kind.get(s.from!)}>${kind.get(s.to!)}` : `${kind.get(s.to!)}<${kind.get(s.from!)}`));
}

function subsequence(list: string[], wanted: string[]): boolean {
  let i = 0;
  for (const x of list) if (x === wanted[i]) i++;
  return i === wanted.length;
}

function broken(change: (t: Topology) => void): Topology {
  const t = cloneTopology(production);
  change(t);
  return t;
}

describe('traceRequest', () => {
  it('follows a page request on production: NGINX → Gunicorn → Django → PostgreSQL and back to the user', () => {
    const steps = traceRequest(production, { seed: 7, type: 'page', cache: 'cold' });
    const p = path(production, steps);
    expect(
      subsequence(p, [
        'user>nginx',
        'nginx>gunicorn',
        'gunicorn>django',
        'django>postgres',
        'django<postgres',
        'gunicorn<django',
        'nginx<gunicorn',
        'user<nginx',
      ]),
      p.join(' '),
    ).toBe(true);
    expect(steps[0]!.kind).toBe('send');
    const last = steps[steps.length - 1]!;
    expect(last.kind).toBe('complete');
    expect(last.status).toBe(200);
    expect(last.node).toBe('user');
    // Django's own work is a step of its own (middleware → URL → view), narrated as WSGI first.
    expect(steps.some((s) => s.kind === 'work')).toBe(true);
    expect(steps.find((s) => s.kind === 'hop' && s.to?.endsWith('django'))!.say[0]!.key).toBe('wsgi');
    // Steps are numbered in order, times never go back, every step says something.
    steps.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(s.say.length).toBeGreaterThan(0);
      if (i > 0) expect(s.t).toBeGreaterThanOrEqual(steps[i - 1]!.t);
    });
    expect(steps[0]!.t).toBe(0);
  });

  it('names the topology edge each hop and response travels', () => {
    const steps = traceRequest(production, { seed: 7, type: 'page', cache: 'cold' });
    const ids = new Set(production.edges.map((e) => e.id));
    for (const s of steps.filter((x) => x.kind === 'hop' || x.kind === 'respond')) {
      expect(s.edge && ids.has(s.edge), `${s.kind} ${s.from}→${s.to}`).toBe(true);
    }
    const hop = steps.find((s) => s.kind === 'hop' && s.from === 'nginx')!;
    expect(highlightOf(hop)).toEqual({ focus: hop.to, nodes: [hop.to, 'nginx'], edge: `nginx->${hop.to}` });
  });

  it('with a warm cache, the page comes from Redis and never reaches PostgreSQL', () => {
    const steps = traceRequest(production, { seed: 7, type: 'page', cache: 'warm' });
    const kinds = hopKinds(production, steps);
    expect(kinds).toContain('redis');
    expect(kinds).not.toContain('postgres');
    expect(steps.some((s) => s.say.some((x) => x.key === 'cacheHit'))).toBe(true);
  });

  it('a static request on production stops at NGINX and never reaches Django', () => {
    const steps = traceRequest(production, { seed: 3, type: 'static' });
    const kinds = hopKinds(production, steps);
    expect(kinds).toEqual(['nginx', 'static']);
    expect(kinds).not.toContain('gunicorn');
    expect(kinds).not.toContain('django');
    expect(steps[steps.length - 1]!.kind).toBe('complete');
    expect(steps.find((s) => s.kind === 'hop' && s.to === 'nginx')!.say[0]!.key).toBe('nginxStatic');
  });

  it('on local, requests go through runserver, which also serves static files itself', () => {
    const page = traceRequest(local, { seed: 1, type: 'page' });
    expect(hopKinds(local, page)).toEqual(['runserver', 'django', 'sqlite', 'sqlite']);
    expect(page.find((s) => s.kind === 'hop' && s.to === 'django')!.say[0]!.key).toBe('wsgiRunserver');
    expect(page[page.length - 1]!.kind).toBe('complete');
    const asset = traceRequest(local, { seed: 1, type: 'static' });
    expect(hopKinds(local, asset)).toEqual(['runserver', 'static']);
    expect(asset.find((s) => s.kind === 'hop' && s.to === 'runserver')!.say[0]!.key).toBe('runserverStatic');
  });

  it('is deterministic for a seed', () => {
    for (const type of REQUEST_TYPES) {
      const a = traceRequest(realworld, { seed: 42, type });
      const b = traceRequest(realworld, { seed: 42, type });
      expect(a).toEqual(b);
    }
  });

  it('shows a CDN edge hit and miss', () => {
    const hit = traceRequest(realworld, { seed: 1, type: 'static', cache: 'warm' });
    expect(hopKinds(realworld, hit)).toEqual(['cdn']);
    expect(hit.find((s) => s.kind === 'hop')!.say[0]!.key).toBe('cdnHit');
    const miss = traceRequest(realworld, { seed: 1, type: 'static', cache: 'cold' });
    expect(hopKinds(realworld, miss)).toEqual(['cdn', 'nginx', 'static']);
    expect(miss.find((s) => s.kind === 'hop')!.say[0]!.key).toBe('cdnMiss');
    const api = traceRequest(realworld, { seed: 1, type: 'api' });
    expect(api.find((s) => s.kind === 'hop')!.say[0]!.key).toBe('cdnPass');
    expect(api[api.length - 1]!.status).toBe(201);
  });

  it('works for every request type on every scene', () => {
    for (const scene of Object.values(SCENES)) {
      for (const type of REQUEST_TYPES) {
        const steps = traceRequest(scene.topology, { seed: 5, type });
        expect(steps[0]!.kind).toBe('send');
        expect(steps[steps.length - 1]!.kind, `${scene.id} ${type}`).toBe('complete');
      }
    }
  });

  it('ends with 502 when NGINX has no upstream up', () => {
    const t = broken((t) => {
      for (const n of t.nodes) if (n.kind === 'gunicorn') n.params = { ...n.params, up: false };
    });
    const steps = traceRequest(t, { seed: 1, type: 'page' });
    const last = steps[steps.length - 1]!;
    expect(last.kind).toBe('error');
    expect(last.status).toBe(502);
    expect(last.say[0]!.key).toBe('end502');
    expect(steps.some((s) => s.say.some((x) => x.key === 'err502' || x.key === 'nginxNoUpstream'))).toBe(true);
  });

  it('ends with 502 when NGINX has no upstream at all', () => {
    const t = broken((t) => {
      t.edges = t.edges.filter((e) => !(e.source === 'nginx' && e.target.endsWith('gunicorn')));
    });
    const steps = traceRequest(t, { seed: 1, type: 'api' });
    expect(steps.find((s) => s.kind === 'hop' && s.to === 'nginx')!.say.map((x) => x.key)).toContain('nginxNoUpstream');
    expect(steps[steps.length - 1]!.status).toBe(502);
  });

  it('ends with 500 when the database is down', () => {
    const t = broken((t) => {
      t.nodes.find((n) => n.id === 'postgres')!.params = { up: false };
    });
    const steps = traceRequest(t, { seed: 1, type: 'api' });
    expect(steps.find((s) => s.kind === 'hop' && s.to === 'postgres')!.say[0]!.key).toBe('hopDown');
    expect(steps.some((s) => s.kind === 'respond' && s.from === 'postgres' && s.say[0]!.key === 'refused')).toBe(true);
    expect(steps.some((s) => s.kind === 'respond' && s.say[0]!.key === 'err500')).toBe(true);
    const last = steps[steps.length - 1]!;
    expect(last.status).toBe(500);
    expect(last.say[0]!.key).toBe('end500');
  });

  it('ends with 504 when the upstream is too slow', () => {
    const t = broken((t) => {
      const nginx = t.nodes.find((n) => n.id === 'nginx')!;
      nginx.params = { ...nginx.params, timeoutMs: 5 } as typeof nginx.params;
      for (const n of t.nodes) if (n.kind === 'django') n.params = { serviceMs: 500 };
    });
    const steps = traceRequest(t, { seed: 1, type: 'page' });
    // proxy_read_timeout, then the GET goes to the other app server (proxy_next_upstream), which is slow too.
    expect(steps.some((s) => s.kind === 'timeout' && s.say[0]!.key === 'readTimeout')).toBe(true);
    expect(steps.some((s) => s.kind === 'retry' && s.say[0]!.key === 'retry')).toBe(true);
    const last = steps[steps.length - 1]!;
    expect(last.status).toBe(504);
    expect(last.say[0]!.key).toBe('end504');
  });

  it('a slow view with the generated settings: the worker is killed (Gunicorn timeout), NGINX retries the GET, the user gets 502', () => {
    const t = broken((t) => {
      for (const n of t.nodes) if (n.kind === 'django') n.params = { cpuMs: 1, ioMs: 120_000 };
    });
    const steps = traceRequest(t, { seed: 1, type: 'page' });
    const killed = steps.filter((s) => s.kind === 'timeout' && s.say[0]!.key === 'workerKilled');
    expect(killed.length).toBe(2);
    expect(steps.some((s) => s.kind === 'retry')).toBe(true);
    expect(steps.some((s) => s.kind === 'markDown' && s.say[0]!.key === 'markDown')).toBe(true);
    const last = steps[steps.length - 1]!;
    expect(last.status).toBe(502);
    expect(last.say[0]!.key).toBe('end502');
  });

  it('first deploy mistakes: static 404 without collectstatic, 400 for a host not allowed, the traceback with DEBUG', () => {
    const noStatic = broken((t) => {
      for (const n of t.nodes) if (n.kind === 'django') n.params = { ...n.params, staticCollected: false };
    });
    const st = traceRequest(noStatic, { seed: 1, type: 'static' });
    expect(st.find((s) => s.kind === 'hop' && s.to === 'nginx')!.say.map((x) => x.key)).toContain('staticMissing');
    expect(st.at(-1)!.status).toBe(404);
    const badHost = broken((t) => {
      for (const n of t.nodes) if (n.kind === 'django') n.params = { ...n.params, hostAllowed: false, debug: true };
    });
    const bh = traceRequest(badHost, { seed: 1, type: 'page' });
    expect(bh.some((s) => s.kind === 'respond' && s.say[0]!.key === 'err400')).toBe(true);
    expect(bh.at(-1)!.say.map((x) => x.key)).toEqual(['end400', 'traceback']);
  });

  it('Redis down: the cache error is a 500 unless it is ignored', () => {
    const down = (ignoreExceptions: boolean) =>
      broken((t) => {
        for (const n of t.nodes) if (n.kind === 'redis') n.params = { ...n.params, up: false, ignoreExceptions };
      });
    const raising = traceRequest(down(false), { seed: 1, type: 'page' });
    expect(raising.some((s) => s.kind === 'cacheError' && s.say[0]!.key === 'cacheError500')).toBe(true);
    expect(raising.at(-1)!.status).toBe(500);
    const ignoring = traceRequest(down(true), { seed: 1, type: 'page' });
    expect(ignoring.some((s) => s.kind === 'cacheError' && s.say[0]!.key === 'cacheErrorFallback')).toBe(true);
    expect(ignoring.at(-1)!.kind).toBe('complete');
  });

  it('explains a full backlog (503) and a refused connection', () => {
    const t = broken((t) => {
      for (const n of t.nodes) if (n.kind === 'gunicorn') n.params = { ...n.params, workers: 1, backlog: 0 } as typeof n.params;
    });
    // A lone request never finds the workers busy; the narration for a full queue is still reachable.
    expect(traceRequest(t, { seed: 1, type: 'page' }).at(-1)!.kind).toBe('complete');
    const noEdge = broken((t) => {
      t.edges = t.edges.filter((e) => e.source !== 'user');
    });
    const steps = traceRequest(noEdge, { seed: 1, type: 'page' });
    expect(steps.map((s) => s.kind)).toEqual(['send', 'error']);
    expect(steps[0]!.say[0]!.key).toBe('sendNowhere');
    expect(steps[1]!.say[0]!.key).toBe('end0');
  });

  it('says so when there is no user to send a request', () => {
    const t = broken((t) => {
      t.nodes = t.nodes.filter((n) => n.kind !== 'user');
      t.edges = t.edges.filter((e) => e.source !== 'user');
    });
    const steps = traceRequest(t, { seed: 1, type: 'page' });
    expect(steps).toHaveLength(1);
    expect(steps[0]!.kind).toBe('error');
    expect(steps[0]!.say[0]!.key).toBe('noUser');
  });

  it('narrates with keys both languages have, and gives every placeholder they use', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!);
    const topologies: Topology[] = [
      ...Object.values(SCENES).map((sc) => sc.topology),
      broken((t) => {
        t.nodes.find((n) => n.id === 'postgres')!.params = { up: false };
      }),
      broken((t) => {
        for (const n of t.nodes) if (n.kind === 'gunicorn') n.params = { ...n.params, up: false };
      }),
    ];
    const seen = new Set<string>();
    for (const topology of topologies) {
      for (const type of REQUEST_TYPES) {
        for (const cache of ['cold', 'warm'] as const) {
          for (const step of traceRequest(topology, { seed: 11, type, cache })) {
            for (const say of step.say) {
              seen.add(say.key);
              for (const table of [en.trace.say, tr.trace.say] as Record<string, string>[]) {
                const text = table[say.key];
                expect(text, say.key).toBeTruthy();
                for (const p of placeholders(text!)) expect(say.params, `${say.key} {{${p}}}`).toHaveProperty(p);
              }
            }
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(30);
  });
});

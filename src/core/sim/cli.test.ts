import { describe, expect, it } from 'vitest';
import { SIM_PARAMS, UsageError, applySet, parseSimArgs } from './cli';
import { e, n, topo } from './testing';

const one = () => topo([n('u', 'user'), n('g', 'gunicorn'), n('d', 'django')], [e('u', 'g'), e('g', 'd')]);

describe('sim CLI arguments', () => {
  it('reads every option, in both --x v and --x=v forms, with defaults', () => {
    expect(parseSimArgs([])).toEqual({ rps: 100, seconds: 60, seed: 1, set: [] });
    const a = parseSimArgs(['--scene', 'production', '--rps=250', '--seconds', '30', '--seed', '7', '--mix', 'page=1,static=0', '--set', 'g.workers=9', '--set=d.cpuMs=12', '--internet-ms', '0', '--lan-ms=0.1']);
    expect(a).toEqual({
      scene: 'production',
      rps: 250,
      seconds: 30,
      seed: 7,
      mix: { page: 1, static: 0 },
      set: ['g.workers=9', 'd.cpuMs=12'],
      internetMs: 0,
      lanMs: 0.1,
    });
  });

  it('refuses bad values with one line', () => {
    for (const argv of [
      ['--rps', '-1'],
      ['--seconds', '0'],
      ['--seed', '1.5'],
      ['--internet-ms', 'abc'],
      ['--lan-ms', '-2'],
      ['--mix', 'page=x'],
      ['--bogus', '1'],
      ['--rps'],
      ['--scene', 'a', '--doc', 'b'],
      ['stray'],
      ['--rps', '1', '--rps', '2'],
    ]) {
      let err: unknown;
      try {
        parseSimArgs(argv);
      } catch (x) {
        err = x;
      }
      expect(err, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('--set accepts every parameter the engine reads and checks its values', () => {
    const t = one();
    applySet(t, 'g.workers=9');
    applySet(t, 'g.workerClass=gthread');
    applySet(t, 'g.timeoutS=10');
    applySet(t, 'd.serviceCv=0');
    applySet(t, 'd.debug=true');
    expect(t.nodes[1]!.params).toEqual({ workers: 9, workerClass: 'gthread', timeoutS: 10 });
    expect(t.nodes[2]!.params).toEqual({ serviceCv: 0, debug: true });
    for (const name of ['serviceCv', 'cpuMs', 'ioMs', 'queryMs', 'staticCollected', 'hostAllowed', 'ignoreExceptions', 'sessions', 'maxRequests', 'maxRequestsJitter', 'bootMs', 'connectTimeoutS', 'readTimeoutS', 'maxFails', 'failTimeoutS', 'nextUpstreamTries']) {
      expect(SIM_PARAMS[name], name).toBeDefined();
    }
    for (const bad of ['g.workers=2.5', 'g.workers=-1', 'g.workerClass=eventlet', 'd.debug=yes', 'x.workers=1', 'g.nope=1', 'g.workers', 'g.hitRatio=1.5']) {
      expect(() => applySet(one(), bad), bad).toThrow(UsageError);
    }
  });
});

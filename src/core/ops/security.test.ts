import { describe, expect, it } from 'vitest';
import { SCENES, cloneTopology } from '../topology/scenes';
import { DRILLS, INSECURE, SECURE, openPorts, requestChain, responseHeaders, runDrill } from './security';

const prod = cloneTopology(SCENES.production.topology);
const local = cloneTopology(SCENES.local.topology);

describe('security drills', () => {
  it('every drill is blocked with all protections on and succeeds with them off (production)', () => {
    for (const d of DRILLS) {
      expect(runDrill(d, SECURE, prod).outcome, d).toBe('blocked');
      expect(runDrill(d, INSECURE, prod).outcome, d).toBe('succeeded');
    }
  });

  it('port drills depend on the firewall only', () => {
    for (const d of ['port8000', 'port5432', 'port6379'] as const) {
      expect(runDrill(d, { ...INSECURE, firewall: true }, prod)).toMatchObject({ outcome: 'blocked', reason: 'firewall', stopsAt: 'firewall' });
      expect(runDrill(d, { ...SECURE, firewall: false }, prod)).toMatchObject({ outcome: 'succeeded', reason: 'portOpen' });
    }
    expect(runDrill('port5432', INSECURE, prod).stopsAt).toBe('postgres');
    // nothing listens on 6379 or 5432 on the laptop (SQLite, no Redis)
    expect(runDrill('port6379', INSECURE, local)).toMatchObject({ outcome: 'nothing', reason: 'noTarget' });
    expect(runDrill('port5432', INSECURE, local).outcome).toBe('nothing');
  });

  it('sniffing depends on HTTPS, and needs NGINX to end TLS', () => {
    expect(runDrill('sniff', { ...INSECURE, https: true }, prod)).toMatchObject({ outcome: 'blocked', reason: 'tls' });
    expect(runDrill('sniff', { ...SECURE, https: false }, prod)).toMatchObject({ outcome: 'succeeded', reason: 'plain' });
    expect(runDrill('sniff', SECURE, local)).toMatchObject({ outcome: 'succeeded', reason: 'noTls' });
  });

  it('clickjacking depends on the headers, anonymous access on authentication', () => {
    expect(runDrill('clickjack', { ...INSECURE, headers: true }, prod).reason).toBe('frameAncestors');
    expect(runDrill('clickjack', { ...SECURE, headers: false }, prod).reason).toBe('framed');
    expect(runDrill('anonymous', { ...INSECURE, auth: true }, prod)).toMatchObject({ status: 302, reason: 'login' });
    expect(runDrill('anonymous', { ...SECURE, auth: false }, prod)).toMatchObject({ status: 200, reason: 'leaked' });
  });

  it('headers, redirects and open ports follow the toggles', () => {
    const names = responseHeaders(SECURE).map(([k]) => k);
    for (const h of ['Strict-Transport-Security', 'Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']) expect(names).toContain(h);
    expect(responseHeaders(INSECURE).map(([k]) => k)).not.toContain('Content-Security-Policy');
    expect(responseHeaders({ ...SECURE, https: false }).map(([k]) => k)).not.toContain('Strict-Transport-Security');
    const chain = requestChain(SECURE, prod);
    expect(chain[0]).toEqual({ url: 'http://example.com/orders/', status: 301, location: 'https://example.com/orders/' });
    expect(chain[1]?.location).toBe('/accounts/login/?next=/orders/');
    expect(requestChain(INSECURE, prod)).toEqual([{ url: 'http://example.com/orders/', status: 200 }]);
    // SSH stays open for the team: closing 22 would lock everyone out of the server.
    expect(openPorts(SECURE, prod)).toEqual([22, 80, 443]);
    expect(openPorts(INSECURE, prod)).toEqual([22, 80, 5432, 6379, 8000]);
  });
});

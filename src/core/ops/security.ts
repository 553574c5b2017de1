/**
 * Security (course section 18): HTTPS with TLS ending at NGINX, a firewall that leaves only
 * 22 (SSH, for the team), 80 and 443 open, secure response headers, and authentication. Drills say whether an attack
 * is blocked or succeeds with the current toggles and topology, and why (an i18n reason key).
 */
import type { ComponentKind } from '../catalog/catalog';
import type { Topology } from '../topology/types';

export interface SecurityToggles {
  https: boolean;
  firewall: boolean;
  headers: boolean;
  auth: boolean;
}

export const SECURITY_TOGGLES = ['https', 'firewall', 'headers', 'auth'] as const;
export type SecurityToggle = (typeof SECURITY_TOGGLES)[number];

/** Everything off: the state a fresh, careless deploy starts in. */
export const INSECURE: SecurityToggles = { https: false, firewall: false, headers: false, auth: false };
export const SECURE: SecurityToggles = { https: true, firewall: true, headers: true, auth: true };

export const DRILLS = ['port8000', 'port5432', 'port6379', 'sniff', 'clickjack', 'anonymous'] as const;
export type DrillId = (typeof DRILLS)[number];

export type DrillOutcome = 'blocked' | 'succeeded' | 'nothing';

/**
 * Why it ended that way; the UI translates `ops.security.reason.<reason>`.
 * - firewall: the packet was dropped (only 22, 80 and 443 open)
 * - portOpen: the port answered from the internet, bypassing NGINX
 * - noTarget: nothing listens on that port in this architecture
 * - tls / plain / noTls: HTTPS on / off / no NGINX to end TLS (runserver speaks plain HTTP)
 * - frameAncestors / framed: the page refuses / allows being framed
 * - login / leaked: anonymous request redirected to login / served the private page
 */
export type DrillReason = 'firewall' | 'portOpen' | 'noTarget' | 'tls' | 'plain' | 'noTls' | 'frameAncestors' | 'framed' | 'login' | 'leaked';

export interface DrillResult {
  drill: DrillId;
  outcome: DrillOutcome;
  reason: DrillReason;
  /** The port the attacker tried, for port drills. */
  port?: number;
  /** The HTTP status the attacker got, where one applies. */
  status?: number;
  /** Where the attacker's packet stopped (a node kind or 'firewall'), for drawing it. */
  stopsAt: 'firewall' | ComponentKind | 'browser';
}

const PORT_TARGET: Record<'port8000' | 'port5432' | 'port6379', { port: number; kinds: ComponentKind[] }> = {
  port8000: { port: 8000, kinds: ['gunicorn', 'runserver'] },
  port5432: { port: 5432, kinds: ['postgres'] },
  port6379: { port: 6379, kinds: ['redis'] },
};

function has(t: Topology, kinds: readonly ComponentKind[]): ComponentKind | undefined {
  return t.nodes.find((n) => kinds.includes(n.kind) && n.params?.up !== false)?.kind;
}

/** TLS can only end at NGINX (or a CDN in front of it): runserver speaks plain HTTP. */
export function tlsPossible(t: Topology): boolean {
  return t.nodes.some((n) => n.kind === 'nginx' || n.kind === 'cdn');
}

export function runDrill(drill: DrillId, toggles: SecurityToggles, t: Topology): DrillResult {
  switch (drill) {
    case 'port8000':
    case 'port5432':
    case 'port6379': {
      const { port, kinds } = PORT_TARGET[drill];
      const target = has(t, kinds);
      if (!target) return { drill, outcome: 'nothing', reason: 'noTarget', port, stopsAt: 'firewall' };
      if (toggles.firewall) return { drill, outcome: 'blocked', reason: 'firewall', port, stopsAt: 'firewall' };
      return { drill, outcome: 'succeeded', reason: 'portOpen', port, stopsAt: target };
    }
    case 'sniff':
      if (!tlsPossible(t)) return { drill, outcome: 'succeeded', reason: 'noTls', stopsAt: 'browser' };
      if (toggles.https) return { drill, outcome: 'blocked', reason: 'tls', stopsAt: 'nginx' };
      return { drill, outcome: 'succeeded', reason: 'plain', stopsAt: 'nginx' };
    case 'clickjack':
      if (toggles.headers) return { drill, outcome: 'blocked', reason: 'frameAncestors', stopsAt: 'browser' };
      return { drill, outcome: 'succeeded', reason: 'framed', stopsAt: 'browser' };
    case 'anonymous':
      if (toggles.auth) return { drill, outcome: 'blocked', reason: 'login', status: 302, stopsAt: 'django' };
      return { drill, outcome: 'succeeded', reason: 'leaked', status: 200, stopsAt: 'django' };
  }
}

/** The response headers NGINX and Django send with these toggles (what curl -I shows). */
export function responseHeaders(toggles: SecurityToggles): [string, string][] {
  const h: [string, string][] = [
    ['Server', 'nginx'],
    ['Content-Type', 'text/html; charset=utf-8'],
  ];
  if (toggles.headers) {
    if (toggles.https) h.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
    h.push(
      // The values the generated nginx.conf sends (NGINX owns them; it hides Django's copies).
      ['Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"],
      ['X-Frame-Options', 'DENY'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    );
  }
  return h;
}

/** What `curl -I http://example.com/orders/` answers: the redirect chain an anonymous visitor sees. */
export function requestChain(toggles: SecurityToggles, t: Topology): { url: string; status: number; location?: string }[] {
  const tls = toggles.https && tlsPossible(t);
  const scheme = tls ? 'https' : 'http';
  const chain: { url: string; status: number; location?: string }[] = [];
  if (tls) chain.push({ url: 'http://example.com/orders/', status: 301, location: 'https://example.com/orders/' });
  if (toggles.auth) {
    chain.push({ url: `${scheme}://example.com/orders/`, status: 302, location: '/accounts/login/?next=/orders/' });
    chain.push({ url: `${scheme}://example.com/accounts/login/?next=/orders/`, status: 200 });
  } else chain.push({ url: `${scheme}://example.com/orders/`, status: 200 });
  return chain;
}

/** What the firewall lets in from the internet: SSH for the team, HTTP and HTTPS. */
export const FIREWALL_OPEN: readonly number[] = [22, 80, 443];

/** Ports reachable from the internet with these toggles and this topology. */
export function openPorts(toggles: SecurityToggles, t: Topology): number[] {
  const listening = new Set<number>([22]);
  if (t.nodes.some((n) => n.kind === 'nginx')) {
    listening.add(80);
    if (toggles.https) listening.add(443);
  }
  if (t.nodes.some((n) => n.kind === 'gunicorn' || n.kind === 'runserver')) listening.add(8000);
  if (t.nodes.some((n) => n.kind === 'postgres')) listening.add(5432);
  if (t.nodes.some((n) => n.kind === 'redis')) listening.add(6379);
  const ports = [...listening].sort((a, b) => a - b);
  // The firewall keeps SSH (22) open for the team (best limited to its addresses), and the web.
  return toggles.firewall ? ports.filter((p) => FIREWALL_OPEN.includes(p)) : ports;
}

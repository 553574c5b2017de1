/** nginx.conf: the whole file, as /etc/nginx/nginx.conf on a Debian/Ubuntu web server. */
import type { DeployModel } from './model';
import { hostPort, safeDomain } from './model';
import type { ConfigSettings, DeployPaths } from './types';

export const UPSTREAM_NAME = 'django_app';

const LB_DIRECTIVE: Record<DeployModel['lbMethod'], string | null> = {
  round_robin: null,
  least_conn: 'least_conn;',
  ip_hash: 'ip_hash;',
};

const LB_COMMENT: Record<DeployModel['lbMethod'], string> = {
  round_robin: 'round robin (the default): each server in turn, in proportion to its weight',
  least_conn: 'least_conn: the server with the fewest open connections (per weight)',
  ip_hash: "ip_hash: the client's address picks the server, so a user keeps hitting the same one",
};

/**
 * The security headers NGINX owns. Django's SecurityMiddleware and XFrameOptionsMiddleware set
 * some of them too (the generated settings.py turns them on so `check --deploy` passes and
 * Gunicorn reached directly is still safe); NGINX hides Django's copies (proxy_hide_header,
 * below) and adds its own on every response — static, media and error pages included — so
 * each header reaches the browser exactly once, with one value.
 */
export const NGINX_OWNED_HEADERS = ['Strict-Transport-Security', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy'] as const;

/** The security headers, each with `always` so error pages get them too. */
export function securityHeaderLines(https: boolean): string[] {
  const lines: string[] = [
    '# Security headers: NGINX is their one owner. Django sets X-Frame-Options, X-Content-Type-Options,',
    '# Referrer-Policy and HSTS too (settings.py, for `manage.py check --deploy`); "proxy_hide_header"',
    "# in location / drops Django's copies, so each header is sent once, also on /static/, /media/",
    '# and error pages. (Django 4+ also sends Cross-Origin-Opener-Policy: that one stays Django\'s.)',
  ];
  if (https) {
    lines.push('# Browsers must use HTTPS for a year, on every subdomain too.');
    lines.push('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
  }
  lines.push(
    '# Only our own scripts, styles and images; nobody may frame the site (clickjacking).',
    'add_header Content-Security-Policy "default-src \'self\'; frame-ancestors \'none\'; base-uri \'self\'; form-action \'self\'" always;',
    '# Older browsers: no framing either.',
    'add_header X-Frame-Options "DENY" always;',
    '# Do not guess content types (a text upload must not run as a script).',
    'add_header X-Content-Type-Options "nosniff" always;',
    '# Send only the origin to other sites (the same value settings.py gives Django).',
    'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
  );
  return lines;
}

function indent(lines: string[], depth: number): string[] {
  const pad = '    '.repeat(depth);
  return lines.map((l) => (l === '' ? '' : pad + l));
}

/** The location certbot's webroot mode needs on port 80 (issue and renew). */
function acmeLocation(p: DeployPaths): string[] {
  return [
    "# Let's Encrypt: `certbot certonly --webroot -w " + p.acmeWebroot + "` writes its challenge here;",
    '# served over plain HTTP so a certificate can be issued before HTTPS works, and renewed later.',
    'location /.well-known/acme-challenge/ {',
    `    root ${p.acmeWebroot};`,
    '    default_type text/plain;',
    '}',
  ];
}

export function nginxConf(m: DeployModel, s: ConfigSettings, p: DeployPaths, source: string): string {
  const domain = safeDomain(s.domain);
  const cert = p.certificate ?? `/etc/letsencrypt/live/${domain}/fullchain.pem`;
  const key = p.certificateKey ?? `/etc/letsencrypt/live/${domain}/privkey.pem`;
  const g = m.appServers[0]?.runtime;
  const gunicornTimeoutS = g?.timeoutS ?? 30;
  const n = m.nginx;

  const upstream: string[] = [
    `# ${LB_COMMENT[m.lbMethod]}`,
    ...(m.customAddresses
      ? ['# The app servers at the private addresses typed in ProdViz’s Configs panel.']
      : [
          '# 10.0.0.x are the addresses docker-compose.yml gives the containers: they exist only on the',
          "# compose network. On real servers, type each app server's private address in the Configs panel.",
        ]),
    `# max_fails=${n.maxFails} fail_timeout=${n.failTimeoutS}s: ${n.maxFails} failed attempt${n.maxFails === 1 ? '' : 's'} (refused, reset, timed out) within ${n.failTimeoutS} s`,
    `# take a server out of the rotation for ${n.failTimeoutS} s, then NGINX tries it again. (NGINX's default,`,
    '# max_fails=1, benches a healthy server for one unlucky request; while every server is benched',
    '# NGINX answers 502 "no live upstreams".) A single-server upstream is never benched.',
    m.appServers.every((x) => x.workerClass === 'sync')
      ? '# No "keepalive" here: Gunicorn\'s sync workers close the connection after each response.'
      : '# No "keepalive" here: NGINX opens a new connection to Gunicorn per request (simple, and enough on a LAN).',
    `upstream ${UPSTREAM_NAME} {`,
  ];
  const lb = LB_DIRECTIVE[m.lbMethod];
  if (lb) upstream.push(`    ${lb}`);
  for (const a of m.appServers) {
    const opts = [a.weight !== 1 ? `weight=${a.weight}` : '', `max_fails=${n.maxFails}`, `fail_timeout=${n.failTimeoutS}s`, a.down ? 'down' : '']
      .filter(Boolean)
      .join(' ');
    const where = a.boxId ? `on server box ${a.boxId}` : `(${a.nodeId})`;
    upstream.push(`    server ${hostPort(a.address, a.port)} ${opts};  # ${a.name}: Gunicorn ${where}`);
  }
  upstream.push('}');

  const hideHeaders = s.securityHeaders
    ? NGINX_OWNED_HEADERS.filter((h) => s.https || h !== 'Strict-Transport-Security').map((h) => `    proxy_hide_header ${h};`)
    : [];

  const site: string[] = [];
  if (s.securityHeaders) site.push(...securityHeaderLines(s.https), '');
  site.push(`# Uploads (media) up to ${n.clientMaxBodyMb} MB; a bigger body gets 413 before it reaches Django.`, `client_max_body_size ${n.clientMaxBodyMb}m;`, '');
  if (m.static) {
    site.push(
      '# collectstatic copies CSS, JS and images here; NGINX serves them without Django.',
      'location /static/ {',
      `    alias ${p.projectDir}/staticfiles/;`,
      '    expires 30d;',
      '    access_log off;',
      '}',
      '',
    );
  }
  if (m.media) {
    site.push(
      "# Users' uploads, served straight from disk. With two or more app servers behind a separate",
      '# NGINX host, this directory must be shared storage (NFS, or S3 via django-storages): an',
      '# upload saved on app1 must be readable here and on app2.',
      'location /media/ {',
      `    alias ${p.projectDir}/media/;`,
      '    expires 7d;',
      '}',
      '',
    );
  }
  site.push(
    '# Everything else goes to Gunicorn, with the original request described in headers.',
    'location / {',
    `    proxy_pass http://${UPSTREAM_NAME};`,
    '    proxy_set_header Host $host;',
    '    proxy_set_header X-Real-IP $remote_addr;',
    '    # NGINX is the edge: the client address is the one that connected. Never append to a',
    '    # client-sent X-Forwarded-For ($proxy_add_x_forwarded_for): anyone could forge entries.',
    ...(m.cdn
      ? [
          '    # With the CDN in front, $remote_addr is the CDN: add "set_real_ip_from <CDN ranges>;" and',
          '    # "real_ip_header X-Forwarded-For;" in this server so $remote_addr becomes the client again.',
        ]
      : []),
    '    proxy_set_header X-Forwarded-For $remote_addr;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '    proxy_redirect off;',
    ...hideHeaders,
    '',
    '    # Who times out first. Gunicorn (sync workers) kills a worker silent for',
    `    # ${gunicornTimeoutS} s: a slow view ends there as a 502 ("upstream prematurely closed").`,
    `    # proxy_read_timeout (${n.readTimeoutS} s) is the backstop: it answers 504 for workers Gunicorn does not kill`,
    '    # that way (gthread, gevent), or for a server that stopped answering.',
    `    proxy_connect_timeout ${n.connectTimeoutS}s;`,
    `    proxy_read_timeout ${n.readTimeoutS}s;`,
    '    # Retries: a refused, reset or timed-out connection goes to the next server (the request',
    '    # never reached Django). A POST/PATCH already sent is never replayed (no "non_idempotent").',
    `    # A request that has been with the upstreams for ${n.nextUpstreamTimeoutS} s is not retried either: a slow view,`,
    '    # killed by Gunicorn, would only be slow again on the next server and kill a worker there too.',
    '    proxy_next_upstream error timeout;',
    `    proxy_next_upstream_timeout ${n.nextUpstreamTimeoutS}s;`,
    `    proxy_next_upstream_tries ${n.nextUpstreamTries};${n.nextUpstreamTries === 0 ? '  # 0: every server may be tried once' : ''}`,
    '}',
  );

  const servers: string[] = [];
  if (s.https) {
    servers.push(
      '# Plain HTTP: certbot\'s challenge, and a redirect to HTTPS for everything else.',
      'server {',
      '    listen 80;',
      '    listen [::]:80;',
      `    server_name ${domain} www.${domain};`,
      '',
      ...indent(acmeLocation(p), 1),
      '',
      '    location / {',
      '        return 301 https://$host$request_uri;',
      '    }',
      '}',
      '',
      '# TLS ends here: NGINX decrypts, Gunicorn behind it speaks plain HTTP on the private network.',
      'server {',
      '    listen 443 ssl;',
      '    listen [::]:443 ssl;',
      `    server_name ${domain} www.${domain};`,
      '',
      `    ssl_certificate ${cert};`,
      `    ssl_certificate_key ${key};`,
      '    ssl_protocols TLSv1.2 TLSv1.3;',
      '    ssl_session_cache shared:SSL:10m;',
      '    ssl_session_timeout 1d;',
      '',
      ...indent(site, 1),
      '}',
    );
  } else {
    servers.push(
      'server {',
      '    listen 80;',
      '    listen [::]:80;',
      `    server_name ${domain} www.${domain};`,
      '',
      ...indent(acmeLocation(p), 1),
      '',
      ...indent(site, 1),
      '}',
    );
  }

  const bootstrap = s.https
    ? [
        '#',
        '# The first certificate: `nginx -t` fails until the certificate files exist, so',
        '#   1. generate this file with HTTPS off in ProdViz and install it (port 80 only; it already',
        `#      serves ${p.acmeWebroot}/.well-known/acme-challenge/): sudo mkdir -p ${p.acmeWebroot}`,
        '#      && sudo nginx -t && sudo systemctl reload nginx',
        `#   2. sudo certbot certonly --webroot -w ${p.acmeWebroot} -d ${domain} -d www.${domain}`,
        '#   3. install this file (HTTPS on): sudo nginx -t && sudo systemctl reload nginx',
        '# Renewals use the same webroot: certbot renew --deploy-hook "systemctl reload nginx".',
      ]
    : [];

  const lines = [
    `# nginx.conf — generated by ProdViz from the ${source} canvas.`,
    '# Put it at /etc/nginx/nginx.conf, then: sudo nginx -t && sudo systemctl reload nginx',
    ...bootstrap,
    ...(m.hasNginx ? [] : ['# The canvas has no NGINX yet: this is the reverse proxy it needs in production.']),
    'user www-data;',
    'worker_processes auto;',
    `pid ${p.nginxPidFile};`,
    `error_log ${p.nginxLogDir}/error.log warn;`,
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    'http {',
    `    include ${p.mimeTypes};`,
    '    default_type application/octet-stream;',
    '    sendfile on;',
    '    tcp_nopush on;',
    '    keepalive_timeout 65;  # browsers keep their connection to NGINX; NGINX → Gunicorn does not',
    '    server_tokens off;  # do not tell attackers the NGINX version',
    '    # $request_time and $upstream_response_time: ProdViz can import this log to fit its numbers.',
    "    log_format timed '$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent '",
    "                     '\"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time';",
    `    access_log ${p.nginxLogDir}/access.log timed;`,
    '    gzip on;',
    '    gzip_types text/css application/javascript application/json image/svg+xml;',
    '',
    ...indent(upstream, 1),
    '',
    ...indent(servers, 1),
    '}',
  ];
  return lines.join('\n') + '\n';
}

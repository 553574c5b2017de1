/** nginx.conf: the whole file, as /etc/nginx/nginx.conf on a Debian/Ubuntu web server. */
import type { DeployModel } from './model';
import { safeDomain } from './model';
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

/** The security headers, each with `always` so error pages get them too. */
export function securityHeaderLines(https: boolean): string[] {
  const lines: string[] = [];
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
    '# Send only the origin to other sites.',
    'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
  );
  return lines;
}

function indent(lines: string[], depth: number): string[] {
  const pad = '    '.repeat(depth);
  return lines.map((l) => (l === '' ? '' : pad + l));
}

export function nginxConf(m: DeployModel, s: ConfigSettings, p: DeployPaths, source: string): string {
  const domain = safeDomain(s.domain);
  const cert = p.certificate ?? `/etc/letsencrypt/live/${domain}/fullchain.pem`;
  const key = p.certificateKey ?? `/etc/letsencrypt/live/${domain}/privkey.pem`;

  const upstream: string[] = [`# ${LB_COMMENT[m.lbMethod]}`, `upstream ${UPSTREAM_NAME} {`];
  const lb = LB_DIRECTIVE[m.lbMethod];
  if (lb) upstream.push(`    ${lb}`);
  for (const a of m.appServers) {
    const opts = [a.weight !== 1 ? `weight=${a.weight}` : '', a.down ? 'down' : ''].filter(Boolean).join(' ');
    const where = a.boxId ? `on server box ${a.boxId}` : `(${a.nodeId})`;
    upstream.push(`    server ${a.address}:${a.port}${opts ? ' ' + opts : ''};  # ${a.name}: Gunicorn ${where}`);
  }
  upstream.push('}');

  const site: string[] = [];
  if (s.securityHeaders) site.push(...securityHeaderLines(s.https), '');
  site.push('# Uploads (media) up to 10 MB.', 'client_max_body_size 10m;', '');
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
      "# Users' uploads, served straight from disk.",
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
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '    proxy_redirect off;',
    '    proxy_connect_timeout 5s;',
    `    proxy_read_timeout ${m.proxyTimeoutS}s;  # then 504 Gateway Timeout`,
    '}',
  );

  const servers: string[] = [];
  if (s.https) {
    servers.push(
      '# Plain HTTP only redirects to HTTPS.',
      'server {',
      '    listen 80;',
      '    listen [::]:80;',
      `    server_name ${domain} www.${domain};`,
      '    return 301 https://$host$request_uri;',
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
      ...indent(site, 1),
      '}',
    );
  }

  const lines = [
    `# nginx.conf — generated by ProdViz from the ${source} canvas.`,
    '# Put it at /etc/nginx/nginx.conf, then: sudo nginx -t && sudo systemctl reload nginx',
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
    '    keepalive_timeout 65;',
    '    server_tokens off;  # do not tell attackers the NGINX version',
    `    access_log ${p.nginxLogDir}/access.log;`,
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

import { describe, expect, it } from 'vitest';
import { SCENES, getScene } from '../../topology/scenes';
import type { NodeParams, Topology } from '../../topology/types';
import { SCENE_IDS } from '../../topology/types';
import { DEFAULT_SETTINGS, deployModel, generateConfigs, safeDomain, type ConfigFile, type ConfigFileId, type ConfigSettings } from './index';
import { randomCase } from './testing';

function file(files: ConfigFile[], id: ConfigFileId): string {
  const f = files.find((x) => x.id === id);
  if (!f) throw new Error(`no ${id}`);
  return f.content;
}

function gen(t: Topology, s: Partial<ConfigSettings> = {}) {
  return generateConfigs(t, { ...DEFAULT_SETTINGS, ...s }, { source: 'test' });
}

function setParams(t: Topology, id: string, params: Partial<NodeParams> & Record<string, unknown>): Topology {
  return { ...t, nodes: t.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)) };
}

/** The `server …;` lines of the upstream block, without the max_fails/fail_timeout every line carries. */
function upstreamServers(conf: string): string[] {
  const block = /upstream django_app \{([^}]*)\}/.exec(conf)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l.startsWith('server '))
    .map((l) => {
      expect(l).toMatch(/ max_fails=\d+ fail_timeout=\d+s[ ;]/);
      return l.replace(/ max_fails=\d+ fail_timeout=\d+s/, '');
    });
}

const production = () => getScene('production').topology;

describe('nginx.conf', () => {
  it('lists both app servers of the production scene in the upstream, round robin by default', () => {
    const conf = file(gen(production()), 'nginx');
    expect(upstreamServers(conf)).toEqual(['server 10.0.0.11:8000;', 'server 10.0.0.12:8000;']);
    expect(conf).not.toMatch(/^\s*(least_conn|ip_hash);/m);
  });

  it('uses the NGINX node’s lbMethod', () => {
    expect(file(gen(setParams(production(), 'nginx', { lbMethod: 'least_conn' })), 'nginx')).toMatch(/upstream django_app \{\n\s+least_conn;/);
    expect(file(gen(setParams(production(), 'nginx', { lbMethod: 'ip_hash' })), 'nginx')).toMatch(/upstream django_app \{\n\s+ip_hash;/);
    // Unknown values fall back to the default.
    expect(file(gen(setParams(production(), 'nginx', { lbMethod: 'random; evil' })), 'nginx')).not.toContain('evil');
  });

  it('writes weights, from the Gunicorn node or its server box, and marks stopped servers down', () => {
    let t = setParams(production(), 'app1-gunicorn', { weight: 3 });
    t = setParams(t, 'app2', { weight: 2 });
    expect(upstreamServers(file(gen(t), 'nginx'))).toEqual(['server 10.0.0.11:8000 weight=3;', 'server 10.0.0.12:8000 weight=2;']);
    t = setParams(production(), 'app2-gunicorn', { up: false });
    expect(upstreamServers(file(gen(t), 'nginx'))).toEqual(['server 10.0.0.11:8000;', 'server 10.0.0.12:8000 down;']);
  });

  it('serves /static/ and /media/ itself only when the canvas has them', () => {
    const prod = file(gen(production()), 'nginx');
    expect(prod).toMatch(/location \/static\/ \{\s+alias \/srv\/app\/staticfiles\/;/);
    expect(prod).toMatch(/location \/media\/ \{\s+alias \/srv\/app\/media\/;/);
    const noFiles: Topology = { ...production(), nodes: production().nodes.filter((n) => n.kind !== 'static' && n.kind !== 'media') };
    const conf = file(gen(noFiles), 'nginx');
    expect(conf).not.toContain('location /static/');
    expect(conf).not.toContain('location /media/');
  });

  it('passes the proxy headers to Gunicorn', () => {
    const conf = file(gen(production()), 'nginx');
    expect(conf).toContain('proxy_pass http://django_app;');
    for (const h of ['Host $host', 'X-Real-IP $remote_addr', 'X-Forwarded-For $remote_addr', 'X-Forwarded-Proto $scheme'])
      expect(conf).toContain(`proxy_set_header ${h};`);
    // NGINX is the edge: a client-sent X-Forwarded-For is never appended to.
    expect(conf).not.toMatch(/^\s*proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/m);
  });

  it('with HTTPS: port 80 redirects, 443 terminates TLS with the domain’s certificate', () => {
    const conf = file(gen(production(), { https: true, domain: 'shop.example.com' }), 'nginx');
    expect(conf).toMatch(/listen 80;[\s\S]*?location \/\.well-known\/acme-challenge\/ \{\s+root \/var\/www\/certbot;[\s\S]*?return 301 https:\/\/\$host\$request_uri;[\s\S]*?listen 443 ssl;/);
    // The bootstrap order before the first certificate exists.
    expect(conf).toContain('certbot certonly --webroot -w /var/www/certbot -d shop.example.com -d www.shop.example.com');
    expect(conf).toContain('listen 443 ssl;');
    expect(conf).toContain('ssl_certificate /etc/letsencrypt/live/shop.example.com/fullchain.pem;');
    expect(conf).toContain('ssl_certificate_key /etc/letsencrypt/live/shop.example.com/privkey.pem;');
    expect(conf).toContain('server_name shop.example.com www.shop.example.com;');
  });

  it('without HTTPS: one port-80 server that proxies, no redirect, no TLS', () => {
    const conf = file(gen(production(), { https: false }), 'nginx');
    expect(conf).not.toContain('return 301');
    expect(conf).not.toContain('ssl');
    expect(conf).toContain('proxy_pass http://django_app;');
    // certbot can still issue the first certificate through it.
    expect(conf).toMatch(/location \/\.well-known\/acme-challenge\/ \{\s+root \/var\/www\/certbot;/);
  });

  it('adds the security headers when asked (HSTS only with HTTPS)', () => {
    const on = file(gen(production(), { https: true, securityHeaders: true }), 'nginx');
    for (const h of ['Strict-Transport-Security', 'Content-Security-Policy', 'X-Content-Type-Options "nosniff"', 'X-Frame-Options "DENY"', 'Referrer-Policy'])
      expect(on).toContain(`add_header ${h}`);
    expect(on).toContain("frame-ancestors 'none'");
    const http = file(gen(production(), { https: false, securityHeaders: true }), 'nginx');
    expect(http).not.toContain('Strict-Transport-Security');
    expect(http).toContain('add_header X-Content-Type-Options');
    expect(file(gen(production(), { securityHeaders: false }), 'nginx')).not.toMatch(/^\s*add_header/m);
  });

  it('owns each security header once: hides Django’s copies of the headers it adds', () => {
    const conf = file(gen(production(), { https: true, securityHeaders: true }), 'nginx');
    const hidden = [...conf.matchAll(/^\s*proxy_hide_header (\S+);/gm)].map((x) => x[1]);
    const added = [...conf.matchAll(/^\s*add_header (\S+) /gm)].map((x) => x[1]);
    expect(new Set(added).size).toBe(added.length);
    // Every header Django's middleware sends that NGINX also adds is hidden from the upstream.
    for (const h of ['Strict-Transport-Security', 'X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy']) {
      expect(added).toContain(h);
      expect(hidden).toContain(h);
    }
    // Without NGINX's headers, Django's pass through untouched (it is then their one owner).
    expect(file(gen(production(), { securityHeaders: false }), 'nginx')).not.toContain('proxy_hide_header');
  });

  it('times out in one order: Gunicorn kills first, NGINX does not replay the slow request', () => {
    const conf = file(gen(production()), 'nginx');
    const py = file(gen(production()), 'gunicornConf');
    const sec = (re: RegExp, text: string) => Number(re.exec(text)?.[1]);
    const gunicorn = sec(/^timeout = (\d+)$/m, py);
    const read = sec(/proxy_read_timeout (\d+)s;/, conf);
    const connect = sec(/proxy_connect_timeout (\d+)s;/, conf);
    const nextUpstream = sec(/proxy_next_upstream_timeout (\d+)s;/, conf);
    expect(gunicorn).toBe(30);
    expect(read).toBeGreaterThan(gunicorn);
    // A refused/timed-out connect is retried; a request killed by Gunicorn's timeout is not.
    expect(nextUpstream).toBeGreaterThan(connect);
    expect(nextUpstream).toBeLessThan(gunicorn);
    expect(conf).toMatch(/^\s*proxy_next_upstream error timeout;/m);
    expect(conf).not.toMatch(/^\s*proxy_next_upstream [^;]*non_idempotent/m);
    // The comments say what happens: the slow view gets Gunicorn's 502 after 30 s.
    expect(conf).toContain('30 s: a slow view ends there as a 502');
    expect(conf).not.toMatch(/then 504/);
  });

  it('follows the runtime params of the NGINX and Gunicorn nodes', () => {
    let t = setParams(production(), 'nginx', { readTimeoutS: 7, connectTimeoutS: 1, maxFails: 2, failTimeoutS: 3, nextUpstreamTimeoutS: 1, clientMaxBodyMb: 1 });
    t = setParams(t, 'app1-gunicorn', { timeoutS: 4, maxRequests: 200, maxRequestsJitter: 50 });
    const conf = file(gen(t), 'nginx');
    for (const line of ['proxy_read_timeout 7s;', 'proxy_connect_timeout 1s;', 'proxy_next_upstream_timeout 1s;', 'client_max_body_size 1m;'])
      expect(conf).toContain(line);
    expect(conf).toContain('server 10.0.0.11:8000 max_fails=2 fail_timeout=3s;');
    const py = file(gen(t), 'gunicornConf');
    expect(py).toMatch(/^timeout = 4$/m);
    expect(py).toMatch(/^max_requests = 200$/m);
    expect(py).toMatch(/^max_requests_jitter = 50$/m);
  });

  it('uses the app servers’ typed addresses, and says 10.0.0.x is the compose network otherwise', () => {
    expect(file(gen(production()), 'nginx')).toContain('exist only on the');
    const conf = file(gen(production(), { appAddresses: ['192.168.1.21', ''], nginxAddress: '192.168.1.20' }), 'nginx');
    expect(upstreamServers(conf)).toEqual(['server 192.168.1.21:8000;', 'server 10.0.0.12:8000;']);
    expect(file(gen(production(), { nginxAddress: '192.168.1.20' }), 'gunicornConf')).toContain('forwarded_allow_ips = "192.168.1.20,127.0.0.1"');
    expect(file(gen(production(), { appAddresses: ['app-1.internal', 'fd00::12'] }), 'nginx')).toContain('server [fd00::12]:8000');
    // Anything that is not an address is refused, never written into a file.
    const evil = file(gen(production(), { appAddresses: ['1.2.3.4; include /etc/passwd', '10.0.0.999'] }), 'nginx');
    expect(evil).not.toContain('passwd');
    expect(upstreamServers(evil)).toEqual(['server 10.0.0.11:8000;', 'server 10.0.0.12:8000;']);
    // The compose file keeps its own network's addresses whatever is typed.
    expect(file(gen(production(), { appAddresses: ['192.168.1.21', '192.168.1.22'] }), 'compose')).toContain('ipv4_address: 10.0.0.11');
  });

  it('never lets the domain setting inject directives', () => {
    expect(safeDomain('Shop.Example.com.')).toBe('shop.example.com');
    for (const bad of ['evil.com; include /etc/passwd', 'a b', '', '-x.com', 'x'.repeat(64) + '.com', 'ex$ample.com'])
      expect(safeDomain(bad)).toBe('example.com');
    const conf = file(gen(production(), { domain: 'x.com;\n}\nserver {' }), 'nginx');
    expect(conf).toContain('server_name example.com www.example.com;');
  });

  it('gives a runserver canvas the production setup it lacks (one Gunicorn behind NGINX)', () => {
    const m = deployModel(SCENES.local.topology, DEFAULT_SETTINGS);
    expect(m.runserver).toBe(true);
    expect(m.hasNginx).toBe(false);
    expect(m.appServers).toHaveLength(1);
    // The laptop has 8 cores: (2 × 8) + 1 workers.
    expect(m.appServers[0]?.workers).toBe(17);
    expect(file(gen(SCENES.local.topology), 'nginx')).toContain('The canvas has no NGINX yet');
  });
});

describe('gunicorn.service and gunicorn.conf.py', () => {
  it('runs gunicorn config.wsgi with the canvas’s workers, restarted by systemd', () => {
    const t = setParams(production(), 'app1-gunicorn', { workers: 9 });
    const unit = file(gen(t), 'systemd');
    expect(unit).toMatch(/^ExecStart=\/srv\/app\/venv\/bin\/gunicorn config\.wsgi --workers 9 --worker-class sync --bind 0\.0\.0\.0:8000 --timeout 30$/m);
    for (const line of ['[Unit]', 'After=network.target', '[Service]', 'User=django', 'Group=www-data', 'WorkingDirectory=/srv/app', 'Restart=always', 'RestartSec=5', '[Install]', 'WantedBy=multi-user.target'])
      expect(unit.split('\n')).toContain(line);
    // app2 still has 5: the file says so.
    expect(unit).toContain('On app2 set 5 workers');
  });

  it('follows the worker class (from the canvas, or the setting)', () => {
    const t = setParams(production(), 'app1-gunicorn', { workerClass: 'gthread' });
    expect(file(gen(t), 'systemd')).toContain('--worker-class gthread --threads 4');
    expect(file(gen(t), 'gunicornConf')).toContain('threads = 4');
    expect(file(gen(production(), { workerClass: 'async' }), 'gunicornConf')).toContain('worker_class = "gevent"');
  });

  it('gunicorn.conf.py sets the WSGI app, bind, workers and timeout', () => {
    const py = file(gen(production()), 'gunicornConf');
    expect(py).toContain('wsgi_app = "config.wsgi:application"');
    expect(py).toContain('bind = "0.0.0.0:8000"');
    expect(py).toMatch(/^workers = 5$/m);
    expect(py).toMatch(/^timeout = 30$/m);
    expect(py).toContain('%(D)s');
  });

  it('no keepalive for sync workers; a jitter that spreads the recycling', () => {
    expect(file(gen(production()), 'gunicornConf')).not.toMatch(/^keepalive/m);
    expect(file(gen(production(), { workerClass: 'gthread' }), 'gunicornConf')).toMatch(/^keepalive = 2$/m);
    const py = file(gen(production()), 'gunicornConf');
    const max = Number(/^max_requests = (\d+)$/m.exec(py)?.[1]);
    const jitter = Number(/^max_requests_jitter = (\d+)$/m.exec(py)?.[1]);
    // Workers' limits spread over at least a third of a recycling period.
    expect(jitter / max).toBeGreaterThanOrEqual(1 / 3);
  });
});

describe('docker-compose.yml and Dockerfile', () => {
  it('numbers one web service per app server, at the addresses nginx.conf uses', () => {
    const yml = file(gen(production()), 'compose');
    for (const s of ['web1', 'web2', 'db', 'redis', 'nginx']) expect(yml).toMatch(new RegExp(`^  ${s}:$`, 'm'));
    expect(yml).toContain('ipv4_address: 10.0.0.11');
    expect(yml).toContain('ipv4_address: 10.0.0.12');
    expect(yml).toContain('image: postgres:16');
    expect(yml).toContain('- postgres_data:/var/lib/postgresql/data');
    expect(yml).toContain('- ./nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(yml).toContain('- "443:443"');
    expect(yml).toMatch(/depends_on:\n\s+collectstatic:\n\s+condition: service_completed_successfully\n\s+web1:\n\s+condition: service_started\n\s+web2:/);
    // The web services do not mount the static volume (it would hide newer images' files).
    const anchor = /x-web: &web\n([\s\S]*?)\n\n/.exec(yml)?.[1] ?? '';
    expect(anchor).not.toContain('static_files');
    expect(yml).toMatch(/collectstatic:\n\s+<<: \*web\n\s+restart: "no"\n\s+command: python manage.py collectstatic --noinput --clear/);
    const staging = file(gen(SCENES.staging.topology, { https: false }), 'compose');
    expect(staging).toMatch(/^ {2}web:$/m);
    expect(staging).not.toContain('443');
  });

  it('Dockerfile: slim Python, dependencies, collectstatic, Gunicorn', () => {
    const df = file(gen(production()), 'dockerfile');
    expect(df).toMatch(/^FROM python:3\.12-slim$/m);
    expect(df).toContain('RUN pip install --no-cache-dir -r requirements.txt');
    // collectstatic at build time gets a throwaway key: the real one exists only at run time.
    expect(df).toMatch(/^RUN DJANGO_SECRET_KEY=\S+ python manage.py collectstatic --noinput$/m);
    const ignore = file(gen(production()), 'dockerignore');
    for (const entry of ['.env', 'venv/', '.git/']) expect(ignore.split('\n')).toContain(entry);
    expect(df).toMatch(/^CMD \["gunicorn", /m);
    expect(df).toMatch(/^USER django$/m);
  });
});

describe('deploy.yml', () => {
  it('tests, then builds, then deploys to every app server', () => {
    const wf = file(gen(production()), 'workflow');
    expect(wf).toMatch(/^ {2}test:\n/m);
    expect(wf).toMatch(/^ {2}build:\n {4}needs: test$/m);
    expect(wf).toMatch(/^ {2}deploy:\n {4}needs: build$/m);
    expect(wf).toContain('for host in 10.0.0.11 10.0.0.12; do');
    expect(wf).toContain('sudo systemctl reload gunicorn');
    expect(wf).not.toContain('docker compose');
    // A SECRET_KEY check --deploy accepts (≥ 50 characters, ≥ 5 distinct).
    const key = /DJANGO_SECRET_KEY: (\S+)/.exec(wf)?.[1] ?? '';
    expect(key.length).toBeGreaterThanOrEqual(50);
  });
});

describe('settings.py', () => {
  it('turns on what check --deploy asks for, with HTTPS', () => {
    const py = file(gen(production(), { https: true }), 'settings');
    for (const line of ['SECURE_HSTS_SECONDS = 31536000', 'SECURE_SSL_REDIRECT = True', 'SESSION_COOKIE_SECURE = True', 'CSRF_COOKIE_SECURE = True', 'X_FRAME_OPTIONS = "DENY"', 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")'])
      expect(py.split('\n')).toContain(line);
    // The same Referrer-Policy value as NGINX's header.
    expect(py).toContain('SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"');
    expect(file(gen(production()), 'nginx')).toContain('add_header Referrer-Policy "strict-origin-when-cross-origin" always;');
    expect(py).toContain('"django_redis.cache.RedisCache"');
    const http = file(gen(production(), { https: false }), 'settings');
    expect(http).not.toContain('SECURE_SSL_REDIRECT = True');
    expect(http).toContain('"security.W004"');
  });
});

describe('generators', () => {
  it('are deterministic and work on every (frozen) scene', () => {
    for (const id of SCENE_IDS) {
      const a = gen(SCENES[id].topology);
      expect(a.map((f) => f.name)).toEqual(['nginx.conf', 'gunicorn.service', 'gunicorn.conf.py', 'settings.py', 'docker-compose.yml', 'Dockerfile', '.dockerignore', 'deploy.yml']);
      expect(gen(SCENES[id].topology)).toEqual(a);
      for (const f of a) expect(f.content.endsWith('\n')).toBe(true);
    }
  });

  it('follow randomised topologies: servers, weights, downs, method, static/media', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const c = randomCase(seed);
      const conf = file(generateConfigs(c.topology, c.settings), 'nginx');
      const expected = c.weights.map((w, i) => {
        const opts = [w !== 1 ? `weight=${w}` : '', c.stopped[i] ? 'down' : ''].filter(Boolean).join(' ');
        return `server 10.0.0.${11 + i}:8000${opts ? ' ' + opts : ''};`;
      });
      expect(upstreamServers(conf), `seed ${seed}`).toEqual(expected);
      expect(conf.includes('least_conn;'), `seed ${seed}`).toBe(c.lbMethod === 'least_conn');
      expect(conf.includes('ip_hash;'), `seed ${seed}`).toBe(c.lbMethod === 'ip_hash');
      expect(conf.includes('location /static/'), `seed ${seed}`).toBe(c.hasStatic);
      expect(conf.includes('location /media/'), `seed ${seed}`).toBe(c.hasMedia);
      expect(conf.includes('listen 443 ssl;'), `seed ${seed}`).toBe(c.settings.https);
    }
  });
});

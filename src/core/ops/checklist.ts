/**
 * The eight deployment steps of course section 14, each adding its part to the production
 * architecture: after step k the canvas holds exactly what steps 1..k installed, and after
 * step 8 it is the Production scene again.
 */
import type { ComponentKind } from '../catalog/catalog';
import { SCENES, cloneTopology } from '../topology/scenes';
import type { Topology } from '../topology/types';

export const DEPLOY_STEPS = ['server', 'python', 'postgres', 'redis', 'gunicorn', 'nginx', 'django', 'collectstatic'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

/**
 * The command a developer types for each step on Ubuntu, in the layout the generated files
 * use (code in /srv/app, its virtualenv in /srv/app/venv, gunicorn.service binding
 * 0.0.0.0:8000). Each line runs where it says: `ssh -t host 'command'` runs the command on the
 * server (`ssh host && command` would run it locally, after ssh exits). Gunicorn is enabled
 * only once the code it runs is there (step 7).
 */
export const STEP_COMMANDS: Record<DeployStep, string> = {
  server: "ssh -t root@203.0.113.10 'adduser deploy && usermod -aG sudo deploy'",
  python: 'sudo apt install python3 python3-venv python3-pip',
  postgres: 'sudo apt install postgresql && sudo -u postgres createuser --pwprompt django && sudo -u postgres createdb --owner django myproject',
  redis: 'sudo apt install redis-server   # redis.conf: bind to the private address, requirepass; firewall: 6379 from the app servers only',
  gunicorn: 'sudo cp gunicorn.service /etc/systemd/system/ && sudo systemctl daemon-reload   # gunicorn itself comes with requirements.txt',
  nginx: 'sudo apt install nginx && sudo cp nginx.conf /etc/nginx/ && sudo nginx -t && sudo systemctl reload nginx',
  django: 'git clone … /srv/app && cd /srv/app && python3 -m venv venv && venv/bin/pip install -r requirements.txt && venv/bin/python manage.py migrate && sudo systemctl enable --now gunicorn',
  collectstatic: 'venv/bin/python manage.py collectstatic --noinput',
};

/** The step (1-based) that brings each kind onto the canvas. */
const STEP_OF_KIND: Partial<Record<ComponentKind, number>> = {
  user: 1,
  server: 1,
  postgres: 3,
  redis: 4,
  gunicorn: 5,
  nginx: 6,
  django: 7,
  static: 8,
  media: 8,
};

/** The production topology as it stands after `step` steps (0 = nothing installed yet: only the user). */
export function topologyAtStep(step: number, base: Topology = SCENES.production.topology): Topology {
  const full = cloneTopology(base);
  const keep = new Set(full.nodes.filter((n) => (STEP_OF_KIND[n.kind] ?? 1) <= step || n.kind === 'user').map((n) => n.id));
  return {
    nodes: full.nodes.filter((n) => keep.has(n.id)),
    edges: full.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

/** Which kinds a step adds, for its description. */
export function kindsAddedAt(step: number): ComponentKind[] {
  return (Object.entries(STEP_OF_KIND) as [ComponentKind, number][]).filter(([k, s]) => s === step && k !== 'user').map(([k]) => k);
}

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

/** The command a developer types for each step on Ubuntu. */
export const STEP_COMMANDS: Record<DeployStep, string> = {
  server: 'ssh root@203.0.113.10 && adduser deploy',
  python: 'sudo apt install python3 python3-venv && python3 -m venv venv',
  postgres: 'sudo apt install postgresql && sudo -u postgres createdb myproject',
  redis: 'sudo apt install redis-server',
  gunicorn: 'pip install gunicorn && sudo systemctl enable --now gunicorn',
  nginx: 'sudo apt install nginx && sudo systemctl reload nginx',
  django: 'git clone … app && pip install -r requirements.txt && python manage.py migrate',
  collectstatic: 'python manage.py collectstatic --noinput',
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

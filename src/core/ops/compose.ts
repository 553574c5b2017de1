/**
 * Course section 15: the architecture grouped into Docker Compose services — web (Gunicorn +
 * Django, built from the Dockerfile), db (PostgreSQL), redis, nginx — with their images,
 * ports and volumes, and which canvas nodes each service stands for.
 */
import type { Topology } from '../topology/types';
import { workersOf } from './processes';

export type ComposeServiceName = 'web' | 'db' | 'redis' | 'nginx';

export interface ComposeService {
  name: ComposeServiceName;
  /** `build: .` for the app, else the image. */
  image: string;
  build: boolean;
  command?: string;
  /** "host:container" when published to the host, "container" when only on the Compose network. */
  ports: string[];
  volumes: string[];
  dependsOn: ComposeServiceName[];
  /** How many containers (app servers run one web replica each). */
  replicas: number;
  /** Canvas nodes this service stands for. */
  nodeIds: string[];
}

export function composeServices(t: Topology): ComposeService[] {
  const ids = (kinds: string[]) => t.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id);
  const out: ComposeService[] = [];
  const gunicorns = t.nodes.filter((n) => n.kind === 'gunicorn' || n.kind === 'runserver');
  const hasDb = t.nodes.some((n) => n.kind === 'postgres');
  const hasRedis = t.nodes.some((n) => n.kind === 'redis');
  const hasNginx = t.nodes.some((n) => n.kind === 'nginx');
  if (gunicorns.length > 0) {
    const first = t.nodes.find((n) => n.kind === 'gunicorn');
    const workers = first ? workersOf(first) : 1;
    out.push({
      name: 'web',
      image: 'build: .',
      build: true,
      command: first ? `gunicorn config.wsgi:application --bind 0.0.0.0:8000 --workers ${workers}` : 'python manage.py runserver 0.0.0.0:8000',
      ports: hasNginx ? ['8000'] : ['8000:8000'],
      volumes: ['static_volume:/app/staticfiles', 'media_volume:/app/media'],
      dependsOn: [...(hasDb ? (['db'] as const) : []), ...(hasRedis ? (['redis'] as const) : [])],
      replicas: gunicorns.length,
      nodeIds: ids(['gunicorn', 'runserver', 'django']),
    });
  }
  if (hasDb) {
    out.push({ name: 'db', image: 'postgres:16', build: false, ports: ['5432'], volumes: ['postgres_data:/var/lib/postgresql/data'], dependsOn: [], replicas: 1, nodeIds: ids(['postgres']) });
  }
  if (hasRedis) {
    out.push({ name: 'redis', image: 'redis:7', build: false, ports: ['6379'], volumes: [], dependsOn: [], replicas: 1, nodeIds: ids(['redis']) });
  }
  if (hasNginx) {
    out.push({
      name: 'nginx',
      image: 'nginx:1.27',
      build: false,
      ports: ['80:80', '443:443'],
      volumes: ['./nginx.conf:/etc/nginx/conf.d/default.conf:ro', 'static_volume:/app/staticfiles:ro', 'media_volume:/app/media:ro'],
      dependsOn: gunicorns.length > 0 ? ['web'] : [],
      replicas: 1,
      nodeIds: ids(['nginx', 'static', 'media']),
    });
  }
  return out;
}

/** Named volumes the services use. */
export function composeVolumes(services: ComposeService[]): string[] {
  const names = new Set<string>();
  for (const s of services) for (const v of s.volumes) {
    const src = v.split(':')[0] ?? '';
    if (src && !src.startsWith('.') && !src.startsWith('/')) names.add(src);
  }
  return [...names].sort();
}

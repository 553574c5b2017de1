/**
 * Config generators: the files a developer writes to run the canvas's architecture —
 * nginx.conf, gunicorn.service, gunicorn.conf.py, docker-compose.yml, Dockerfile and a
 * GitHub Actions workflow. Pure functions of (topology, settings).
 */
import type { Topology } from '../../topology/types';
import { dockerCompose, dockerfile } from './compose';
import { gunicornConfPy, gunicornService } from './gunicorn';
import { deployModel } from './model';
import { nginxConf } from './nginx';
import { djangoSettings, dockerignore } from './settings';
import { DEFAULT_PATHS, type ConfigFile, type ConfigSettings, type DeployPaths } from './types';
import { deployWorkflow } from './workflow';

export * from './types';
export { composeAddress, deployModel, safeAddress, safeDomain, type AppServer, type DeployModel } from './model';
export { NGINX_OWNED_HEADERS } from './nginx';

export interface GenerateOptions {
  /** Named in each file's header comment (e.g. "production"). */
  source?: string;
  paths?: Partial<DeployPaths>;
}

export function generateConfigs(t: Topology, settings: ConfigSettings, options: GenerateOptions = {}): ConfigFile[] {
  const m = deployModel(t, settings);
  const p: DeployPaths = { ...DEFAULT_PATHS, ...options.paths };
  const src = options.source ?? 'current';
  return [
    { id: 'nginx', name: 'nginx.conf', path: '/etc/nginx/nginx.conf', language: 'nginx', content: nginxConf(m, settings, p, src) },
    {
      id: 'systemd',
      name: 'gunicorn.service',
      path: '/etc/systemd/system/gunicorn.service',
      language: 'ini',
      content: gunicornService(m, p, src),
    },
    { id: 'gunicornConf', name: 'gunicorn.conf.py', path: `${p.projectDir}/gunicorn.conf.py`, language: 'python', content: gunicornConfPy(m, src) },
    { id: 'settings', name: 'settings.py', path: `${p.projectDir}/config/settings.py`, language: 'python', content: djangoSettings(m, settings, p, src) },
    { id: 'compose', name: 'docker-compose.yml', path: 'docker-compose.yml', language: 'yaml', content: dockerCompose(m, settings, src) },
    { id: 'dockerfile', name: 'Dockerfile', path: 'Dockerfile', language: 'dockerfile', content: dockerfile(m, src) },
    { id: 'dockerignore', name: '.dockerignore', path: '.dockerignore', language: 'bash', content: dockerignore(src) },
    { id: 'workflow', name: 'deploy.yml', path: '.github/workflows/deploy.yml', language: 'yaml', content: deployWorkflow(m, src) },
  ];
}

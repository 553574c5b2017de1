/** Settings and output shapes of the config generators. */

export type WorkerClass = 'sync' | 'gthread' | 'async';
export type LbMethodName = 'round_robin' | 'least_conn' | 'ip_hash';

/** What the user chooses in the Configs panel. */
export interface ConfigSettings {
  /** TLS at NGINX: port 80 redirects to 443. */
  https: boolean;
  /** HSTS (with HTTPS), CSP, X-Content-Type-Options, X-Frame-Options, Referrer-Policy. */
  securityHeaders: boolean;
  /** The site's domain name (server_name, certificate path, ALLOWED_HOSTS). */
  domain: string;
  /** Overrides the Gunicorn nodes' worker class; undefined = take it from the canvas. */
  workerClass?: WorkerClass;
  /**
   * The app servers' real private addresses, in upstream order; an empty or invalid entry
   * keeps the compose network's 10.0.0.(11 + i), which exists only inside docker-compose.
   */
  appAddresses?: string[];
  /** NGINX's address as the app servers see it (Gunicorn's forwarded_allow_ips); default 10.0.0.10. */
  nginxAddress?: string;
}

export const DEFAULT_SETTINGS: Readonly<ConfigSettings> = Object.freeze({
  https: true,
  securityHeaders: true,
  domain: 'example.com',
});

/**
 * Where things live on the server. The defaults are the usual Debian/Ubuntu places; tests
 * point them at temporary directories so the real tools can check the files as a normal user.
 */
export interface DeployPaths {
  /** The Django project (manage.py, config/wsgi.py). */
  projectDir: string;
  /** The virtualenv's bin directory (gunicorn, python). */
  venvBin: string;
  nginxLogDir: string;
  nginxPidFile: string;
  mimeTypes: string;
  /** Where certbot's webroot mode writes its challenge files (served on port 80). */
  acmeWebroot: string;
  /** TLS certificate and key; default: Let's Encrypt's paths for the domain. */
  certificate?: string;
  certificateKey?: string;
}

export const DEFAULT_PATHS: Readonly<DeployPaths> = Object.freeze({
  projectDir: '/srv/app',
  venvBin: '/srv/app/venv/bin',
  nginxLogDir: '/var/log/nginx',
  nginxPidFile: '/run/nginx.pid',
  mimeTypes: '/etc/nginx/mime.types',
  acmeWebroot: '/var/www/certbot',
});

export type ConfigFileId = 'nginx' | 'systemd' | 'gunicornConf' | 'settings' | 'compose' | 'dockerfile' | 'dockerignore' | 'workflow';

/** Languages the UI's highlighter knows. */
export type ConfigLanguage = 'nginx' | 'ini' | 'python' | 'yaml' | 'dockerfile' | 'bash';

export interface ConfigFile {
  id: ConfigFileId;
  /** The file's name, for downloads (e.g. "nginx.conf"). */
  name: string;
  /** Where it goes (e.g. "/etc/nginx/nginx.conf" or ".github/workflows/deploy.yml"). */
  path: string;
  language: ConfigLanguage;
  content: string;
}

/**
 * The sections of the course (seed/000_9b926460faaf6213.txt), in teaching order. Each has
 * exactly one lesson with the same id. Titles are in the lesson files; the English names
 * here are what the course calls each section, for tests and tools.
 */
export const COURSE_SECTIONS = [
  { id: 'environments', name: 'Environments' },
  { id: 'architecture', name: 'The production architecture' },
  { id: 'nginx', name: 'NGINX' },
  { id: 'reverse-proxy', name: 'Reverse proxy' },
  { id: 'gunicorn', name: 'Gunicorn and workers' },
  { id: 'wsgi', name: 'WSGI' },
  { id: 'static-media', name: 'Static and media files' },
  { id: 'linux', name: 'Linux' },
  { id: 'systemd', name: 'systemd' },
  { id: 'cicd', name: 'CI/CD' },
  { id: 'deployment', name: 'Deployment' },
  { id: 'scaling', name: 'Scaling' },
  { id: 'load-balancing', name: 'Load balancing' },
  { id: 'deploy-steps', name: 'The deployment steps' },
  { id: 'docker-compose', name: 'Docker Compose' },
  { id: 'lifecycle', name: 'The request lifecycle' },
  { id: 'performance', name: 'Performance' },
  { id: 'security', name: 'Security' },
  { id: 'real-world', name: 'The real-world architecture' },
  { id: 'senior', name: 'What a senior should know' },
  { id: 'summary', name: 'Summary' },
] as const;

export type SectionId = (typeof COURSE_SECTIONS)[number]['id'];
export const SECTION_IDS: readonly SectionId[] = COURSE_SECTIONS.map((s) => s.id);

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

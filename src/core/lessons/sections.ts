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

/**
 * Lessons that are not a section of the course notes but teach across them. Each has a file
 * src/content/lessons/<id>.json like the section lessons.
 */
export const EXTRA_LESSONS = [{ id: 'first-deploy', name: 'First deploy mistakes', after: 'deploy-steps' }] as const;

export type LessonId = SectionId | (typeof EXTRA_LESSONS)[number]['id'];

/** Every lesson, in teaching order: the course's sections with the extra lessons slotted in. */
export const LESSON_IDS: readonly LessonId[] = SECTION_IDS.flatMap((id) => [
  id,
  ...EXTRA_LESSONS.filter((x) => x.after === id).map((x) => x.id),
]);

export function isLessonId(value: unknown): value is LessonId {
  return typeof value === 'string' && (LESSON_IDS as readonly string[]).includes(value);
}

/**
 * The "45-minute class": a curated path through the lessons with the minutes each one takes
 * in front of a class (narration, a question to the room, the live demo). The full course
 * stays available; this is the path for a single lesson hour.
 */
export const CLASS_PATH: readonly { id: LessonId; minutes: number }[] = [
  { id: 'environments', minutes: 3 },
  { id: 'architecture', minutes: 4 },
  { id: 'nginx', minutes: 5 },
  { id: 'gunicorn', minutes: 5 },
  { id: 'wsgi', minutes: 3 },
  { id: 'static-media', minutes: 3 },
  { id: 'scaling', minutes: 5 },
  { id: 'load-balancing', minutes: 4 },
  { id: 'first-deploy', minutes: 7 },
  { id: 'real-world', minutes: 4 },
  { id: 'summary', minutes: 2 },
];

export const CLASS_PATH_MINUTES = CLASS_PATH.reduce((sum, l) => sum + l.minutes, 0);

/**
 * The CI/CD pipeline of course sections 10-11 as a stage machine:
 * push → GitHub → CI test → CI build → CD → server → deploy. Each `advance` finishes the
 * running stage and starts the next; a failing test stops the pipeline there (the later
 * stages are skipped and nothing reaches the server).
 */

export const STAGES = ['push', 'github', 'test', 'build', 'cd', 'server', 'deploy'] as const;
export type StageId = (typeof STAGES)[number];
export type StageStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';

export interface PipelineState {
  status: Record<StageId, StageStatus>;
  /** Index of the running stage, or null when idle / finished. */
  current: number | null;
  result: 'idle' | 'running' | 'succeeded' | 'failed';
  /** What the run was started with. */
  testsPass: boolean;
}

const allPending = (): Record<StageId, StageStatus> =>
  Object.fromEntries(STAGES.map((s) => [s, 'pending'])) as Record<StageId, StageStatus>;

export function idlePipeline(): PipelineState {
  return { status: allPending(), current: null, result: 'idle', testsPass: true };
}

/** A developer pushes: the first stage starts. */
export function startPipeline(testsPass: boolean): PipelineState {
  const status = allPending();
  status.push = 'running';
  return { status, current: 0, result: 'running', testsPass };
}

/** Finishes the running stage; starts the next one, or stops the run. */
export function advance(p: PipelineState): PipelineState {
  if (p.current === null) return p;
  const id = STAGES[p.current];
  if (!id) return p;
  const status = { ...p.status };
  if (id === 'test' && !p.testsPass) {
    status.test = 'failed';
    for (let i = p.current + 1; i < STAGES.length; i++) status[STAGES[i] as StageId] = 'skipped';
    return { ...p, status, current: null, result: 'failed' };
  }
  status[id] = 'passed';
  const next = p.current + 1;
  const nextId = STAGES[next];
  if (!nextId) return { ...p, status, current: null, result: 'succeeded' };
  status[nextId] = 'running';
  return { ...p, status, current: next, result: 'running' };
}

/** Runs a whole pipeline to its end (for tests and reduced motion). */
export function runToEnd(testsPass: boolean): PipelineState {
  let p = startPipeline(testsPass);
  while (p.current !== null) p = advance(p);
  return p;
}

/** How the deploy restarts Gunicorn. */
export type RestartMode = 'graceful' | 'hard';

/**
 * Simulated ms the app is unreachable while a badly configured deploy stops Gunicorn and
 * boots it again (imports Django, opens connections); a graceful reload has no gap.
 */
export const HARD_RESTART_GAP_MS = 1500;

/** The commands each path runs, as the course writes them (section 11). */
export const MANUAL_STEPS = ['ssh deploy@server', 'cd ~/app && git pull', 'docker build -t myproject .', 'docker run -d --name web -p 8000:8000 myproject'] as const;

/**
 * What CI/CD runs for the same deploy: the generated deploy.yml (Configs panel), one story —
 * Gunicorn under systemd on each app server, so the code arrives with git pull and the
 * new code starts with a graceful `systemctl reload gunicorn` (never `docker compose up -d`,
 * which is the other, container story of docker-compose.yml).
 */
export const AUTOMATIC_STEPS: Record<StageId, string> = {
  push: 'git push origin main',
  github: 'on: push (branches: [main])',
  test: 'python manage.py check --deploy && python manage.py test',
  build: 'docker build --tag django-app:${GITHUB_SHA} .',
  cd: 'ssh -J deploy@bastion deploy@10.0.0.11   # then 10.0.0.12, one at a time',
  server: 'cd /srv/app && git pull --ff-only && venv/bin/pip install -r requirements.txt && venv/bin/python manage.py migrate && venv/bin/python manage.py collectstatic --noinput',
  deploy: 'sudo systemctl reload gunicorn',
};

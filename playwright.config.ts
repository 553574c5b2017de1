import { existsSync } from 'node:fs';
import { defineConfig, devices, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './scripts/chromium';

/**
 * Chromium comes from CHROMIUM_PATH, else the Debian package at /usr/bin/chromium,
 * else Playwright's own download (on a laptop). When none exists we stop with one sentence.
 */
function findChromium(): string | undefined {
  const system = systemChromium();
  if (system) return system;
  let own: string;
  try {
    own = chromium.executablePath();
  } catch {
    own = '';
  }
  if (own && existsSync(own)) return undefined; // Playwright's own browser
  throw new Error(
    'No Chromium found: install it with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}

const executablePath = findChromium();
// PW_PORT lets a second checkout run its suite beside another one.
const port = Number(process.env.PW_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  // Live-class specs start their own server: playwright.live.config.ts (npm run test:live).
  testIgnore: /(^|\/)live[^/]*\.spec\.ts$/,
  fullyParallel: true,
  forbidOnly: true,
  // On a 2-core CI machine, two browsers plus the preview server starve the drag and layout
  // tests (they pass alone, fail under contention): one worker there, and one retry so a
  // starved frame is not a red build — a real break fails both attempts.
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 1 : 2,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 720 },
    trace: 'off',
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 } } }],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

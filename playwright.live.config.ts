import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './scripts/chromium';

/**
 * Live-class specs (e2e/live*.spec.ts): each file starts the real server (`npm start`'s
 * server/index.ts, serving the production build and /live) on a free port and stops it by
 * PID, so these need no webServer here. Run after `vite build`: `npm run test:live`.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: /(^|\/)live[^/]*\.spec\.ts$/,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    viewport: { width: 1280, height: 720 },
    trace: 'off',
    launchOptions: { executablePath: systemChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'live', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 } } }],
});

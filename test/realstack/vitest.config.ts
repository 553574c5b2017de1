/** The real-stack test: its own config, so unit runs (`npm run test:unit`) stay fast. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/realstack/**/*.test.ts'],
    // One stack at a time: it starts PostgreSQL, Redis, two Gunicorns and NGINX.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { splitTable } from './src/i18n/split';

/**
 * Serves `virtual:i18n/<eager|lazy>/<tr|en>`: the two halves of each translation file, so the
 * long texts (narration, inspector essays) load after first paint. See src/i18n/split.ts.
 */
function i18nSplit(): Plugin {
  const prefix = 'virtual:i18n/';
  return {
    name: 'prodviz-i18n-split',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const [tier, lang] = id.slice(prefix.length + 1).split('/');
      if ((tier !== 'eager' && tier !== 'lazy') || (lang !== 'tr' && lang !== 'en')) return undefined;
      const file = fileURLToPath(new URL(`./src/i18n/${lang}.json`, import.meta.url));
      this.addWatchFile(file);
      const [eager, lazy] = splitTable(JSON.parse(readFileSync(file, 'utf8')));
      return `export default ${JSON.stringify(tier === 'eager' ? eager : lazy)};`;
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    i18nSplit(),
    // Offline after the first visit: the service worker precaches the built app, its lazy
    // chunks (lessons, quiz, panels) and assets; a new deploy waits for the user's "Reload".
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'ProdViz',
        short_name: 'ProdViz',
        description: 'See, live, how a Django application runs in production.',
        theme_color: '#0f766e',
        background_color: '#f4f6f9',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,json,webmanifest}'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  base: './',
  build: { target: 'es2022', sourcemap: false },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'server/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**'],
    environment: 'node',
    // Simulation tests run seconds of simulated traffic; on a busy 2-core machine the default
    // 5 s guard fails them spuriously. This is a hang guard, not a timing assertion.
    testTimeout: 60_000,
  },
});

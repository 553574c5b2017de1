/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { splitTable } from './src/i18n/split';
import { firstViewMarkup } from './src/boot/prerender';

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

/**
 * The first view (src/boot): every environment's side-panel text in both languages goes into
 * index.html's boot frame, and the boot script that reveals the reader's one is compiled on
 * its own into `assets/boot-<hash>.js` (a file, not inline: the CSP allows no inline script).
 * On a slow network the first paint then shows the real words instead of empty boxes.
 */
function firstView(): Plugin {
  const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const compile = () => {
    const code = ts.transpileModule(readFileSync(src('./src/boot/bootScript.ts'), 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None, removeComments: true },
    }).outputText;
    return { code, fileName: `assets/boot-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js` };
  };
  /** The built page's boot script (compiled in buildStart; the dev server compiles per request). */
  let script = { code: '', fileName: '' };
  let building = false;
  return {
    name: 'prodviz-first-view',
    configResolved(config) {
      building = config.command === 'build';
    },
    buildStart() {
      if (!building) return;
      script = compile();
      this.emitFile({ type: 'asset', fileName: script.fileName, source: script.code });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.split('?')[0]?.endsWith('/assets/boot.js')) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(compile().code);
      });
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const read = (lang: 'tr' | 'en') => JSON.parse(readFileSync(src(`./src/i18n/${lang}.json`), 'utf8')) as Record<string, unknown>;
        const side = '<div class="boot__side"></div>';
        const end = '<!-- /boot -->';
        if (!html.includes(side) || !html.includes(end)) throw new Error('index.html: the boot frame\'s placeholders are missing');
        if (!ctx.server && !script.fileName) throw new Error('the boot script was not compiled (buildStart)');
        const file = ctx.server ? 'assets/boot.js' : script.fileName;
        return html
          .replace(side, `<div class="boot__side"><div class="boot__tabs"></div>${firstViewMarkup({ tr: read('tr'), en: read('en') })}</div>`)
          .replace(end, `<script src="./${file}"></script>`);
      },
    },
  };
}

/**
 * The built page's module script and its preloads start after the first paint: the boot
 * script adds them (src/boot/bootScript.ts), reading their addresses from its own tag. On a
 * slow link they would otherwise share it with the stylesheet the first paint waits for.
 * The dev server keeps Vite's tags.
 */
function entryAfterFirstPaint(): Plugin {
  return {
    name: 'prodviz-entry-after-first-paint',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entry = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        const boot = /<script src="(\.\/assets\/boot-[0-9a-f]+\.js)"><\/script>/.exec(html);
        if (!entry || !boot) throw new Error('index.html: the entry module or the boot script is missing');
        const preloads: string[] = [];
        let out = html.replace(entry[0], '').replace(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g, (_, href: string) => {
          preloads.push(href);
          return '';
        });
        out = out.replace(boot[0], `<script src="${boot[1]}" data-entry="${entry[1]}" data-preload="${preloads.join(' ')}"></script>`);
        return out;
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    i18nSplit(),
    firstView(),
    entryAfterFirstPaint(),
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

/**
 * The boot script: a classic script (no imports, no exports) that index.html loads at the end
 * of its body, before the first paint; in the built page it also starts the app's modules. The build compiles it
 * on its own (vite.config.ts, firstView) into `assets/boot-<hash>.js`, so the strict
 * Content-Security-Policy (script-src 'self', no inline scripts) holds.
 *
 * It decides what the app will decide, a little earlier:
 * - the language: `?lang=`, else the saved choice, else the browser's languages, else English
 *   (i18n/index.ts detectLanguage);
 * - the environment: `?scene=` when it names one, else production (state/uiStore.ts
 *   sceneFromSearch) — a section prerendered for it exists exactly when it names one;
 * - the theme: the saved choice, else the system's (state/uiStore.ts initialTheme);
 * and reveals that environment's prerendered text (boot/prerender.ts) in the boot frame.
 * src/boot/bootScript.test.ts runs it against the app's own functions.
 */
(() => {
  const root = document.documentElement;
  // The built page's entry module and its preloads (vite.config.ts entryAfterFirstPaint): added
  // after the first paint, so that paint needs only the HTML and the stylesheet. A hidden tab
  // paints nothing: there, they are added at once.
  const tag = document.currentScript as HTMLScriptElement | null;
  const entry = tag?.dataset.entry;
  if (entry) {
    let added = false;
    const add = () => {
      if (added) return;
      added = true;
      // One insertion for all of them: a link at a time costs several times as much.
      const tags = document.createDocumentFragment();
      for (const href of (tag?.dataset.preload ?? '').split(' ').filter(Boolean)) {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.crossOrigin = '';
        link.href = href;
        tags.append(link);
      }
      const script = document.createElement('script');
      script.type = 'module';
      script.crossOrigin = '';
      script.src = entry;
      tags.append(script);
      document.head.append(tags);
    };
    if (document.visibilityState === 'hidden') add();
    else {
      // When the first paint is on screen (its Paint Timing entry; an animation frame is not
      // proof: Chromium may run one and still hold the paint back), or after a second at most.
      try {
        new PerformanceObserver((_, observer) => {
          observer.disconnect();
          setTimeout(add, 0);
        }).observe({ type: 'paint', buffered: true });
      } catch {
        /* no Paint Timing: the second below */
      }
      setTimeout(add, 1000);
    }
  }
  const query = new URLSearchParams(location.search);
  let savedLang: string | null = null;
  let savedTheme: string | null = null;
  try {
    savedLang = localStorage.getItem('prodviz.lang');
    savedTheme = localStorage.getItem('prodviz.theme');
  } catch {
    /* storage blocked: the defaults below */
  }
  const isLang = (l: string | null): l is 'tr' | 'en' => l === 'tr' || l === 'en';
  let lang: 'tr' | 'en' = 'en';
  const fromUrl = query.get('lang');
  if (isLang(fromUrl)) lang = fromUrl;
  else if (isLang(savedLang)) lang = savedLang;
  else {
    for (const l of navigator.languages ?? []) {
      const base = l.toLowerCase().split('-')[0];
      if (base === 'tr' || base === 'en') {
        lang = base;
        break;
      }
    }
  }
  root.lang = lang;
  root.dataset.theme =
    savedTheme === 'light' || savedTheme === 'dark'
      ? savedTheme
      : typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';
  // The presenter's notes window (`?notes=1`) is a page of its own: no side panel to show.
  if (query.get('notes') === '1') return;
  const section =
    document.getElementById(`boot-${query.get('scene') ?? ''}-${lang}`) ?? document.getElementById(`boot-production-${lang}`);
  if (section) section.hidden = false;
})();

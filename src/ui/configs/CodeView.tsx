import { useEffect, useState } from 'react';
import type { ConfigLanguage } from '../../core/export/configs';

type Highlighter = (code: string, language: ConfigLanguage) => string;
let loaded: Highlighter | null = null;
let loading: Promise<Highlighter> | null = null;

function loadHighlighter(): Promise<Highlighter> {
  loading ??= import('./highlight').then((m) => (loaded = m.highlight));
  return loading;
}

/**
 * A file's text, highlighted once highlight.js has loaded (plain text until then, so the
 * content is readable and copyable at once). A focusable region so the keyboard can scroll it.
 */
export function CodeView({ code, language, label }: { code: string; language: ConfigLanguage; label: string }) {
  const [hl, setHl] = useState<Highlighter | null>(() => loaded);
  useEffect(() => {
    if (hl) return;
    let live = true;
    loadHighlighter().then(
      (f) => live && setHl(() => f),
      () => undefined /* stays plain text */,
    );
    return () => {
      live = false;
    };
  }, [hl]);
  return (
    <pre className="configs__code" tabIndex={0} role="region" aria-label={label} data-language={language}>
      {hl ? (
        <code className="hljs" dangerouslySetInnerHTML={{ __html: hl(code, language) }} />
      ) : (
        <code>{code}</code>
      )}
    </pre>
  );
}

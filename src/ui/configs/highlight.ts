/**
 * highlight.js core with only the six languages the config files use. Imported dynamically
 * by CodeView, so the highlighter stays out of the initial bundle.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import ini from 'highlight.js/lib/languages/ini';
import nginx from 'highlight.js/lib/languages/nginx';
import python from 'highlight.js/lib/languages/python';
import yaml from 'highlight.js/lib/languages/yaml';
import type { ConfigLanguage } from '../../core/export/configs';

hljs.registerLanguage('bash', bash);
hljs.registerLanguage('dockerfile', dockerfile);
hljs.registerLanguage('ini', ini);
hljs.registerLanguage('nginx', nginx);
hljs.registerLanguage('python', python);
hljs.registerLanguage('yaml', yaml);

/** HTML with hljs-* spans; highlight.js escapes the source text itself. */
export function highlight(code: string, language: ConfigLanguage): string {
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

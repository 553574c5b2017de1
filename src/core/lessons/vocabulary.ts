/**
 * One vocabulary: a concept has one Turkish name in lessons, quiz, glossary and UI. These are
 * the variants that crept in before, each with the name to use instead (the glossary's term).
 * Loanword policy (issue 10): request, response, deploy, worker, cache, pipeline, container,
 * header and upstream stay as Turkish developers say them; sunucu, istemci, statik, medya,
 * yük dengeleme, ölçekleme and kimlik doğrulama are Turkish. A lesson may give the other
 * language's word in parentheses on first use — "yük dengeleme (load balancing)" — so text in
 * parentheses is not checked.
 */
export interface Variant {
  /** The variant, as a pattern over Turkish text (parenthesised asides removed). */
  pattern: RegExp;
  /** What to write instead. */
  use: string;
  /** The glossary term id of the concept. */
  term: string;
  /** Places (dotted paths) where the word means something else and is right. */
  except?: RegExp;
}

export const FORBIDDEN_TR: readonly Variant[] = [
  { pattern: /(^|[^/\w])[Ss]tatic\b(?![/_])/, use: 'statik', term: 'static' },
  { pattern: /(^|[^/\w])[Mm]edia\b(?![/_])/, use: 'medya', term: 'media' },
  { pattern: /[Ww]orker tipi/, use: 'worker sınıfı', term: 'worker-class' },
  { pattern: /[Hh]it oranı/, use: 'isabet oranı', term: 'cache-hit-ratio' },
  { pattern: /[Mm]anuel/, use: 'elle', term: 'deploy' },
  { pattern: /\bapp server/i, use: 'uygulama sunucusu', term: 'app-server' },
  { pattern: /\b(web|WSGI|Django|development) server\b(?! (Gateway|Interface))/i, use: '… sunucusu', term: 'server' },
  { pattern: /\b[Ss]erver'/, use: 'sunucu', term: 'server' },
  { pattern: /\bKenar\b/, use: 'uç (edge)', term: 'cdn' },
  { pattern: /[Zz]arif/, use: 'kesintisiz yeniden yükleme', term: 'graceful-reload' },
  { pattern: /(^|[^\wçğıöşü])([İi]stek|isteğ)/, use: 'request', term: 'request' },
  // In the live class "yanıt" is a student's answer to a question, not an HTTP response.
  { pattern: /[Yy]anıt/, use: 'response', term: 'response', except: /(^|\.)live\./ },
  { pattern: /[Öö]nbellek/, use: 'cache', term: 'cache' },
  { pattern: /[Ll]oad[ -]balanc/, use: 'yük dengeleme', term: 'load-balancing' },
  { pattern: /\b[Ss]caling\b/, use: 'ölçekleme', term: 'scaling' },
  { pattern: /[Aa]uthentication/, use: 'kimlik doğrulama', term: 'authentication' },
  { pattern: /\b[Cc]lient/, use: 'istemci', term: 'client' },
];

/** Text with its parenthesised asides, `code` spans and {{placeholders}} taken out. */
export function checkable(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\([^()]*\)/g, ' ');
}

/** The variants a Turkish text uses (`where`: its dotted path, for the exceptions). */
export function variantsIn(text: string, where = ''): Variant[] {
  const t = checkable(text);
  return FORBIDDEN_TR.filter((v) => v.pattern.test(t) && !(v.except && v.except.test(where)));
}

/**
 * Numbers written the way each language writes them — "12.345,68" in Turkish, "12,345.68" in
 * English — without `Intl`. The first `Intl.NumberFormat` a page builds loads the ICU number
 * data: 30 ms on a laptop, 130 ms at CPU 4×, a long task in the middle of the first render.
 * For the app's two languages the rules are two separators; the test checks every case
 * against `Intl`. Other locales go to `Intl`.
 */

const SEPARATORS: Record<string, { group: string; decimal: string }> = {
  tr: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

let fallback: Map<string, Intl.NumberFormat> | undefined;

/** The shortest decimal that reads back as `x` (what `String` writes), without an exponent. */
function plainDigits(x: number): [string, string] {
  const s = String(x);
  const e = s.indexOf('e');
  const mantissa = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? 0 : Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + exp; // digits before the decimal point
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return [digits.slice(0, point), digits.slice(point)];
}

/**
 * Rounds a decimal (integer and fraction digits) to `maxFrac` decimals, half away from zero,
 * on the shortest decimal — as Intl does ("0.15" → "0.2", where `toFixed` gives "0.1").
 */
function roundDecimal([int, frac]: [string, string], maxFrac: number): [string, string] {
  if (frac.length <= maxFrac) return [int, frac];
  const up = frac.charCodeAt(maxFrac) >= 53; // '5'
  const kept = (int + frac.slice(0, maxFrac)).split('');
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') kept[i--] = '0';
    if (i < 0) kept.unshift('1');
    else kept[i] = String(Number(kept[i]) + 1);
  }
  const intLen = kept.length - maxFrac;
  return [kept.slice(0, intLen).join('').replace(/^0+(?=\d)/, ''), kept.slice(intLen).join('')];
}

/** `value` with at least `minFrac` and at most `maxFrac` decimals, rounded half away from zero. */
export function formatNumber(value: number, lang: string, minFrac = 0, maxFrac = Math.max(minFrac, 0)): string {
  const sep = SEPARATORS[lang];
  if (!sep || !Number.isFinite(value) || Math.abs(value) >= 1e21 || maxFrac > 20) {
    fallback ??= new Map();
    const key = `${lang}|${minFrac}|${maxFrac}`;
    let f = fallback.get(key);
    if (!f) {
      f = new Intl.NumberFormat(lang, { minimumFractionDigits: minFrac, maximumFractionDigits: maxFrac });
      fallback.set(key, f);
    }
    return f.format(value);
  }
  const [int, rounded] = roundDecimal(plainDigits(Math.abs(value)), maxFrac);
  let frac = rounded.padEnd(minFrac, '0');
  while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) {
    const part = int.slice(Math.max(0, i - 3), i);
    grouped = grouped ? `${part}${sep.group}${grouped}` : part;
  }
  // Intl writes the sign of a negative value even when it rounds to zero ("-0.0").
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped}${frac ? `${sep.decimal}${frac}` : ''}`;
}

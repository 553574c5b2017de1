/**
 * Access logs → the engine's numbers. Reads NGINX and Gunicorn access logs line by line
 * (streaming: nothing is kept per line), sorts each request into the engine's request types
 * (static, page, api, upload), and fits each group's response-time mean, coefficient of
 * variation and percentiles, and the request mix. Pure: no DOM, no I/O — the caller feeds text.
 *
 * Formats understood (one log may mix them; each line is read on its own):
 * - NGINX "combined" with response times, either as key=value fields anywhere after the
 *   request (`rt=$request_time`, `urt=$upstream_response_time`, also `request_time=`,
 *   `upstream_response_time=`, `ut=`) or as trailing numbers after the user agent
 *   (`… "$http_user_agent" $request_time $upstream_response_time`, the NGINX docs' timed
 *   format). For a proxied request the upstream time is the app's time; NGINX's own
 *   $request_time also counts the client's network, so it is used only when there is no
 *   upstream time (static files).
 * - Gunicorn's default access_log_format plus `%(D)s` (microseconds, an integer) or `%(L)s`
 *   (seconds, a decimal) at the end. An integer trailing field is read as microseconds; a
 *   decimal one as seconds.
 */
import type { RequestType } from '../sim/types';

export const LOG_REQUEST_TYPES: readonly RequestType[] = ['static', 'page', 'api', 'upload'];

/** One parsed line. */
export interface LogRecord {
  method: string;
  path: string;
  status: number;
  /** The response time that describes the app's work, ms. */
  ms: number;
  /** Where `ms` came from. */
  source: 'upstream' | 'request' | 'gunicorn-us' | 'gunicorn-s';
}

/** Why a line was not used. */
export type BadLineReason = 'format' | 'no-time' | 'bad-time';

const LINE =
  /^(\S+) \S+ \S+ \[[^\]]{1,64}\] "([A-Z]{1,16}) (\S{1,4096})(?: [^"]{0,32})?" (\d{3}) (?:\d+|-)(.*)$/;
const KEY_TIME = /\b(rt|request_time|urt|ut|upstream_response_time)=(?:"([^"]*)"|(\S+))/g;
const TRAILING = /"[^"]*"\s+((?:[-\d.,: ]+?))\s*$/;

function parseSeconds(raw: string): number | null {
  // NGINX writes "0.012, 0.034" (several upstreams tried) or "-" (none): use the last try.
  const parts = raw.split(/[,:]\s*/).filter((p) => p !== '' && p !== '-');
  if (parts.length === 0) return null;
  const last = parts[parts.length - 1] ?? '';
  if (!/^\d+(?:\.\d+)?$/.test(last)) return NaN;
  return Number(last);
}

/** Reads one line. Returns a record, or the reason it cannot be used. */
export function parseLine(line: string): LogRecord | BadLineReason {
  const m = LINE.exec(line.trim());
  if (!m) return 'format';
  const method = m[2] ?? '';
  const status = Number(m[4]);
  const path = (m[3] ?? '').split('?')[0] ?? '';
  const rest = m[5] ?? '';

  let request: number | null = null;
  let upstream: number | null = null;
  let sawKey = false;
  KEY_TIME.lastIndex = 0;
  for (let k = KEY_TIME.exec(rest); k; k = KEY_TIME.exec(rest)) {
    sawKey = true;
    const v = parseSeconds(k[2] ?? k[3] ?? '');
    if (v !== null && Number.isNaN(v)) return 'bad-time';
    if (k[1] === 'rt' || k[1] === 'request_time') request = v;
    else upstream = v;
  }
  if (sawKey) {
    if (upstream !== null) return { method, path, status, ms: upstream * 1000, source: 'upstream' };
    if (request !== null) return { method, path, status, ms: request * 1000, source: 'request' };
    return 'no-time';
  }

  const t = TRAILING.exec(rest);
  if (!t) return 'no-time';
  const fields = (t[1] ?? '').trim().split(/\s+/).filter((f) => f !== '');
  const first = fields[0];
  if (first === undefined) return 'no-time';
  if (fields.length === 1 && /^\d+$/.test(first)) {
    // Gunicorn %(D)s: microseconds.
    return { method, path, status, ms: Number(first) / 1000, source: 'gunicorn-us' };
  }
  if (fields.length === 1) {
    const v = parseSeconds(first);
    if (v === null) return 'no-time';
    if (Number.isNaN(v)) return 'bad-time';
    // A lone decimal: Gunicorn %(L)s or NGINX $request_time alone — both are seconds.
    return { method, path, status, ms: v * 1000, source: 'gunicorn-s' };
  }
  // NGINX: $request_time $upstream_response_time
  const req = parseSeconds(first);
  const up = parseSeconds(fields.slice(1).join(' '));
  if ((req !== null && Number.isNaN(req)) || (up !== null && Number.isNaN(up))) return 'bad-time';
  if (up !== null) return { method, path, status, ms: up * 1000, source: 'upstream' };
  if (req !== null) return { method, path, status, ms: req * 1000, source: 'request' };
  return 'no-time';
}

const STATIC_EXT = /\.(?:css|js|mjs|map|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|eot|txt)$/i;
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Which of the engine's request types a logged request is. */
export function classify(method: string, path: string): RequestType {
  const write = WRITE.has(method);
  if (write && (path.startsWith('/media/') || /upload/i.test(path))) return 'upload';
  if (write || path.startsWith('/api/')) return 'api';
  if (path.startsWith('/static/') || path.startsWith('/media/') || STATIC_EXT.test(path)) return 'static';
  return 'page';
}

// Log-spaced histogram for percentiles: 0.01 ms … ~10 min, 5 % wide bins.
const H_MIN = 0.01;
const H_RATIO = Math.log(1.05);
const H_BINS = 400;
function bin(ms: number): number {
  if (ms <= H_MIN) return 0;
  return Math.min(H_BINS - 1, Math.floor(Math.log(ms / H_MIN) / H_RATIO));
}
function binMid(i: number): number {
  return H_MIN * Math.exp((i + 0.5) * H_RATIO);
}

/** Running statistics of one group (Welford), a histogram for percentiles. */
export class GroupStats {
  count = 0;
  private mean = 0;
  private m2 = 0;
  private readonly hist = new Uint32Array(H_BINS);

  add(ms: number): void {
    this.count++;
    const d = ms - this.mean;
    this.mean += d / this.count;
    this.m2 += d * (ms - this.mean);
    this.hist[bin(ms)] = (this.hist[bin(ms)] ?? 0) + 1;
  }

  summary(): GroupFit | null {
    if (this.count === 0) return null;
    const variance = this.count > 1 ? this.m2 / (this.count - 1) : 0;
    const sd = Math.sqrt(Math.max(0, variance));
    return {
      count: this.count,
      meanMs: this.mean,
      cv: this.mean > 0 ? sd / this.mean : 0,
      p50Ms: this.quantile(0.5),
      p95Ms: this.quantile(0.95),
    };
  }

  private quantile(q: number): number {
    const target = q * this.count;
    let seen = 0;
    for (let i = 0; i < H_BINS; i++) {
      seen += this.hist[i] ?? 0;
      if (seen >= target) return binMid(i);
    }
    return binMid(H_BINS - 1);
  }
}

export interface GroupFit {
  count: number;
  meanMs: number;
  /** Coefficient of variation: standard deviation / mean. */
  cv: number;
  p50Ms: number;
  p95Ms: number;
}

export interface BadLineSample {
  line: number;
  reason: BadLineReason;
  text: string;
}

export interface LogFit {
  lines: number;
  used: number;
  bad: number;
  badByReason: Record<BadLineReason, number>;
  /** Up to five bad lines, to show the user what was not understood. */
  badSamples: BadLineSample[];
  groups: Partial<Record<RequestType, GroupFit>>;
  /** Share of each request type among the lines used (sums to 1). */
  mix: Partial<Record<RequestType, number>>;
  /** Lines whose status was 5xx (counted in the groups too). */
  errors: number;
}

const MAX_SAMPLE_CHARS = 160;

/**
 * Accumulates a log fed in chunks of text of any size (lines may straddle chunks).
 * `push` as the text arrives, `finish` at the end.
 */
export class AccessLogFitter {
  private carry = '';
  private lineNo = 0;
  private used = 0;
  private errors = 0;
  private readonly badByReason: Record<BadLineReason, number> = { format: 0, 'no-time': 0, 'bad-time': 0 };
  private readonly badSamples: BadLineSample[] = [];
  private readonly groups = new Map<RequestType, GroupStats>();

  push(text: string): void {
    const all = this.carry + text;
    let start = 0;
    for (let nl = all.indexOf('\n', start); nl !== -1; nl = all.indexOf('\n', start)) {
      this.line(all.slice(start, nl));
      start = nl + 1;
    }
    this.carry = all.slice(start);
    // A "line" longer than 64 KB is not a log line: count it once and drop it.
    if (this.carry.length > 65_536) {
      this.bad('format', this.carry);
      this.carry = '';
    }
  }

  finish(): LogFit {
    if (this.carry !== '') this.line(this.carry);
    this.carry = '';
    const groups: Partial<Record<RequestType, GroupFit>> = {};
    const mix: Partial<Record<RequestType, number>> = {};
    for (const type of LOG_REQUEST_TYPES) {
      const g = this.groups.get(type)?.summary();
      if (!g) continue;
      groups[type] = g;
      mix[type] = this.used > 0 ? g.count / this.used : 0;
    }
    const bad = this.badByReason.format + this.badByReason['no-time'] + this.badByReason['bad-time'];
    return {
      lines: this.lineNo,
      used: this.used,
      bad,
      badByReason: { ...this.badByReason },
      badSamples: this.badSamples.slice(),
      groups,
      mix,
      errors: this.errors,
    };
  }

  private line(raw: string): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    this.lineNo++;
    const r = parseLine(text);
    if (typeof r === 'string') {
      this.bad(r, text);
      return;
    }
    if (!Number.isFinite(r.ms) || r.ms < 0) {
      this.bad('bad-time', text);
      return;
    }
    this.used++;
    if (r.status >= 500) this.errors++;
    const type = classify(r.method, r.path);
    let g = this.groups.get(type);
    if (!g) {
      g = new GroupStats();
      this.groups.set(type, g);
    }
    g.add(r.ms);
  }

  private bad(reason: BadLineReason, text: string): void {
    this.badByReason[reason]++;
    if (this.badSamples.length < 5) {
      this.badSamples.push({ line: this.lineNo, reason, text: text.slice(0, MAX_SAMPLE_CHARS) });
    }
  }
}

/** Fits a whole log held in memory (tests, small files). */
export function fitAccessLog(text: string): LogFit {
  const f = new AccessLogFitter();
  f.push(text);
  return f.finish();
}

/** The parameters a fit sets on the diagram. */
export interface FitApplication {
  /** Django node params: the view's mean time (ms, minus its modelled queries) and spread. */
  django: { serviceMs: number; serviceCv: number } | null;
  /** The request mix (normalised shares). */
  mix: Partial<Record<RequestType, number>>;
}

/** A fit is usable when enough dynamic requests were seen to say something about the app. */
export const MIN_DYNAMIC_LINES = 20;

/**
 * What to set: Django's service time is the dynamic requests' mean (pages and API writes,
 * weighted by count) less the time its modelled database queries already take, so the
 * simulated total matches the log; its spread is the logged CV.
 */
export function applicationOf(fit: LogFit, queryMsTotal: number): FitApplication {
  const dyn = (['page', 'api'] as const).map((k) => fit.groups[k]).filter((g): g is GroupFit => !!g);
  const n = dyn.reduce((s, g) => s + g.count, 0);
  let django: FitApplication['django'] = null;
  if (n >= MIN_DYNAMIC_LINES) {
    const mean = dyn.reduce((s, g) => s + g.meanMs * g.count, 0) / n;
    // Pooled second moment → CV of the pooled dynamic requests.
    const m2 = dyn.reduce((s, g) => s + g.count * ((g.cv * g.meanMs) ** 2 + g.meanMs ** 2), 0) / n;
    const sd = Math.sqrt(Math.max(0, m2 - mean * mean));
    const serviceMs = Math.max(mean * 0.1, mean - Math.max(0, queryMsTotal));
    django = { serviceMs: round(serviceMs, 2), serviceCv: round(mean > 0 ? sd / mean : 0, 2) };
  }
  const mix: Partial<Record<RequestType, number>> = {};
  for (const [k, v] of Object.entries(fit.mix) as [RequestType, number][]) mix[k] = round(v, 3);
  return { django, mix };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

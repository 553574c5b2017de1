import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng';
import { AccessLogFitter, applicationOf, classify, fitAccessLog, parseLine, MIN_DYNAMIC_LINES } from './accessLog';

const NGINX_KV =
  '203.0.113.7 - - [27/Nov/2026:10:00:00 +0000] "GET /products/?page=2 HTTP/1.1" 200 5120 "-" "Mozilla/5.0" rt=0.031 urt="0.027"';
const NGINX_TRAILING =
  '203.0.113.7 - - [27/Nov/2026:10:00:00 +0000] "GET /static/app.css HTTP/1.1" 200 812 "https://x/" "Mozilla/5.0 (X11)" 0.002 -';
const GUNICORN_D = '127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "POST /api/orders/ HTTP/1.0" 201 44 "-" "curl/8" 20843';
const GUNICORN_L = '127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET /products/ HTTP/1.0" 200 44 "-" "curl/8" 0.020843';

describe('parseLine', () => {
  it('reads NGINX key=value times and prefers the upstream time', () => {
    expect(parseLine(NGINX_KV)).toEqual({ method: 'GET', path: '/products/', status: 200, ms: 27, source: 'upstream' });
  });
  it('uses the last upstream when NGINX tried several', () => {
    const line = NGINX_KV.replace('urt="0.027"', 'urt="0.500, 0.012"');
    expect(parseLine(line)).toMatchObject({ ms: 12, source: 'upstream' });
  });
  it('reads trailing $request_time $upstream_response_time; "-" upstream means NGINX served it', () => {
    expect(parseLine(NGINX_TRAILING)).toMatchObject({ path: '/static/app.css', ms: 2, source: 'request' });
  });
  it('reads Gunicorn %(D)s as microseconds and %(L)s as seconds', () => {
    expect(parseLine(GUNICORN_D)).toMatchObject({ method: 'POST', status: 201, source: 'gunicorn-us' });
    expect((parseLine(GUNICORN_D) as { ms: number }).ms).toBeCloseTo(20.843, 6);
    expect((parseLine(GUNICORN_L) as { ms: number }).ms).toBeCloseTo(20.843, 6);
  });
  it('names why a line cannot be used', () => {
    expect(parseLine('hello world')).toBe('format');
    expect(parseLine('127.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "ua"')).toBe('no-time');
    expect(parseLine(NGINX_KV.replace('urt="0.027"', 'urt="abc"'))).toBe('bad-time');
  });
});

describe('classify', () => {
  it('sorts requests into the engine types', () => {
    expect(classify('GET', '/static/app.js')).toBe('static');
    expect(classify('GET', '/favicon.ico')).toBe('static');
    expect(classify('GET', '/products/')).toBe('page');
    expect(classify('GET', '/api/orders/')).toBe('api');
    expect(classify('POST', '/checkout/')).toBe('api');
    expect(classify('POST', '/media/uploads/')).toBe('upload');
  });
});

function gunicornLine(path: string, method: string, ms: number): string {
  return `10.0.0.1 - - [27/Nov/2026:10:00:00 +0000] "${method} ${path} HTTP/1.0" 200 10 "-" "ua" ${Math.round(ms * 1000)}`;
}

describe('AccessLogFitter', () => {
  it('recovers the mean and CV of a generated log, and the mix', () => {
    const rng = new Rng(11);
    const lines: string[] = [];
    // Pages: exponential with mean 40 ms (CV 1); static: 1 ms constant (CV 0).
    for (let i = 0; i < 20_000; i++) lines.push(gunicornLine('/p/', 'GET', -40 * Math.log(1 - rng.next())));
    for (let i = 0; i < 5_000; i++) lines.push(gunicornLine('/static/a.css', 'GET', 1));
    const fit = fitAccessLog(lines.join('\n'));
    expect(fit.used).toBe(25_000);
    expect(fit.bad).toBe(0);
    expect(fit.groups.page!.meanMs).toBeCloseTo(40, 0);
    expect(fit.groups.page!.cv).toBeGreaterThan(0.96);
    expect(fit.groups.page!.cv).toBeLessThan(1.04);
    // p95 of an exponential is mean × ln 20 ≈ 119.8 ms (histogram bins are 5 % wide).
    expect(fit.groups.page!.p95Ms / (40 * Math.log(20))).toBeGreaterThan(0.95);
    expect(fit.groups.page!.p95Ms / (40 * Math.log(20))).toBeLessThan(1.05);
    expect(fit.groups.static!.cv).toBe(0);
    expect(fit.mix.page).toBeCloseTo(0.8, 6);
    expect(fit.mix.static).toBeCloseTo(0.2, 6);
  });

  it('gives the same result whatever the chunking (lines straddle chunks, CRLF)', () => {
    const text = [GUNICORN_D, GUNICORN_L, NGINX_KV, NGINX_TRAILING, 'junk'].join('\r\n') + '\r\n';
    const whole = fitAccessLog(text);
    const f = new AccessLogFitter();
    for (let i = 0; i < text.length; i += 7) f.push(text.slice(i, i + 7));
    expect(f.finish()).toEqual(whole);
    expect(whole.used).toBe(4);
    expect(whole.bad).toBe(1);
    expect(whole.badSamples[0]).toMatchObject({ line: 5, reason: 'format', text: 'junk' });
  });

  it('counts every bad line but keeps at most five samples, each cut short', () => {
    const fit = fitAccessLog(Array.from({ length: 50 }, () => 'x'.repeat(1000)).join('\n'));
    expect(fit.bad).toBe(50);
    expect(fit.used).toBe(0);
    expect(fit.badSamples).toHaveLength(5);
    expect(fit.badSamples[0]!.text.length).toBeLessThanOrEqual(160);
  });
});

describe('applicationOf', () => {
  // 20 and 40 ms alternating: mean 30, sample SD 10.05 → CV 0.34.
  it('sets Django to the dynamic mean minus the modelled queries, with the logged CV', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) lines.push(gunicornLine('/p/', 'GET', i % 2 === 0 ? 20 : 40));
    const app = applicationOf(fitAccessLog(lines.join('\n')), 6);
    expect(app.django).toEqual({ serviceMs: 24, serviceCv: 0.34 });
    expect(app.mix).toEqual({ page: 1 });
  });
  it('refuses to set Django from too few dynamic requests', () => {
    const lines = Array.from({ length: MIN_DYNAMIC_LINES - 1 }, () => gunicornLine('/p/', 'GET', 20));
    expect(applicationOf(fitAccessLog(lines.join('\n')), 0).django).toBeNull();
  });
});

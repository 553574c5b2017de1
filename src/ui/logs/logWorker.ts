/// <reference lib="webworker" />
/**
 * Reads an access log in a Web Worker: streams the file (100 MB logs never sit in memory
 * whole), fits it with core/logs, and posts progress about every 2 % of the file.
 * Nothing leaves the browser.
 */
import { AccessLogFitter } from '../../core/logs/accessLog';
import type { LogWorkerReply, LogWorkerRequest } from './protocol';

const ctx = self as unknown as DedicatedWorkerGlobalScope;

async function fit(file: Blob): Promise<void> {
  const fitter = new AccessLogFitter();
  const total = file.size;
  const step = Math.max(256 * 1024, Math.floor(total / 50));
  let read = 0;
  let nextReport = step;
  const reader = file.stream().pipeThrough(new TextDecoderStream('utf-8')).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    fitter.push(value);
    // TextDecoderStream gives characters; count bytes approximately by characters (ASCII logs).
    read += value.length;
    if (read >= nextReport) {
      nextReport = read + step;
      ctx.postMessage({ type: 'progress', read: Math.min(read, total), total } satisfies LogWorkerReply);
    }
  }
  ctx.postMessage({ type: 'done', fit: fitter.finish() } satisfies LogWorkerReply);
}

ctx.onmessage = (e: MessageEvent<LogWorkerRequest>) => {
  fit(e.data.file).catch((err: unknown) => {
    ctx.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies LogWorkerReply);
  });
};

import type { LogFit } from '../../core/logs/accessLog';

export interface LogWorkerRequest {
  file: Blob;
}

export type LogWorkerReply =
  | { type: 'progress'; read: number; total: number }
  | { type: 'done'; fit: LogFit }
  | { type: 'error'; message: string };

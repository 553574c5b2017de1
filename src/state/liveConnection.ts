/**
 * One connection to a live class: a Yjs document synced by Hocuspocus's provider over the
 * WebSocket at /live. Used by the browser (liveSession.ts) and by bench/live.ts in Node
 * (which passes the `ws` package as WebSocketPolyfill). No React, no stores here.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { docName, type ClientMessage, type LiveToken, type ServerMessage } from '../core/live/protocol';

export type ConnStatus = 'connecting' | 'online' | 'offline' | 'denied';

export interface LiveConnectionOptions {
  url: string;
  code: string;
  token: LiveToken;
  WebSocketPolyfill?: unknown;
  onStatus?: (s: ConnStatus, reason?: string) => void;
  onMessage?: (m: ServerMessage) => void;
  /** Called after every first sync (also after a reconnect). */
  onSynced?: () => void;
}

export class LiveConnection {
  readonly doc = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  status: ConnStatus = 'connecting';

  constructor(opts: LiveConnectionOptions) {
    const set = (s: ConnStatus, reason?: string) => {
      if (this.status === 'denied' && s !== 'denied') return;
      this.status = s;
      opts.onStatus?.(s, reason);
    };
    this.socket = new HocuspocusProviderWebsocket({
      url: opts.url,
      WebSocketPolyfill: opts.WebSocketPolyfill,
      // A dropped Wi-Fi or a restarted server: try again soon, never give up.
      delay: 500,
      minDelay: 500,
      maxDelay: 3000,
      factor: 1.6,
      maxAttempts: 0,
      jitter: true,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: docName(opts.code),
      document: this.doc,
      awareness: null,
      token: JSON.stringify(opts.token),
      onAuthenticated: () => set('online'),
      onAuthenticationFailed: ({ reason }) => {
        set('denied', reason);
        this.socket.disconnect();
      },
      onSynced: () => opts.onSynced?.(),
      onDisconnect: () => set('offline'),
      onStateless: ({ payload }) => {
        try {
          opts.onMessage?.(JSON.parse(payload) as ServerMessage);
        } catch {
          /* not ours */
        }
      },
    });
    this.provider.attach();
  }

  get teacher(): Y.Map<unknown> {
    return this.doc.getMap('teacher');
  }
  get roster(): Y.Map<{ nick: string }> {
    return this.doc.getMap('roster');
  }
  get question(): Y.Map<unknown> {
    return this.doc.getMap('question');
  }
  get info(): Y.Map<unknown> {
    return this.doc.getMap('info');
  }

  send(m: ClientMessage) {
    this.provider.sendStateless(JSON.stringify(m));
  }

  destroy() {
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }
}

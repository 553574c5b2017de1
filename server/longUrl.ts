/**
 * Addresses too long for the server (issue 16): Node refuses a request line plus headers over
 * 16 KB with a bare 431 before the app can say anything — a blank page for a long `?scene=`.
 * The server takes up to MAX_HEADER_BYTES; beyond that a GET for a page is sent to the app's
 * root with `?notice=too-long` (the app says, in the user's language, that it opened without
 * the address), anything else gets a short bilingual page with a link to the app.
 * deploy/nginx/*.conf do the same with large_client_header_buffers and error_page 414.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from './static.ts';

/** Request line plus headers, in bytes (Node's default is 16 KB; nginx's deploy config allows 64 KB). */
export const MAX_HEADER_BYTES = 64 * 1024;

/** Where a refused page request is sent: the app, which shows a notice for it. */
export const TOO_LONG_LOCATION = '/?notice=too-long';

const PAGE = `<!doctype html>
<html lang="tr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ProdViz</title></head>
<body>
<h1>Bu adres çok uzun</h1>
<p>Bağlantı sunucunun kabul ettiğinden uzun (64 KB üstü). ProdViz'i bağlantısız açın; büyük bir diyagramı dosya olarak paylaşın.</p>
<p><a href="/">ProdViz'i aç</a></p>
<hr>
<h1 lang="en">This address is too long</h1>
<p lang="en">The link is longer than the server accepts (over 64 KB). Open ProdViz without it; share a large diagram as a file.</p>
<p lang="en"><a href="/">Open ProdViz</a></p>
</body>
</html>
`;

function head(status: string, headers: Record<string, string>): string {
  const all = { ...SECURITY_HEADERS, ...headers, Connection: 'close' };
  return `HTTP/1.1 ${status}\r\n${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
}

/** The first bytes each connection sent: the parser's error does not say the method. */
const starts = new WeakMap<Duplex, string>();

/** Answers the requests `server` refuses for their size as described above. */
export function handleLongRequests(server: Server) {
  server.on('connection', (socket: Socket) => {
    socket.once('data', (chunk: Buffer) => starts.set(socket, chunk.subarray(0, 8).toString('latin1')));
  });
  server.on('clientError', answerClientError);
}

/**
 * For the HTTP server's `clientError` event: answers a request the parser refused for its
 * size (a redirect for a page GET, else a small page), any other parse error with a bare 400.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code !== 'HPE_HEADER_OVERFLOW') {
    socket.end(head('400 Bad Request', { 'Content-Length': '0' }));
    return;
  }
  const start = starts.get(socket) ?? '';
  const isHead = start.startsWith('HEAD ');
  const html = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(PAGE)) };
  const status = start.startsWith('GET ') || isHead ? '303 See Other' : '431 Request Header Fields Too Large';
  const location: Record<string, string> = status.startsWith('303') ? { Location: TOO_LONG_LOCATION } : {};
  socket.end(head(status, { ...location, ...html }) + (isHead ? '' : PAGE));
}

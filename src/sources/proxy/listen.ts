import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { InputError } from '../../model/errors.js';

/** Listening and stopping, shared by both proxy modes. */

export async function listen(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new InputError(`port ${port} on ${host} is already in use: stop what holds it or choose another with --port`));
      else if (err.code === 'EACCES') reject(new InputError(`port ${port} on ${host} needs privileges: choose a port above 1023 with --port`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new InputError(`cannot listen on ${host}: give a local address with --host`));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** Tracks raw sockets (CONNECT tunnels, intercepted TLS) that server.close() does not end by itself. */
export class SocketSet {
  private readonly sockets = new Set<Socket>();
  add(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

/** Request heads larger than Node's 16 KB default (an authorize URL with a request object, many cookies) are read up to this. */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Answers a request the HTTP parser refused before the recorder saw it (a head over MAX_HEADER_BYTES, bytes
 * that are not HTTP) with a status and one line saying why, instead of a bare 400; `count` tallies it for
 * the stop summary. It was neither forwarded nor recorded.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: { writable: boolean; end(data: string): void }, count: () => void): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return;
  count();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = tooLarge
    ? `authtrail recorder: the request's head (URL and headers) is over ${MAX_HEADER_BYTES / 1024} KB; it was not forwarded or recorded\n`
    : `authtrail recorder: not a valid HTTP request (${err.code ?? 'parse error'}); it was not forwarded or recorded\n`;
  socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/**
 * Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what is left.
 * `whenIdle` resolves when no request is in flight.
 */
export async function stopServer(server: Server, whenIdle: () => Promise<void>, raw?: SocketSet, graceMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  server.closeAllConnections();
  // CONNECTed sockets left the HTTP server's bookkeeping but still hold server.close() open.
  raw?.destroyAll();
  await closed;
}

export function formatOrigin(protocol: 'http' | 'https', host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${protocol}://${h}:${port}`;
}

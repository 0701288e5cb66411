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

import net from 'node:net';

/**
 * Whether anything answers at the reverse-mode target: one TCP connection at start-up, so a mistyped port or
 * an org that is not up is said at once instead of as a 502 on the app's first sign-in.
 */

/** Resolves null when the target accepts a connection, else why not (`ECONNREFUSED`, `ENOTFOUND`, a timeout). */
export function probeTarget(origin: string, timeoutMs = 5_000, resolve?: Record<string, string>): Promise<string | null> {
  const url = new URL(origin);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = resolve?.[url.hostname.toLowerCase()] ?? url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      done(`no answer within ${timeoutMs / 1000} s`);
    });
    socket.once('connect', () => {
      socket.destroy();
      done(null);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

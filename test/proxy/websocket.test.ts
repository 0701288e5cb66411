import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRecordSummary } from '../../src/render/record-summary.js';
import { recordInto, tempDb } from './helpers.js';

/** An upstream that answers a WebSocket upgrade with 101 and then echoes every byte back (no framing needed). */
async function echoUpstream(): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const sockets = new Set<Duplex>();
  const server = http.createServer((_req, res) => res.end('{}'));
  server.on('upgrade', (req, socket) => {
    paths.push(req.url ?? '');
    sockets.add(socket);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.on('data', (chunk) => socket.write(chunk));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Opens an upgrade through `base`, sends `text`, resolves with what came back. */
function echoThrough(base: string, path: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('upgrade', (res, socket: Socket) => {
      expect(res.statusCode).toBe(101);
      socket.once('data', (chunk) => {
        resolve(chunk.toString());
        socket.destroy();
      });
      socket.write(text);
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('a WebSocket upgrade through the recorder', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('is passed through to the upstream, not recorded, and counted in the stop summary', async () => {
    const upstream = await echoUpstream();
    cleanups.push(() => upstream.close());
    const db = tempDb();
    cleanups.push(() => db.cleanup());
    const { recorder } = await recordInto(db.path, { target: upstream.url });
    expect(await echoThrough(recorder.url, '/sockjs-node/ws?t=1', 'hello through the proxy')).toBe('hello through the proxy');
    const summary = await recorder.stop();
    expect(upstream.paths).toEqual(['/sockjs-node/ws?t=1']);
    expect(summary.exchanges).toBe(0);
    expect(summary.websockets).toBe(1);
    expect(formatRecordSummary(summary)).toMatch(/WebSocket connections passed through, not recorded: 1/);
  });

  it('still open when the recording stops: closed, so the stop does not wait on it', async () => {
    const upstream = await echoUpstream();
    cleanups.push(() => upstream.close());
    const db = tempDb();
    cleanups.push(() => db.cleanup());
    const { recorder } = await recordInto(db.path, { target: upstream.url });
    const open = await new Promise<Socket>((resolve, reject) => {
      const req = http.request(`${recorder.url}/ws`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
      req.on('upgrade', (_res, socket: Socket) => resolve(socket));
      req.on('error', reject);
      req.end();
    });
    const closed = new Promise<void>((resolve) => open.once('close', () => resolve()));
    const started = Date.now();
    const summary = await recorder.stop();
    await closed;
    // Well under the 10 s grace the stop gives in-flight requests: nothing waited on the socket.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(summary.websockets).toBe(1);
  });
});

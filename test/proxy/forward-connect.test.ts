import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTarget } from '../../src/sources/proxy/forward.js';
import { recordInto, tempDb } from './helpers.js';

/** Sends `head` on a fresh connection to the proxy and returns all it answers before closing. */
function rawExchange(proxyUrl: string, head: string): Promise<string> {
  const { hostname, port } = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('forward proxy CONNECT targets', () => {
  it.each([
    ['x.okta.com:443', { hostname: 'x.okta.com', port: 443 }],
    ['x.okta.com', { hostname: 'x.okta.com', port: 443 }],
    ['[::1]:8443', { hostname: '::1', port: 8443 }],
    ['127.0.0.1:1', { hostname: '127.0.0.1', port: 1 }],
  ])('reads %s', (authority, expected) => {
    expect(connectTarget(authority)).toEqual(expected);
  });

  it.each([
    ['x.okta.com:99999', 'the port "99999" is not a number from 1 to 65535'],
    ['x.okta.com:0', 'the port "0" is not a number from 1 to 65535'],
    ['x.okta.com:', 'the port "" is not a number from 1 to 65535'],
    ['x.okta.com:44a', 'the port "44a" is not a number from 1 to 65535'],
    ['x.okta.com:-1', 'the port "-1" is not a number from 1 to 65535'],
    ['x.okta.com:443:1', 'the target is not host:port'],
    [':443', 'the target is not host:port'],
    ['user@x.okta.com:443', 'the target is not host:port'],
    ['/path', 'the target is not host:port'],
  ])('refuses %s', (authority, reason) => {
    expect(connectTarget(authority)).toBe(reason);
  });
});

describe('forward proxy answering a bad CONNECT', () => {
  let db: ReturnType<typeof tempDb>;
  let upstream: http.Server;
  beforeAll(async () => {
    db = tempDb();
    upstream = http.createServer((_req, res) => res.end('tunnelled'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    db.cleanup();
  });

  it('answers 400 with a line saying what to send, and keeps tunnelling the next CONNECT', async () => {
    const { recorder } = await recordInto(db.path, { mode: 'forward', caDir: join(db.dir, 'ca') });
    try {
      for (const authority of ['x.okta.com:99999', 'x.okta.com:44a', 'x.okta.com:1:2']) {
        const answer = await rawExchange(recorder.url, `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        expect(answer.split('\r\n\r\n')[1]).toMatch(new RegExp(`^authtrail forward proxy: CONNECT ${authority}: the (port|target) .*; send CONNECT host:port, e\\.g\\. dev-123\\.okta\\.com:443\\n$`));
      }
      const port = (upstream.address() as { port: number }).port;
      const answer = await rawExchange(recorder.url, `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 200 Connection Established\r\n\r\nHTTP\/1\.1 200 OK[\s\S]*tunnelled$/);
    } finally {
      const summary = await recorder.stop();
      expect(summary.forward?.tunnels).toBe(1);
    }
  });
});

import http from 'node:http';
import net from 'node:net';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { closedPort, recordInto, request, tempDb } from './helpers.js';

const user = defaultUsers()[0]!;
const primaryAuth = JSON.stringify({ username: user.login, password: user.password });
const json = { 'content-type': 'application/json' };

describe('reverse proxy mechanics', () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    db = tempDb();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('answers 502 with an Okta-shaped JSON error when the upstream is down, and records the transport error', async () => {
    const { recorder } = await recordInto(db.path, { target: `http://127.0.0.1:${await closedPort()}` });
    const res = await request(`${recorder.url}/api/v1/authn`, { headers: json, body: primaryAuth });
    const summary = await recorder.stop();
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/json');
    const body = JSON.parse(res.body.toString());
    expect(body.errorCode).toMatch(/UPSTREAM/);
    expect(body.errorSummary).toMatch(/ECONNREFUSED/);
    const [exchange] = db.store.exchanges([summary.captureId]);
    expect(exchange?.transportError).toMatch(/ECONNREFUSED/);
    expect(exchange?.responseStatus).toBeNull();
    expect(summary.transportErrors).toBe(1);
  });

  it('warns at start when nothing answers at --target, and keeps proxying', async () => {
    const notices: string[] = [];
    const target = `http://127.0.0.1:${await closedPort()}`;
    const { recorder } = await recordInto(db.path, { target, onNotice: (n) => notices.push(n) });
    expect(await recorder.targetProblem).toBe('ECONNREFUSED');
    expect(notices).toEqual([`warning: nothing answers at ${target} (ECONNREFUSED); requests get 502 until it does: check --target`]);
    const res = await request(`${recorder.url}/api/v1/authn`, { headers: json, body: primaryAuth });
    expect(res.status).toBe(502);
    await recorder.stop();
  });

  it('says nothing at start when the target answers', async () => {
    const notices: string[] = [];
    const { recorder } = await recordInto(db.path, { target: mock.url, onNotice: (n) => notices.push(n) });
    expect(await recorder.targetProblem).toBeNull();
    await recorder.stop();
    expect(notices).toEqual([]);
  });

  it.each([
    ['laps a small shared ring many times', 48 * 1024],
    ['lags a whole ring behind (batches travel in buffers of their own)', 1024],
  ])('records every exchange, byte for byte, when the worker %s', async (_name, ringBytes) => {
    const { recorder } = await recordInto(db.path, { target: mock.url, ringBytes });
    const sent: string[] = [];
    for (let round = 0; round < 6; round++) {
      const replies = await Promise.all(Array.from({ length: 15 }, () => request(`${recorder.url}/api/v1/authn`, { headers: json, body: primaryAuth })));
      for (const r of replies) {
        expect(r.status).toBe(200);
        sent.push(JSON.parse(r.body.toString()).expiresAt);
      }
    }
    const summary = await recorder.stop();
    expect(summary.exchanges).toBe(90);
    const stored = db.store.exchanges([summary.captureId]);
    expect(stored.map((e) => (e.responseBody as { status: string }).status)).toEqual(new Array(90).fill('MFA_REQUIRED'));
    expect(stored.map((e) => (e.responseBody as { expiresAt: string }).expiresAt).sort()).toEqual([...sent].sort());
    expect(new Set(stored.map((e) => (e.responseBody as { stateToken: string }).stateToken)).size).toBe(90);
  });

  it('answers 504 and records a transport error when the upstream does not answer in time', async () => {
    const hung = http.createServer(() => {});
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const { recorder } = await recordInto(db.path, { target: `http://127.0.0.1:${(hung.address() as { port: number }).port}`, timeoutMs: 300 });
      const res = await request(`${recorder.url}/api/v1/authn`, { headers: json, body: primaryAuth });
      expect(res.status).toBe(504);
      expect(JSON.parse(res.body.toString()).errorCode).toBe('AUTHTRAIL_UPSTREAM_UNAVAILABLE');
      const summary = await recorder.stop();
      const [exchange] = db.store.exchanges([summary.captureId]);
      expect(exchange?.transportError).toBeTruthy();
      expect(exchange?.responseStatus).toBeNull();
      expect(summary.transportErrors).toBe(1);
    } finally {
      hung.closeAllConnections();
      hung.close();
    }
  });

  it('survives a client that aborts mid-request and keeps serving', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const { port } = new URL(recorder.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /api/v1/authn HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"username":"mary');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
    });
    const after = await request(`${recorder.url}/api/v1/authn`, { headers: json, body: primaryAuth });
    expect(after.status).toBe(200);
    const summary = await recorder.stop();
    expect(summary.clientAborts).toBe(1);
    const exchanges = db.store.exchanges([summary.captureId]);
    expect(exchanges).toHaveLength(2);
    expect(exchanges.find((e) => e.transportError)?.transportError).toBe('client aborted');
  });

  it('forwards a request target in absolute form as its path, and the path as sent', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const { port } = new URL(recorder.url);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST ${recorder.url}/api/v1/authn?via=absolute HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(primaryAuth)}\r\nconnection: close\r\n\r\n${primaryAuth}`);
      });
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    const raw = await request(`${recorder.url}/api/v1/authn?q=a%20b|c`, { headers: json, body: primaryAuth });
    expect(raw.status).toBe(200);
    const summary = await recorder.stop();
    expect(db.store.exchanges([summary.captureId]).map((e) => e.url)).toEqual([`${mock.url}/api/v1/authn?via=absolute`, `${mock.url}/api/v1/authn?q=a%20b|c`]);
  });

  it('records the body of an Expect: 100-continue request', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${recorder.url}/api/v1/authn`, {
        method: 'POST',
        agent: false,
        headers: { ...json, expect: '100-continue', 'content-length': Buffer.byteLength(primaryAuth) },
      });
      req.on('continue', () => req.end(primaryAuth));
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    const summary = await recorder.stop();
    expect(status).toBe(200);
    const [exchange] = db.store.exchanges([summary.captureId]);
    const body = exchange?.requestBody as Record<string, unknown>;
    expect(body.username).toBe(user.login);
    expect(String(body.password)).toMatch(/^\[redacted password/);
    expect((exchange?.responseBody as Record<string, unknown>).status).toBe('MFA_REQUIRED');
  });

  it('decodes br and gzip responses for the record and sends the client a body that matches its headers', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url });
    // Rewritten (links point at the upstream): sent as identity with a corrected length.
    const br = await request(`${recorder.url}/api/v1/authn`, { headers: { ...json, 'accept-encoding': 'br' }, body: primaryAuth });
    expect(br.headers['content-encoding']).toBeUndefined();
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    const mfa = JSON.parse(br.body.toString());
    expect(mfa._embedded.factors[0]._links.verify.href.startsWith(recorder.url)).toBe(true);
    expect(mfa._links.cancel.href).toBe(`${recorder.url}/api/v1/authn/cancel`);
    // Not rewritten (an error body has no links): the gzip bytes go through untouched.
    const gz = await request(`${recorder.url}/api/v1/authn/cancel`, { headers: { ...json, 'accept-encoding': 'gzip' }, body: '{"stateToken":"00nope"}' });
    expect(gz.status).toBe(401);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(JSON.parse(gunzipSync(gz.body).toString()).errorCode).toBe('E0000011');
    const summary = await recorder.stop();
    const [first, second] = db.store.exchanges([summary.captureId]);
    expect(first?.responseHeaders['content-encoding']).toBe('br');
    expect((first?.responseBody as Record<string, unknown>).status).toBe('MFA_REQUIRED');
    expect((second?.responseBody as Record<string, unknown>).errorCode).toBe('E0000011');
  });

  it('forwards and counts paths outside --include without recording them; answers CORS preflights', async () => {
    const { recorder } = await recordInto(db.path, { target: mock.url, cors: true });
    const outside = await request(`${recorder.url}/api/v1/users/me`, { headers: { origin: 'http://localhost:3000' } });
    expect(outside.status).toBe(404);
    expect(outside.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const preflight = await request(`${recorder.url}/api/v1/authn`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-okta-user-agent-extended',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    for (const h of ['X-Okta-User-Agent-Extended', 'X-Requested-With', 'Content-Type', 'Accept', 'Authorization', 'X-Device-Fingerprint']) {
      expect(preflight.headers['access-control-allow-headers']).toContain(h);
    }
    const inside = await request(`${recorder.url}/api/v1/authn`, { headers: { ...json, origin: 'http://localhost:3000' }, body: primaryAuth });
    expect(inside.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    const summary = await recorder.stop();
    expect(summary.forwarded).toBe(1);
    expect(summary.exchanges).toBe(1);
  });
});

describe('Location and link rewriting against an arbitrary upstream', () => {
  it('rewrites the upstream origin in Location and in every _links href, fixing Content-Length; repeated headers and --cors survive', async () => {
    let origin = '';
    const upstream = http.createServer((req, res) => {
      if (req.url === '/api/v1/authn/redirect') {
        res.writeHead(302, { location: `${origin}/api/v1/authn/next?x=1` });
        res.end();
        return;
      }
      const body = brotliCompressSync(
        JSON.stringify({
          status: 'MFA_CHALLENGE',
          login: `${origin}/not-a-link`,
          firstName: 'Zoë ✓ 名前',
          _links: { next: { href: `${origin}/api/v1/authn/factors/f1/verify` }, resend: [{ href: `${origin}/api/v1/authn/factors/f1/verify/resend` }] },
        }),
      );
      res.writeHead(200, [
        'Content-Type', 'application/json',
        'Content-Encoding', 'br',
        'Content-Length', String(body.length),
        'Set-Cookie', 'sid=102abcdefghijkl; Path=/; HttpOnly',
        'Set-Cookie', 'DT=DI0xyz123456789; Path=/',
        'Access-Control-Allow-Origin', '*',
        'Vary', 'Accept-Encoding',
      ]);
      res.end(body);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
    const db = tempDb();
    try {
      const { recorder } = await recordInto(db.path, { target: origin, cors: true });
      const redirect = await request(`${recorder.url}/api/v1/authn/redirect`);
      expect(redirect.status).toBe(302);
      expect(redirect.headers.location).toBe(`${recorder.url}/api/v1/authn/next?x=1`);
      const app = 'http://localhost:3000';
      const res = await request(`${recorder.url}/api/v1/authn/factors/f1/verify`, { headers: { 'content-type': 'application/json', origin: app }, body: '{}' });
      const body = JSON.parse(res.body.toString());
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.headers['content-encoding']).toBeUndefined();
      // Repeated headers stay repeated; --cors answers for the app's origin instead of the upstream's wildcard.
      expect(res.headers['set-cookie']).toEqual(['sid=102abcdefghijkl; Path=/; HttpOnly', 'DT=DI0xyz123456789; Path=/']);
      expect(res.headers['access-control-allow-origin']).toBe(app);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(res.headers.vary).toBe('Accept-Encoding, Origin');
      expect(body._links.next.href).toBe(`${recorder.url}/api/v1/authn/factors/f1/verify`);
      expect(body._links.resend[0].href).toBe(`${recorder.url}/api/v1/authn/factors/f1/verify/resend`);
      // Only href members are links: other strings that happen to hold the origin are left alone.
      expect(body.login).toBe(`${origin}/not-a-link`);
      expect(body.firstName).toBe('Zoë ✓ 名前');
      const summary = await recorder.stop();
      // The record keeps what the upstream really said.
      const verify = db.store.exchanges([summary.captureId])[1]!;
      const recorded = verify.responseBody as { _links: { next: { href: string } } };
      expect(recorded._links.next.href).toBe(`${origin}/api/v1/authn/factors/f1/verify`);
      expect(verify.responseHeaders['content-encoding']).toBe('br');
      expect(verify.responseHeaders['access-control-allow-origin']).toBe('*');
      const cookies = verify.responseHeaders['set-cookie']!.split('\n');
      expect(cookies).toHaveLength(2);
      expect(cookies[0]).toMatch(/^sid=\*{4}#[0-9a-f]{12}; Path=\/; HttpOnly$/);
    } finally {
      db.cleanup();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });
});

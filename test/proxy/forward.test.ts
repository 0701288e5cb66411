import { readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import tls from 'node:tls';
import { isIP } from 'node:net';
import { execFile, spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { loadOrCreateCa } from '../../src/sources/proxy/ca.js';
import { recordInto, secretsOnDisk, tempDb } from './helpers.js';

const user = defaultUsers()[0]!;
const hasCurl = spawnSync('curl', ['--version']).status === 0;

/** CONNECT through the proxy, then TLS to `servername` trusting only `ca`. */
function connectVia(proxyUrl: string, authority: string, servername: string, ca: string): Promise<tls.TLSSocket> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority, agent: false });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) return reject(new Error(`CONNECT answered ${res.statusCode}`));
      // SNI carries names only: for an IP the certificate is checked against `host`.
      const secure = tls.connect({ socket, ca, ...(isIP(servername) ? { host: servername } : { servername }) });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function postOver(socket: tls.TLSSocket, host: string, path: string, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    // No agent: the request goes over the socket already CONNECTed and TLS-wrapped.
    const req = http.request(
      { host, path, method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, createConnection: () => socket },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes).toString() : bytes.toString();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('forward proxy with TLS interception', () => {
  let upstreamCa: Awaited<ReturnType<typeof loadOrCreateCa>>;
  let okta: MockOkta;
  let other: MockOkta;
  let db: ReturnType<typeof tempDb>;

  beforeAll(async () => {
    db = tempDb();
    // The "real" servers get certificates from a CA of their own, distinct from authtrail's.
    upstreamCa = await loadOrCreateCa(join(db.dir, 'upstream-ca'), 'test upstream CA');
    okta = await startMockOkta({ tls: await upstreamCa.leafFor('login.okta.test'), publicOrigin: 'https://login.okta.test' });
    other = await startMockOkta({ tls: await upstreamCa.leafFor('127.0.0.1') });
  });
  afterAll(async () => {
    await okta.stop();
    await other.stop();
    db.cleanup();
  });

  it('intercepts a matching host with a leaf from the local CA and records it; tunnels any other host untouched', async () => {
    const caDir = join(db.dir, 'authtrail-ca');
    const { recorder, lines } = await recordInto(db.path, {
      mode: 'forward',
      intercept: '*.okta.test,localhost',
      caDir,
      resolve: { 'login.okta.test': '127.0.0.1' },
      upstreamCa: upstreamCa.certPem,
    });
    expect(recorder.ca?.created).toBe(true);
    expect(statSync(join(caDir, 'authtrail-ca.key')).mode & 0o777).toBe(0o600);
    const authtrailCa = readFileSync(recorder.ca!.certPath, 'utf8');

    const oktaPort = new URL(okta.url).port;
    const intercepted = await connectVia(recorder.url, `login.okta.test:${oktaPort}`, 'login.okta.test', authtrailCa);
    expect(intercepted.getPeerCertificate().issuer.CN).toBe('authtrail local CA');
    const auth = await postOver(intercepted, 'login.okta.test', '/api/v1/authn', JSON.stringify({ username: user.login, password: user.password }));
    expect(auth.status).toBe(200);
    expect(auth.body.status).toBe('MFA_REQUIRED');
    // The client keeps talking to the real host name: links are not rewritten in forward mode.
    expect(auth.body._links.cancel.href).toBe('https://login.okta.test/api/v1/authn/cancel');
    intercepted.destroy();

    const otherPort = new URL(other.url).port;
    const tunnelled = await connectVia(recorder.url, `127.0.0.1:${otherPort}`, '127.0.0.1', upstreamCa.certPem);
    expect(tunnelled.getPeerCertificate().issuer.CN).toBe('test upstream CA');
    const direct = await postOver(tunnelled, '127.0.0.1', '/api/v1/authn', JSON.stringify({ username: user.login, password: user.password }));
    expect(direct.body.status).toBe('MFA_REQUIRED');
    tunnelled.destroy();

    const summary = await recorder.stop();
    expect(okta.requests()).toBe(1);
    expect(other.requests()).toBe(1);
    expect(summary.forward).toMatchObject({ intercepted: 1, tunnels: 1, closedWithoutRequest: 0 });
    const exchanges = db.store.exchanges([summary.captureId]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.url).toBe(`https://login.okta.test:${oktaPort}/api/v1/authn`);
    expect(String((exchanges[0]?.requestBody as Record<string, unknown>).password)).toMatch(/^\[redacted password/);
    expect(lines.map((l) => `${l.operation} ${l.statusAfter}`)).toEqual(['primary MFA_REQUIRED']);
  });

  // curl checks the certificate during the handshake and says so with a TLS alert, as browsers do.
  it.skipIf(!hasCurl)('reuses the CA on the next start and tells when a client does not trust it', async () => {
    const caDir = join(db.dir, 'authtrail-ca');
    const notices: string[] = [];
    const { recorder } = await recordInto(db.path, {
      mode: 'forward',
      intercept: '*.okta.test',
      caDir,
      resolve: { 'login.okta.test': '127.0.0.1' },
      upstreamCa: upstreamCa.certPem,
      onNotice: (m) => notices.push(m),
    });
    expect(recorder.ca?.created).toBe(false);
    const url = `https://login.okta.test:${new URL(okta.url).port}/api/v1/authn`;
    // Asynchronous: the proxy runs in this process.
    const curl = (...args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile('curl', ['-sS', '--max-time', '10', '--proxy', recorder.url, ...args], (err, stdout) =>
          resolve({ code: (err as { code?: number } | null)?.code ?? 0, stdout }),
        ),
      );
    expect((await curl('--cacert', upstreamCa.certPath, url, '-d', '{}')).code).toBe(60);
    const trusted = await curl('--cacert', recorder.ca!.certPath, '-H', 'content-type: application/json', url, '-d', '{"stateToken":"00x"}');
    expect(JSON.parse(trusted.stdout).errorCode).toBe('E0000011');
    const summary = await recorder.stop();
    expect(summary.exchanges).toBe(1);
    expect(notices.join('\n')).toMatch(/login\.okta\.test.*ALERT_UNKNOWN_CA.*authtrail ca/);
  });
});

describe('forward proxy, plain HTTP outside --intercept', () => {
  let okta: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeAll(async () => {
    db = tempDb();
    okta = await startMockOkta();
  });
  afterAll(async () => {
    await okta.stop();
    db.cleanup();
  });

  /** A request sent to the proxy in absolute form, as a client with HTTP_PROXY does. */
  function viaProxy(proxyUrl: string, url: string, body: string): Promise<number> {
    const proxy = new URL(proxyUrl);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: proxy.hostname, port: proxy.port, method: 'POST', path: url, headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('an authn call is forwarded, named once with the flag that records it, and counted as an unanalyzed org call; other traffic is not', async () => {
    const notices: string[] = [];
    const { recorder } = await recordInto(db.path, { mode: 'forward', intercept: '*.okta.test', caDir: join(db.dir, 'ca2'), onNotice: (m) => notices.push(m) });
    const authn = `${okta.url}/api/v1/authn`;
    expect(await viaProxy(recorder.url, authn, JSON.stringify({ username: user.login, password: user.password }))).toBe(200);
    expect(await viaProxy(recorder.url, authn, JSON.stringify({ username: user.login, password: user.password }))).toBe(200);
    await viaProxy(recorder.url, `${okta.url}/some/app/page`, '{}');
    const summary = await recorder.stop();
    expect(summary.exchanges).toBe(0);
    const host = new URL(okta.url).host;
    expect(notices).toEqual([`forwarded ${okta.url}/api/v1/authn without recording: ${host} is outside --intercept; add --intercept '127.0.0.1' to record it`]);
    expect(summary.analysis.unread).toEqual({ '/api/v1/authn': 2 });
    expect(secretsOnDisk(db.path, [user.password])).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { loadOrCreateCa } from '../../src/sources/proxy/ca.js';
import { openStore } from '../../src/store/store.js';
import { authtrail } from '../proxy/child.js';
import { closedPort, tempDb } from '../proxy/helpers.js';

const user = defaultUsers()[0]!;

/**
 * Chromium with `--proxy-server` through `authtrail record --mode forward` (the CLI process), to an HTTPS org
 * behind a private CA at a name DNS does not know: `--resolve` and `--upstream-ca` as a user of a test org
 * would pass them. The browser trusts the recorder's leaf as it would once `authtrail ca` is installed.
 */
describe('a browser through record --mode forward', { timeout: 120_000 }, () => {
  let browser: Browser;
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  let caFile: string;

  beforeAll(async () => {
    db = tempDb();
    db.store.close();
    const upstreamCa = await loadOrCreateCa(join(db.dir, 'upstream-ca'), 'test upstream CA');
    caFile = join(db.dir, 'upstream-ca.pem');
    writeFileSync(caFile, upstreamCa.certPem);
    mock = await startMockOkta({ scenario: 'devforum', tls: await upstreamCa.leafFor('login.okta.test'), publicOrigin: 'https://login.okta.test' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await mock?.stop();
    db?.cleanup();
  });

  it('records the HTTPS authn call the page makes, redacted, and passes the rest through', async () => {
    const port = await closedPort();
    const child = authtrail('record', '--mode', 'forward', '--port', String(port), '--db', db.path, '--quiet', '--intercept', '*.okta.test',
      '--resolve', 'login.okta.test=127.0.0.1', '--upstream-ca', caFile, '--ca-dir', join(db.dir, 'authtrail-ca'));
    await child.waitFor(/Ctrl-C to stop/);
    const context = await browser.newContext({ proxy: { server: `http://127.0.0.1:${port}` }, ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const origin = `https://login.okta.test:${new URL(mock.url).port}`;
      // A page on the org's origin (outside --include: forwarded, not recorded), then the sign-in call from it.
      await page.goto(`${origin}/`);
      const answer = await page.evaluate(async (body) => {
        const res = await fetch('/api/v1/authn', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
        return { status: res.status, body: await res.json() };
      }, JSON.stringify({ username: user.login, password: user.password }));
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('MFA_REQUIRED');
    } finally {
      await context.close();
    }
    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout).toMatch(/recorded 1 exchange/);
    // Chromium may open a spare connection (counted as closed without a request) and fetch /favicon.ico.
    expect(child.stdout).toMatch(/forward: [1-9]\d* intercepted, 0 tunnelled/);
    expect(child.stdout).toMatch(/forwarded without recording: [1-9]/);
    const store = openStore(db.path);
    try {
      const exchanges = store.exchanges();
      expect(exchanges.map((e) => new URL(e.url).pathname)).toEqual(['/api/v1/authn']);
      expect(exchanges[0]!.url.startsWith('https://login.okta.test:')).toBe(true);
      expect(JSON.stringify(exchanges[0]!.requestBody)).not.toContain(user.password);
    } finally {
      store.close();
    }
  });

  it('refuses an --upstream-ca that is not a certificate, and a --resolve without an address, in one line each', async () => {
    for (const [flag, value, message] of [
      ['--upstream-ca', join(db.dir, 'missing.pem'), /--upstream-ca .*missing\.pem: cannot read it \(ENOENT\); give a PEM certificate file/],
      ['--resolve', 'login.okta.test', /--resolve login\.okta\.test: give HOST=ADDRESS with an IP address/],
    ] as const) {
      const child = authtrail('record', '--mode', 'forward', '--port', String(await closedPort()), '--db', join(db.dir, 'never.db'), flag, value);
      expect(await child.exit).toBe(2);
      expect(child.stderr.trim().split('\n')).toHaveLength(1);
      expect(child.stderr).toMatch(message);
    }
  });
});

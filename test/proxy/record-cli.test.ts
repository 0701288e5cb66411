import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMfaFlow } from '../../samples/mock-okta/client.js';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers, PASSCODE } from '../../samples/mock-okta/users.js';
import { openStore } from '../../src/store/store.js';
import { authtrail } from './child.js';
import { closedPort, tempDb } from './helpers.js';

const user = defaultUsers()[0]!;

// Each test starts the CLI through tsx: seconds each on a loaded machine.
describe('authtrail record (CLI process)', { timeout: 90_000 }, () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'devforum' });
    db = tempDb();
    db.store.close();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  it('warns on stderr when nothing answers at --target, keeps running, and stops cleanly', async () => {
    const port = await closedPort();
    const target = `http://127.0.0.1:${await closedPort()}`;
    const child = authtrail('record', '--target', target, '--port', String(port), '--db', db.path, '--quiet');
    await child.waitFor(/warning: nothing answers at/);
    expect(child.stderr).toContain(`authtrail: warning: nothing answers at ${target} (ECONNREFUSED); requests get 502 until it does: check --target\n`);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/authn`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
  });

  it('prints a line per exchange, and on SIGTERM finishes, prints the summary and exits 0', async () => {
    const port = await closedPort();
    const child = authtrail('record', '--target', mock.url, '--port', String(port), '--db', db.path);
    await child.waitFor(/Ctrl-C to stop/);
    const flow = await runMfaFlow(`http://127.0.0.1:${port}`, { username: user.login, password: user.password, passCode: PASSCODE, factorType: 'email' });
    expect(flow.final).toBe('SUCCESS');
    await child.waitFor(/factors\.verify .*MFA_CHALLENGE → SUCCESS/, 'stdout');
    child.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout).toMatch(/primary\s+200\s+START → MFA_REQUIRED/);
    expect(child.stdout).toMatch(/recorded 3 exchanges \(capture 1\), 1 transaction; findings: /);
    expect(child.stdout).toContain(`database: ${db.path}`);
    const store = openStore(db.path);
    try {
      expect(store.exchanges()).toHaveLength(3);
    } finally {
      store.close();
    }
  });

  it('finishes a request in flight when stopped', async () => {
    // An upstream that answers slowly: the stop must wait for it.
    const slow = http.createServer((_req, res) => setTimeout(() => res.end('{"status":"MFA_REQUIRED"}'), 700));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const port = await closedPort();
    const child = authtrail('record', '--target', `http://127.0.0.1:${(slow.address() as { port: number }).port}`, '--port', String(port), '--db', db.path, '--quiet');
    try {
      await child.waitFor(/Ctrl-C to stop/);
      const pending = fetch(`http://127.0.0.1:${port}/api/v1/authn`, { method: 'POST', body: '{}' });
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGINT');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(await child.exit).toBe(0);
      expect(child.stdout).toMatch(/recorded 1 exchange /);
    } finally {
      slow.close();
    }
  });

  it('exits 2 with one line when the port is taken or the target is not a URL, writing nothing', async () => {
    const fresh = join(db.dir, 'never-written.db');
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = String((busy.address() as { port: number }).port);
    try {
      const taken = authtrail('record', '--target', mock.url, '--port', port, '--db', fresh);
      expect(await taken.exit).toBe(2);
      expect(taken.stderr.trim()).toBe(`authtrail: port ${port} on 127.0.0.1 is already in use: stop what holds it or choose another with --port`);
    } finally {
      busy.close();
    }
    const bad = authtrail('record', '--target', 'dev-123.okta.com', '--db', fresh);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--target dev-123\.okta\.com is not a URL/);
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(`${fresh}.key`)).toBe(false);
    // A database path that cannot be one: refused once the proxy started, which then stops again.
    const dirAsDb = authtrail('record', '--target', mock.url, '--port', '0', '--db', db.dir);
    expect(await dirAsDb.exit).toBe(2);
    expect(dirAsDb.stderr.trim()).toBe(`authtrail: ${db.dir}: is a directory; give a database file with --db`);
  });
});

describe('authtrail demo', { timeout: 90_000 }, () => {
  it('runs the recovery flow through the recorder and prints the audit', async () => {
    const child = authtrail('demo');
    expect(await child.exit).toBe(0);
    expect(child.stdout).toMatch(/credentials\.reset_password .*PASSWORD_RESET → MFA_REQUIRED .*\(rotated\)/);
    expect(child.stdout).toContain('password-committed-before-mfa');
    expect(child.stdout).toMatch(/recorded 6 exchanges \(capture 1\), 1 transaction/);
    expect(child.stderr).toBe('');
  });
});

import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOkta, type MockOkta } from '../../samples/mock-okta/server.js';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { openStore } from '../../src/store/store.js';
import { authtrail } from './child.js';
import { closedPort, tempDb } from './helpers.js';

/**
 * `authtrail record` killed with SIGKILL under load, as a real process: how many of the exchanges its clients
 * got answers for are in the SQLite file afterwards. Without --durable the last batch window may be missing
 * (README: record); with --durable every answered exchange is there.
 */

const user = defaultUsers()[0]!;
const BODY = JSON.stringify({ username: user.login, password: user.password });
/** Requests kept in flight, and how many answers to wait for before the kill. */
const CONCURRENCY = 16;
const ANSWERS_BEFORE_KILL = 300;

/** Keeps CONCURRENCY requests going at `url` until the recorder dies; counts the 200s its clients received. */
async function loadUntilKilled(url: string, kill: () => void): Promise<{ answered: number; sent: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let answered = 0;
  let sent = 0;
  let dead = false;
  const one = () =>
    new Promise<void>((resolve) => {
      sent++;
      const req = http.request(`${url}/api/v1/authn`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => {
          // Counted once the whole answer arrived: that is what the client holds.
          if (res.statusCode === 200 && !dead) answered++;
          if (answered >= ANSWERS_BEFORE_KILL && !dead) {
            dead = true;
            kill();
          }
          resolve();
        });
        res.on('error', () => resolve());
      });
      req.on('error', () => {
        dead = true;
        resolve();
      });
      req.end(BODY);
    });
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (!dead) await one();
  }));
  agent.destroy();
  return { answered, sent };
}

describe('authtrail record killed with SIGKILL', { timeout: 90_000 }, () => {
  let mock: MockOkta;
  let db: ReturnType<typeof tempDb>;
  beforeEach(async () => {
    mock = await startMockOkta({ scenario: 'clean' });
    db = tempDb();
    db.store.close();
  });
  afterEach(async () => {
    await mock.stop();
    db.cleanup();
  });

  async function killMidRun(...flags: string[]) {
    const port = await closedPort();
    const child = authtrail('record', '--target', mock.url, '--port', String(port), '--db', db.path, '--quiet', ...flags);
    await child.waitFor(/Ctrl-C to stop/);
    const { answered, sent } = await loadUntilKilled(`http://127.0.0.1:${port}`, () => child.kill('SIGKILL'));
    expect(await child.exit).toBeNull();
    // The file a killed recorder leaves opens, and each row in it is a whole exchange.
    const store = openStore(db.path);
    try {
      const rows = store.exchanges();
      for (const row of rows) expect(row).toMatchObject({ method: 'POST', responseStatus: 200, responseBody: { status: 'MFA_REQUIRED' } });
      return { answered, sent, stored: rows.length };
    } finally {
      store.close();
    }
  }

  it('without --durable keeps only what was committed: never more than was sent, every row whole', async () => {
    const { answered, sent, stored } = await killMidRun();
    expect(answered).toBeGreaterThanOrEqual(ANSWERS_BEFORE_KILL);
    expect(stored).toBeLessThanOrEqual(sent);
  });

  it('with --durable keeps every exchange whose answer a client received', async () => {
    const { answered, sent, stored } = await killMidRun('--durable');
    expect(answered).toBeGreaterThanOrEqual(ANSWERS_BEFORE_KILL);
    expect(stored).toBeGreaterThanOrEqual(answered);
    expect(stored).toBeLessThanOrEqual(sent);
  });
});

import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { looksLikeSystemLog } from '../../src/sources/systemlog/index.js';
import { openStore } from '../../src/store/store.js';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { secretsOnDisk } from '../proxy/helpers.js';

const SESSION_TOKEN = '20111nsHcdOAf4FqW7Sp9rXW2IzMFUJjBu2pnJ9bBJZxfBB8Jv1Zyf';
const STATE_TOKEN = '00Fpzf4en68pCXTsMjcX8JPMctzN2Wiw4LDOBL_9aQ';

/** A LogEvent as /api/v1/logs returns it (fields of Okta's LogEvent object, values made up). */
function event(n: number, requestId: string | null, extra: Record<string, unknown> = {}) {
  return {
    actor: { id: '00u4aj33rsxULOM5i1d7', type: 'User', alternateId: 'mary.jane@example.com', displayName: 'Mary Jane', detailEntry: null },
    client: { userAgent: { rawUserAgent: 'okta-auth-js/7.0.0 Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' }, zone: 'null', device: 'Computer', ipAddress: '203.0.113.42' },
    authenticationContext: { externalSessionId: '102bZDNFfWaQSyEZQuDgWt-uQ' },
    displayMessage: 'User login to Okta',
    eventType: 'user.session.start',
    outcome: { result: 'SUCCESS', reason: null },
    published: `2026-11-30T10:00:0${n}.000Z`,
    severity: 'INFO',
    debugContext: { debugData: { ...(requestId ? { requestId } : {}), threatSuspected: 'false', requestUri: '/api/v1/authn' } },
    transaction: { type: 'WEB', id: requestId, detail: {} },
    uuid: `5c0e3b4e-0000-4000-8000-00000000000${n}`,
    version: '0',
    ...extra,
  };
}

describe('System Log files', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'authtrail-systemlog-'));
    db = join(dir, 'a.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['a truncated JSON array', 'logs.json', () => JSON.stringify([event(1, 'r1'), event(2, 'r2')]).slice(0, -40), /logs\.json: not valid JSON \(.+\); export the System Log again/],
    ['a JSON-lines file with a broken line', 'logs.jsonl', () => `${JSON.stringify(event(1, 'r1'))}\n{"uuid": "x", "published"\n`, /logs\.jsonl:2: not a JSON event/],
    ['an event without eventType', 'logs.jsonl', () => `${JSON.stringify(event(1, 'r1'))}\n${JSON.stringify({ ...event(2, 'r2'), eventType: undefined })}\n`, /logs\.jsonl:2: System Log event without eventType/],
    ['an array element that is not an object', 'logs.json', () => JSON.stringify([event(1, 'r1'), 'oops']), /logs\.json#\[1\]: not a System Log event/],
  ])('%s: one clear line, exit 2, no database left behind', async (_what, name, text, message) => {
    const file = write(name, text());
    const run = await runCli('import', file, '--db', db);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(db)).toBe(false);
  });

  it('stores events redacted in a 0600 file: tokens masked, IPs, user agents and request ids kept', async () => {
    const leaky = event(1, 'XkP3aB2cD0EfGhIjKlMnOpQAAAA', {
      debugContext: { debugData: { requestId: 'XkP3aB2cD0EfGhIjKlMnOpQAAAA', threatSuspected: 'true', url: `/login/sessionCookieRedirect?token=${SESSION_TOKEN}&redirectUrl=%2Fapp`, stateToken: STATE_TOKEN } },
    });
    const file = write('logs.jsonl', `${JSON.stringify(leaky)}\n${JSON.stringify(event(2, null))}\n`);
    const run = await runCli('import', file, '--db', db);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    expect(secretsOnDisk(db, [SESSION_TOKEN, STATE_TOKEN])).toEqual([]);
    expect(secretsOnDisk(db, ['203.0.113.42', 'okta-auth-js/7.0.0', 'XkP3aB2cD0EfGhIjKlMnOpQAAAA'])).toHaveLength(3);
    const store = openStore(db);
    const [first, second] = store.systemLogEvents([1]);
    store.close();
    expect(first).toMatchObject({ eventType: 'user.session.start', requestId: 'XkP3aB2cD0EfGhIjKlMnOpQAAAA', threatSuspected: true, actor: 'mary.jane@example.com' });
    expect(first!.client).toEqual({ ipAddress: '203.0.113.42', userAgent: 'okta-auth-js/7.0.0 Mozilla/5.0' });
    expect(second!.requestId).toBeNull();
    // With no exchange at all, both events are reported as matching no step.
    const { json } = await analyzeJson('--db', db);
    expect(json.systemLog).toMatchObject({ events: 2, joined: 0, stepsWithoutEvent: [] });
    expect(json.systemLog.unmatched.map((e: any) => e.uuid)).toEqual([first!.uuid, second!.uuid]);
  });

  it('is told from a HAR by shape, whatever the extension; importing it twice is refused', async () => {
    expect(looksLikeSystemLog(JSON.stringify([event(1, 'r1')]))).toBe(true);
    expect(looksLikeSystemLog(`${JSON.stringify(event(1, 'r1'))}\n`)).toBe(true);
    expect(looksLikeSystemLog(JSON.stringify({ log: { version: '1.2', entries: [{ eventType: 'x', published: 'y', uuid: 'z' }] } }))).toBe(false);
    expect(looksLikeSystemLog('[{"status": "SUCCESS", "published": "2026"}]')).toBe(false);
    const file = write('export.json', JSON.stringify([event(1, 'r1')]));
    expect((await runCli('import', file, '--db', db)).stderr).toBe(`capture 1: 1 System Log event from ${file}\n`);
    expect((await runCli('import', file, '--db', db)).stderr).toContain('already imported as capture 1');
  });
});

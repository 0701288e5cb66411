import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { openSource } from '../../../src/sources/index.js';
import { openStore } from '../../../src/store/store.js';
import { join, tempDir } from '../../helpers/flow.js';

/** Every clear secret the evidence holds: none may reach the database file. */
const CASES: [string, string, number, string[]][] = [
  // "Answer here" in the devforum sample is a placeholder the author typed, which the redactor keeps on purpose.
  ['samples/okta-devforum-recovery-mfa.md', 'transcript', 6, ['PWPWPW', '"123123"']],
  ['samples/transcripts/curl-mfa-push-then-lockout.md', 'curl', 8,
    ['Winter2026!', '00PqZx81mWcR4TnYb6VdLs2Hk9Ju3Ee7Go5Fa0Ni1Q', '481516', '234200', '108108']],
  ['samples/transcripts/raw-http-sms-recovery-policy-retry.md', 'http', 5,
    ['00Rc7LmQ2wZ9eX4tV1bN8kJ3hG6fD0sA5pY2uI7oT', '657292', 'biscuit', 'Chen2026', 'tidal-Orbit-4417', '20111XkP5sQ8vB2nM6cZ1aL4jH7gF0dS3wE9rT2yU5i']],
  ['samples/transcripts/forum-reset-then-mfa-abandoned.md', 'transcript', 5,
    ['VBQ0gwBAVdf4Uq7Kx2Y9', '00Kd3Jf8Hs1Lq6Wp9Zx2Cv5Bn7Mm0Aa4Ss8Dd2Ff', "St Mary's", 'Harbour-Light-62', '00Tq8Ry2Ue5Io9Pa3Sd7Fg1Hj4Kl6Zx0Cv2Bn8Mm']],
  ['test/fixtures/transcripts/devforum-curl.md', 'curl', 6,
    ['not-a-real-secret', Buffer.from('svc-recovery:not-a-real-secret').toString('base64'), 'PWPWPW']],
  ['test/fixtures/transcripts/devforum-http.md', 'http', 6, ['00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd', 'PWPWPW']],
  ['test/fixtures/transcripts/http-varied.txt', 'http', 5, ['Tr0ub4dor&3x', '00Fq3mB7kRzT1xw9YvLhN2cP8sDgEa4uJ6oQiKt5W', '482913']],
];

describe('text evidence through the real import pipeline', () => {
  it.each(CASES)('%s is detected as %s, stored as %i exchanges, with no clear secret in the SQLite file', async (path, kind, count, secrets) => {
    const source = await openSource(path);
    expect(source.kind).toBe(kind);
    const db = join(tempDir(), 'evidence.db');
    const store = openStore(db);
    const result = await ingestSource(store, source);
    expect(result.exchanges).toBe(count);
    const stored = store.exchanges([result.captureId]);
    expect(stored.map((e) => e.sourceRef)).toEqual(stored.map((e) => expect.stringMatching(new RegExp(`^${path.replace(/[.]/g, '\\.')}:\\d+$`))));
    store.close();
    const bytes = [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(bytes.includes(secret), `${secret} stored in clear`).toBe(false);
  });

  it('imports the same transcript only once, by content hash', async () => {
    const store = openStore(join(tempDir(), 'twice.db'));
    const first = await ingestSource(store, await openSource('test/fixtures/transcripts/thread-twice.md'));
    const second = await ingestSource(store, await openSource('test/fixtures/transcripts/thread-twice.md'));
    expect(first.exchanges).toBe(12);
    expect(second.duplicateOf).toBe(first.captureId);
    expect(store.exchanges([first.captureId]).map((e) => e.group)).toEqual([...Array(6).fill('t1'), ...Array(6).fill('t2')]);
    store.close();
  });
});

import { statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/store.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

describe('store', () => {
  it('creates the database file with mode 0600, WAL mode and the current schema version', async () => {
    const path = join(tempDir(), 'a.db');
    const store = openStore(path);
    await ingestRaw(store, [post('/api/v1/authn', { username: 'a@b.c', password: 'Secret123!' }, 200, { status: 'SUCCESS', sessionToken: 'abcdefghijkl' })]);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    store.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}.key`).mode & 0o777).toBe(0o600);
  });

  it('keeps exchanges across reopening and reads them back in order', async () => {
    const path = join(tempDir(), 'b.db');
    const store = openStore(path);
    const id = await ingestRaw(store, [
      post('/api/v1/authn/recovery/password', { username: 'a@b.c' }, 200, { status: 'RECOVERY' }),
      post('/api/v1/authn/recovery/token', { recoveryToken: 'x' }, 403, { errorCode: 'E0000105' }),
    ]);
    store.close();
    const again = openStore(path);
    const exchanges = again.exchanges([id]);
    expect(exchanges.map((e) => [e.seq, e.responseStatus])).toEqual([[1, 200], [2, 403]]);
    expect(again.captures()).toHaveLength(1);
    expect(again.captures()[0].exchangeCount).toBe(2);
    again.close();
  });

  it('refuses a file that is not a database, and a directory, with a line naming it', () => {
    const dir = tempDir();
    const bogus = join(dir, 'notes.txt');
    writeFileSync(bogus, 'hello, this is not sqlite at all '.repeat(200));
    expect(() => openStore(bogus)).toThrow(/notes\.txt: not an authtrail database/);
    mkdirSync(join(dir, 'sub'));
    expect(() => openStore(join(dir, 'sub'))).toThrow(/sub: is a directory/);
  });

  it('rolls back a failed import entirely and removes a database it created', async () => {
    const path = join(tempDir(), 'c.db');
    const store = openStore(path);
    async function* failing() {
      yield post('/api/v1/authn', { username: 'u' }, 200, { status: 'SUCCESS' });
      throw new Error('damaged input');
    }
    await ingestRaw(store, [post('/api/v1/authn', { username: 'u' }, 401, { errorCode: 'E0000004' })]);
    const before = store.captures().length;
    const { ingestSource } = await import('../../src/ingest/pipeline.js');
    await expect(
      ingestSource(store, { kind: 'har', file: 'x.har', contentHash: 'h-fail', exchanges: failing(), report: { unit: 'entries', found: 0, imported: 0, outside: 0, warnings: [] } }),
    ).rejects.toThrow('damaged input');
    expect(store.captures().length).toBe(before);
    expect(store.exchanges().filter((e) => e.sourceKind === 'har')).toHaveLength(0);
    store.close();

    const fresh = join(tempDir(), 'fresh.db');
    const s2 = openStore(fresh);
    await expect(
      ingestSource(s2, { kind: 'har', file: 'x.har', contentHash: 'h2', exchanges: failing(), report: { unit: 'entries', found: 0, imported: 0, outside: 0, warnings: [] } }),
    ).rejects.toThrow();
    s2.discardIfEmpty();
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(`${fresh}-wal`)).toBe(false);
  });

  it('does not import the same content twice unless forced', async () => {
    const store = openStore(':memory:');
    const { ingestSource } = await import('../../src/ingest/pipeline.js');
    const source = () => ({
      kind: 'transcript' as const,
      file: 't.md',
      contentHash: 'same',
      exchanges: [post('/api/v1/authn', { username: 'u' }, 200, { status: 'MFA_REQUIRED', stateToken: '00abcdefghijklmnop' })],
      report: { unit: 'steps', found: 1, imported: 1, outside: 0, warnings: [] },
    });
    const first = await ingestSource(store, source());
    const second = await ingestSource(store, source());
    expect(second.duplicateOf).toBe(first.captureId);
    expect(store.captures()).toHaveLength(1);
    const forced = await ingestSource(store, source(), { force: true });
    expect(forced.captureId).not.toBe(first.captureId);
    expect(store.captures()).toHaveLength(2);
  });
});

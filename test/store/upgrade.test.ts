import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { ingestRaw, join, post, tempDir } from '../helpers/flow.js';

describe('a database from an older authtrail', () => {
  it('is upgraded in place on first use, saying so once on stderr, with its captures intact', async () => {
    const path = join(tempDir(), 'old.db');
    const store = openStore(path);
    await ingestRaw(store, [post('/api/v1/authn', { username: 'a@b.c', password: 'Secret123!' }, 200, { status: 'SUCCESS', sessionToken: 'abcdefghijkl' })]);
    // What schema version 3 left: no index by group, no captures.incomplete, unread_exposures or unread_units.
    store.db.exec(`DROP INDEX exchanges_group; ALTER TABLE captures DROP COLUMN incomplete; ALTER TABLE captures DROP COLUMN unread_exposures; ALTER TABLE captures DROP COLUMN unread_units; PRAGMA user_version = ${MIGRATIONS.length - 4}`);
    store.close();

    const first = await runCli('captures', '--db', path);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`${path}: updating the database from schema version ${MIGRATIONS.length - 4} to ${MIGRATIONS.length}`);
    expect(first.stdout).toMatch(/transcript/);
    const again = await runCli('captures', '--db', path);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(first.stdout);

    const upgraded = openStore(path);
    expect(upgraded.schemaVersion).toBe(MIGRATIONS.length);
    expect(upgraded.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'exchanges_group'").get()).toBeDefined();
    expect(upgraded.db.prepare("SELECT name FROM pragma_table_info('captures') WHERE name = 'incomplete'").get()).toBeDefined();
    expect(upgraded.db.prepare("SELECT name FROM pragma_table_info('captures') WHERE name = 'unread_exposures'").get()).toBeDefined();
    upgraded.close();
  });

  it('says nothing when it creates a new database', async () => {
    const run = await runCli('import', join(import.meta.dirname, '..', '..', 'samples', 'okta-devforum-recovery-mfa.md'), '--db', join(tempDir(), 'new.db'));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/capture 1:/);
    expect(run.stderr).not.toMatch(/updating the database/);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

const PASTE = 'POST /api/v1/authn\n{"username":"a@b.c","password":"Secret123!"}\n\nHTTP/1.1 200 OK\n{"status":"SUCCESS","sessionToken":"abcdefghijklmnop"}\n';

describe('authtrail captures', () => {
  it('keeps the file name of a long path in the table (its start is cut), and the whole path in --format json', async () => {
    const dir = join(tempDir(), 'a-rather-long-directory-name-for-tickets', 'customer-acme-corp-2026-12', 'okta');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'recovery-flow-paste.md');
    writeFileSync(file, PASTE);
    const db = join(tempDir(), 'c.db');
    expect((await runCli('import', file, '--db', db)).code).toBe(0);

    const table = await runCli('captures', '--db', db);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('…');
    expect(table.stdout).toContain('okta/recovery-flow-paste.md');
    const json = await runCli('captures', '--db', db, '--format', 'json');
    expect(JSON.parse(json.stdout)[0].file).toBe(file);
  });
});

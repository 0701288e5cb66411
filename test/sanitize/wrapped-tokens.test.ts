import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * A console that cuts a table's cell at its width (PowerShell's `Format-Table -Wrap`, a narrow window) puts a
 * token's head at a line's end and its rest under it on the next lines: no line holds the whole token, and no
 * name on the rest's lines says what it is. The readers may not know the token (the first view cut it with
 * `...`), so the head is masked by its shape and the rest by where it stands.
 */

const work = mkdtempSync(join(tmpdir(), 'authtrail-wrapped-tokens-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STATE = '00WrApPeDsTaTeToKeNabcdefghij0123456789QRSTUV';
const SESSION = '20111Wr4pp3dS3ss10nT0k3nXyZ0987654321';

/** `text` cut into `width`-character pieces, the first after `lead`, the rest under it. */
function wrapped(lead: string, token: string, width: number): string[] {
  const pieces = token.match(new RegExp(`.{1,${width}}`, 'g'))!;
  return pieces.map((p, i) => (i === 0 ? lead : ' '.repeat(lead.length)) + p);
}

async function sanitized(name: string, text: string): Promise<{ out: string; stderr: string }> {
  const input = join(work, name);
  writeFileSync(input, text);
  const output = join(work, `${name}.safe.txt`);
  const run = await runCli('sanitize', input, '-o', output);
  expect(run.code, run.stderr).toBe(0);
  const recheck = await runCli('sanitize', '--check', output);
  expect(recheck.code, recheck.stdout).toBe(0);
  return { out: readFileSync(output, 'utf8'), stderr: run.stderr };
}

/** Every piece of 6 characters or more of `token` that `text` still holds. */
function leftOf(token: string, text: string): string[] {
  const left: string[] = [];
  for (let i = 0; i + 6 <= token.length; i++) if (text.includes(token.slice(i, i + 6))) left.push(token.slice(i, i + 6));
  return left;
}

describe('sanitize: a token a console wrapped at a column', () => {
  it.each([
    ['two lines (Windows PowerShell 5, LF)', '\n', 33],
    ['three lines (a narrower column), CRLF', '\r\n', 20],
    ['four lines', '\n', 12],
  ])('Format-Table -Wrap over %s: no piece of it is left', async (_name, eol, width) => {
    const lines = ['PS C:\\> $r | Format-Table status, stateToken -Wrap', '', 'status       stateToken', '------       ----------', ...wrapped('MFA_REQUIRED ', STATE, width), '', ''];
    const { out } = await sanitized(`wrap-${width}.txt`, lines.join(eol));
    expect(leftOf(STATE.slice(2), out)).toEqual([]);
    expect(out).toContain('MFA_REQUIRED 00WrAp****#');
    expect(out).toContain(`${' '.repeat(13)}[redacted token part]${eol}`);
    // The lines around are kept as they were.
    expect(out.startsWith(['PS C:\\> $r | Format-Table status, stateToken -Wrap', '', 'status       stateToken', '------       ----------', ''].join(eol))).toBe(true);
  });

  it('a sessionToken cut in a column between others (its rest under it, the next cell after)', async () => {
    const [head, rest] = [SESSION.slice(0, 20), SESSION.slice(20)];
    const text = ['status  sessionToken', '------  ------------', `SUCCESS ${head}`, `        ${rest}`, ''].join('\n');
    const { out } = await sanitized('session.txt', text);
    expect(leftOf(SESSION.slice(5), out)).toEqual([]);
    expect(out).toContain('        [redacted token part]\n');
  });

  it('a user id or factor id ending a line, and words under it, are no token', async () => {
    const text = ['id                   status', '--                   ------', 'login                00u4aj33rsxULOM5i1d7', '                     ACTIVE', ''].join('\n');
    const input = join(work, 'ids.txt');
    writeFileSync(input, text);
    const output = join(work, 'ids.safe.txt');
    expect((await runCli('sanitize', input, '-o', output)).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(text);
  });
});

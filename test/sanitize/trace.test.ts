import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';

/**
 * curl's --trace-ascii and --trace dumps cut a value at the row's width (64 characters, 16 bytes): sanitize must
 * mask each part of a secret, in the text and in the hex, not only a value a row holds whole.
 */
const PASTES = 'test/fixtures/transcripts/pastes';
const SECRETS = ['TraceAsciiPw!7-long-enough-to-wrap-the-64-char-line', '00Tr4ceStateT0kenPlanted0123456789abcdefg', '20111Tr4ceSessi0nT0kenPlanted', '918273'];

/** Every piece of `secret` of `n` characters, as text and as a hex dump spells it (`54 72 61 …`). */
function pieces(secret: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= secret.length; i++) {
    const piece = secret.slice(i, i + n);
    out.push(piece, [...Buffer.from(piece)].map((b) => b.toString(16).padStart(2, '0')).join(' '));
  }
  return out;
}

/** What curl --trace-ascii writes for `bytes` (lib/curl_trc.c, nohex): 64 per row, a CRLF or LF ends a row and is not shown. */
function traceAscii(label: string, bytes: string): string {
  const rows = [`${label}, ${Buffer.byteLength(bytes)} bytes (0x${Buffer.byteLength(bytes).toString(16)})`];
  for (let i = 0; i < bytes.length; ) {
    let c = 0;
    let text = '';
    let step = 0;
    for (; c < 64 && i + c < bytes.length; c++) {
      if (bytes[i + c] === '\r' && bytes[i + c + 1] === '\n') {
        step = 2;
        break;
      }
      if (bytes[i + c] === '\n') {
        step = 1;
        break;
      }
      text += bytes[i + c];
    }
    rows.push(`${i.toString(16).padStart(4, '0')}: ${text}`);
    i += c + step;
  }
  return rows.join('\n');
}

describe("sanitize on curl's trace dumps", () => {
  const dir = tempDir();
  const key = join(dir, 'k');

  it.each(['87-curl-trace-ascii.txt', '88-curl-trace-hex.txt'])('%s: no piece of 7 characters of a secret is left, in text or hex', async (name) => {
    const out = join(dir, `${name}.clean`);
    const run = await runCli('sanitize', `${PASTES}/${name}`, '-o', out, '--key', key);
    expect(run.code, run.stderr).toBe(0);
    const clean = readFileSync(out, 'utf8');
    const original = readFileSync(`${PASTES}/${name}`, 'utf8');
    const planted = SECRETS.filter((s) => original.includes(s.slice(0, 12)) || original.includes(pieces(s, 12)[1]!));
    expect(planted.length).toBeGreaterThan(0);
    for (const secret of planted) for (const piece of pieces(secret, 7)) expect(clean, `${secret}: ${piece}`).not.toContain(piece);
    // The dump keeps its shape: every row still starts with its offset.
    expect(clean.split('\n').filter((l) => /^[0-9a-f]{4}: /.test(l)).length).toBe(original.split('\n').filter((l) => /^[0-9a-f]{4}: /.test(l)).length);
  });

  it('masks an id_token that runs over several --trace-ascii rows, and reads the exchange', async () => {
    const idToken = `eyJraWQiOiJQbGFudGVkIn0.${'eyJzdWIiOiIwMHUxYWIiLCJub25jZSI6IlBsYW50ZWQifQ'.repeat(4)}.SiGnAtUrEpLaNtEdAcRoSsRoWs${'x9'.repeat(40)}`;
    const request = 'POST /oauth2/default/v1/token HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n';
    const form = 'grant_type=authorization_code&code=PlantedAuthCode123&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb&code_verifier=PlantedVerifier0123456789abcdefghijklmnopq';
    const body = JSON.stringify({ token_type: 'Bearer', expires_in: 3600, id_token: idToken, scope: 'openid' });
    const response = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n`;
    const file = join(dir, 'token-trace.txt');
    writeFileSync(file, [traceAscii('=> Send header', request), traceAscii('=> Send data', form), traceAscii('<= Recv header', response), traceAscii('<= Recv data', body), ''].join('\n'));
    const imported = await runCli('analyze', file, '--db', ':memory:', '--format', 'json');
    expect(JSON.parse(imported.stdout).transactions[0].steps[0].path).toBe('/oauth2/default/v1/token');
    const out = join(dir, 'token-trace.clean');
    expect((await runCli('sanitize', file, '-o', out, '--key', key)).code).toBe(0);
    const clean = readFileSync(out, 'utf8');
    for (const secret of [idToken.split('.')[1]!.slice(0, 60), 'SiGnAtUrEpLaNtEd', 'x9x9x9x9x9x9x9x9', 'PlantedAuthCode123', 'PlantedVerifier0123']) expect(clean).not.toContain(secret);
  });
});

describe('sanitize on wire logs whose body came in two pieces', () => {
  it("masks a sessionToken a Ruby Net::HTTP read split between two `->` pieces, on both", async () => {
    const dir = tempDir();
    const dump = (d: string, t: string) => `${d} "${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
    const token = '20111SplitAcrossPiecesPlanted0123456789';
    const body = JSON.stringify({ status: 'SUCCESS', sessionToken: token, expiresAt: '2024-03-01T10:05:00.000Z' });
    const at = body.indexOf(token) + 9;
    const file = join(dir, 'split.txt');
    writeFileSync(file, [
      dump('<-', 'POST /api/v1/authn HTTP/1.1\r\nHost: dev-1.okta.com\r\nContent-Type: application/json\r\n\r\n'),
      dump('<-', '{"username":"a@b.com","password":"SplitPw12345"}'),
      dump('->', `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`),
      `reading ${body.length} bytes...`,
      dump('->', body.slice(0, at)),
      dump('->', body.slice(at)),
      `read ${body.length} bytes`,
      '',
    ].join('\n'));
    const out = join(dir, 'split.clean');
    expect((await runCli('sanitize', file, '-o', out, '--key', join(dir, 'k'))).code).toBe(0);
    const clean = readFileSync(out, 'utf8');
    for (const piece of pieces(token, 7)) expect(clean).not.toContain(piece);
    expect(clean).not.toContain('SplitPw12345');
    expect(clean.match(/\[redacted sessionToken part\]/g)).toHaveLength(2);
  });
});

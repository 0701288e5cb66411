import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeJson, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/flow.js';
import { CASES, type Case } from './cases.js';
import { curlOf, harOf, httpOf, transcriptOf } from './render.js';

const FORMATS = {
  har: { ext: 'har', render: harOf, applies: (c: Case) => Boolean(c.exchange) },
  transcript: { ext: 'md', render: transcriptOf, applies: (c: Case) => Boolean(c.text?.transcript) || (Boolean(c.exchange) && !c.harOnly && !c.exchange!.reqHeaders?.length && !c.exchange!.resHeaders?.length) },
  curl: { ext: 'md', render: curlOf, applies: (c: Case) => Boolean(c.text?.curl) || (Boolean(c.exchange) && !c.harOnly) },
  // The raw HTTP reader keeps no multipart body (CRLF parts inside a fenced message): that shape is covered in HAR and curl.
  http: { ext: 'md', render: httpOf, applies: (c: Case) => Boolean(c.text?.http) || (Boolean(c.exchange) && !c.harOnly && !c.id.startsWith('multipart')) },
} as const;

/** Every file below `paths`, as text, with each base64 run decoded beside it (an encoded body still leaks). */
function haystack(paths: string[]): string {
  const parts: string[] = [];
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) return readdirSync(p).forEach((f) => visit(join(p, f)));
    const text = readFileSync(p).toString('latin1');
    parts.push(text);
    for (const run of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) parts.push(Buffer.from(run, 'base64').toString('latin1'));
  };
  paths.forEach(visit);
  return parts.join('\n');
}

const forms = (needle: string) => [needle, encodeURIComponent(needle), needle.replace(/ /g, '+')];
const leaked = (hay: string, cases: Case[]) => cases.filter((c) => forms(c.needle).some((f) => hay.includes(f))).map((c) => c.id);

describe.each(Object.entries(FORMATS))('planted secrets in %s', (format, spec) => {
  const cases = CASES.filter(spec.applies);
  const dir = tempDir();
  const input = join(dir, `planted.${spec.ext}`);
  writeFileSync(input, spec.render(cases));
  const db = join(dir, 'out.db');

  it(`imports, exports, reports, analyzes and sanitizes ${cases.length} planted secrets without one in clear`, async () => {
    const imported = await runCli('import', input, '--db', db, '--format', format);
    expect(imported.code, imported.stderr).toBe(0);
    const outputs = [db, `${db}-wal`, `${db}-shm`, join(dir, 'export.har'), join(dir, 'bundle'), join(dir, 'sanitized')];
    expect((await runCli('export', 'har', '--db', db, '-o', join(dir, 'export.har'))).code).toBe(0);
    const report = await runCli('report', '--db', db, '--out', join(dir, 'bundle'));
    expect(report.code, report.stderr).toBeLessThanOrEqual(1);
    const printed: string[] = [imported.stdout, imported.stderr, report.stdout, report.stderr];
    for (const f of ['table', 'json', 'markdown', 'jira', 'html', 'mermaid']) {
      const run = await runCli('analyze', '--db', db, '--format', f);
      expect(run.code, run.stderr).toBeLessThanOrEqual(1);
      printed.push(run.stdout, run.stderr);
    }
    const sanitized = await runCli('sanitize', input, '-o', join(dir, 'sanitized'), '--key', join(dir, 'sanitize.key'));
    expect(sanitized.code, sanitized.stderr).toBe(0);
    const check = await runCli('sanitize', '--check', join(dir, 'sanitized'));
    printed.push(sanitized.stdout, sanitized.stderr, check.stdout, check.stderr);
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
    const where = [...outputs.map((o) => [o, haystack([o])]), ['printed', printed.join('\n')]].flatMap(([name, hay]) => leaked(hay, cases).map((id) => `${id} in ${name.replace(dir, '')}`));
    expect(where.join('\n')).toBe('');
  });

  it('finds every planted secret with --raw (the control)', async () => {
    const rawDb = join(dir, 'raw.db');
    const imported = await runCli('import', input, '--db', rawDb, '--format', format, '--raw');
    expect(imported.code, imported.stderr).toBe(0);
    const stored = haystack([rawDb, `${rawDb}-wal`]);
    const source = haystack([input]);
    const imported_ = cases.filter((c) => !c.textOnly);
    expect(imported_.filter((c) => !leaked(stored, [c]).length).map((c) => c.id)).toEqual([]);
    expect(leaked(source, cases)).toEqual(cases.map((c) => c.id));
  });
});

describe('planted secrets: the table', () => {
  it('holds at least 60 distinct secrets across the formats', () => {
    expect(new Set(CASES.map((c) => c.needle)).size).toBeGreaterThanOrEqual(60);
  });
});

describe('secret-exposed and sanitize --check agree (one detector)', () => {
  it('every kind --check lists raises one secret-exposed finding; the sanitized copy raises none above info', async () => {
    const dir = tempDir();
    const input = join(dir, 'planted.har');
    writeFileSync(input, harOf(CASES.filter((c) => c.exchange && !c.textOnly)));
    const check = await runCli('sanitize', '--check', input, '--limit', '0');
    expect(check.code).toBe(1);
    expect(check.stdout).not.toMatch(/more/);
    // `file: entries[3] request.body password (path)`, one line per place, then a summary line.
    const listed = new Set(check.stdout.trim().split('\n').map((l) => /^\S+: \S+ \S+ (\S+)/.exec(l)?.[1]?.toLowerCase()).filter(Boolean));
    const { json } = await analyzeJson(input, '--db', join(dir, 'a.db'));
    const kinds = json.findings.filter((f: any) => f.rule === 'secret-exposed' && f.evidence.field).map((f: any) => f.evidence.field.toLowerCase());
    expect(new Set(kinds)).toEqual(listed);
    expect(kinds.length).toBe(listed.size);
    const clean = join(dir, 'clean.har');
    expect((await runCli('sanitize', input, '-o', clean, '--key', join(dir, 'k'))).code).toBe(0);
    expect((await runCli('sanitize', '--check', clean)).code).toBe(0);
    const again = await analyzeJson(clean, '--db', join(dir, 'b.db'));
    // The sanitized copy carries what the clear file taught in _authtrail (so it analyzes the same) but holds no secret.
    expect(again.json.findings.filter((f: any) => f.rule === 'secret-exposed' && f.messageId === 'identifierUnmasked')).toEqual([]);
  });
});

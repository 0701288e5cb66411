import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analyze/rules.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const list = (dir: string, ext: string) => readdirSync(new URL(dir, root)).filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length));

/** The catalog of okta-authn.md section 6: ids are fixed. */
const CATALOG = [
  'password-committed-before-mfa', 'password-changed-during-mfa', 'password-changed-regressed', 'password-changed-without-call',
  'state-token-rotated', 'stale-state-token', 'expired-state-token', 'premature-invalidation', 'expires-at-regressed',
  'timeline-inconsistent', 'illegal-transition', 'unexpected-outcome', 'password-reset-without-proof', 'user-switch',
  'identity-mismatch', 'success-shape', 'recovery-token-to-public', 'recovery-token-reuse', 'factor-mismatch',
  'push-after-terminal', 'brute-force', 'unpublished-link', 'skip-not-offered', 'recovery-type-changed',
  'policy-violation-accepted', 'secret-exposed', 'unknown-status', 'concurrent-operations',
  // OAuth 2.0 / OIDC (okta-idx.md section 4).
  'authorization-code-expired', 'authorization-code-reuse', 'client-secret-auth', 'implicit-flow', 'issuer-missing', 'nonce-missing', 'nonce-not-echoed', 'password-grant', 'pkce-downgrade', 'pkce-missing', 'pkce-plain', 'pkce-verifier-format', 'pkce-verifier-mismatch', 'redirect-307-after-post', 'redirect-uri-mismatch', 'refresh-token-reuse', 'state-missing', 'state-not-echoed', 'token-in-url',
  // SAML (okta-idx.md section 3).
  'saml-unknown-request', 'saml-assertion-expired', 'saml-destination-mismatch',
];

/** The Identity Engine rules of okta-idx.md section 2, IDX-01 … IDX-18 in catalog order, by their ids. */
const IDX_CATALOG = [
  'idx-reset-without-verification', 'idx-reset-committed-before-mfa', 'idx-remediation-not-offered', 'idx-immutable-field-changed',
  'idx-handle-after-end', 'idx-stale-handle', 'idx-expired-handle', 'idx-interaction-code-reuse', 'idx-interaction-code-late',
  'idx-pkce-missing', 'idx-interaction-code-unknown', 'idx-callback-state-mismatch', 'idx-credential-guessing', 'idx-otp-reused',
  'idx-poll-too-fast', 'idx-engine-mixing', 'idx-device-step-up', 'idx-success-redirect-reuse',
];

const ids = RULES.map((r) => r.meta.id);

describe('rule parity', () => {
  it('the registry holds exactly the catalog, sorted, without duplicates', () => {
    expect([...ids].sort()).toEqual([...CATALOG, ...IDX_CATALOG].sort());
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every rule file is registered and every registered rule has its file', () => {
    const files = readdirSync(new URL('src/protocols/', root)).flatMap((p) => (existsSync(new URL(`src/protocols/${p}/rules/`, root)) ? list(`src/protocols/${p}/rules/`, '.ts').filter((f) => f !== 'index') : []));
    expect(files.sort()).toEqual([...ids].sort());
  });

  it('every rule has a test table and every test table names a rule', () => {
    expect(list('test/rules/', '.test.ts').sort()).toEqual([...ids].sort());
  });

  it('every rule has a page and every page names a rule', () => {
    expect(list('docs/rules/', '.md').sort()).toEqual([...ids].sort());
  });

  for (const rule of RULES) {
    it(`${rule.meta.id}: metadata, docs link and page agree`, () => {
      const { meta } = rule;
      expect(meta.docs).toBe(`docs/rules/${meta.id}.md`);
      expect(meta.summary.length).toBeGreaterThan(20);
      expect(meta.rationale.length).toBeGreaterThan(40);
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
      const page = read(meta.docs);
      expect(page.startsWith(`# ${meta.id}\n`)).toBe(true);
      expect(page).toContain(`**Default severity:** \`${meta.severity}\``);
      for (const heading of ['## What it detects', '## Why it matters', '## Does Okta document it?', '## Example timeline', '## What to do']) expect(page).toContain(heading);
      expect(page).toMatch(/developer\.okta\.com\/docs\/reference/);
      // Rules resting on inferred behaviour are on by default at a low severity at most, and say so.
      if (meta.basis === 'inferred') {
        expect(['info', 'low']).toContain(meta.severity);
        expect(page.toLowerCase()).toContain('inferred');
      }
      const test = read(`test/rules/${meta.id}.test.ts`);
      expect(test).toContain('ruleTester(');
      // Every message a rule can produce is expected by at least one invalid case.
      for (const messageId of Object.keys(meta.messages)) expect(test, `${meta.id} test covers ${messageId}`).toContain(`messageId: '${messageId}'`);
    });
  }

  it('the README rules section lists every rule with its default severity', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('<!-- section:rules -->'), readme.indexOf('<!-- /section:rules -->'));
    for (const { meta } of RULES) expect(section).toContain(`| \`${meta.id}\` | ${meta.severity} | ${meta.summary} |`);
  });

  it('docs and tests name no rule that does not exist', () => {
    const known = new Set(ids);
    for (const file of list('docs/rules/', '.md')) {
      for (const m of read(`docs/rules/${file}.md`).matchAll(/`([a-z]+(?:-[a-z]+){1,4})`/g)) {
        if (/^(password|state|recovery|push|skip|user|identity|success|factor|brute|unknown|concurrent|expired|expires|premature|timeline|illegal|unexpected|unpublished|policy|secret|stale)-/.test(m[1]) && !known.has(m[1])) {
          throw new Error(`docs/rules/${file}.md names \`${m[1]}\`, which is not a rule`);
        }
      }
    }
    expect(existsSync(new URL('docs/rules/', root))).toBe(true);
  });
});

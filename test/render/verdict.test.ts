import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model/verdict.js';
import { analyzeJson, runCli } from '../helpers/cli.js';

const verdictOf = async (file: string) => ((await analyzeJson('--db', ':memory:', file)).json as { verdict: Verdict }).verdict;
const rulesIn = (items: Verdict['documented']) => items.flatMap((i) => i.rules);

describe('the verdict', () => {
  it('on the devforum sample: the documented edge explains it, the evidence mixes attempts and exposes secrets', async () => {
    const v = await verdictOf('samples/okta-devforum-recovery-mfa.md');
    expect(rulesIn(v.documented)).toEqual(['password-committed-before-mfa']);
    expect(v.documented[0].text).toContain('the reset commits the password and MFA gates only the session');
    // The one departure sits on a step that comes from another attempt: listed, but it cannot decide the answer.
    expect(v.departures.map((d) => [d.rules[0], d.steps, d.unconfirmed])).toEqual([['policy-violation-accepted', [4], true]]);
    expect(v.departures[0].values).toContain('minLength');
    expect(v.evidence.map((i) => i.rules)).toEqual([
      ['password-changed-regressed', 'timeline-inconsistent', 'expires-at-regressed', 'identity-mismatch'],
      ['secret-exposed'],
      ['secret-exposed'],
    ]);
    expect(v.evidence[0]).toMatchObject({ transaction: '1.1', steps: [4, 5], action: expect.stringContaining('authtrail record') });
    // The two secrets, in the order their findings come (one secret-exposed finding per kind): rotate, sanitize.
    expect(v.evidence[1].text).toMatch(/^(?=.*\bnewPassword\b)(?=.*\bpassCode\b)[\w ,]+ in clear at steps 4, 6 of 1\.1$/);
    expect(v.evidence[1].action).toBe('rotate them, `authtrail sanitize` before posting');
    // The user id the poster masked everywhere but step 4: nothing to rotate, and sanitize keeps ids.
    expect(v.evidence[2]).toMatchObject({ text: 'user id unmasked at step 4 of 1.1', action: 'the rest of the evidence masks it; mask it in the original post too' });
    expect(v.answer).toBe('not an Okta bug (documented behaviour); the evidence mixes attempts and exposes secrets.');
  });

  it('on a documented-only flow (MFA abandoned after the reset): explained, nothing departs, the evidence is sound', async () => {
    const v = await verdictOf('test/fixtures/scenarios/abandoned-mfa-after-reset/transcript.md');
    expect(rulesIn(v.documented)).toEqual(['password-committed-before-mfa']);
    expect(v.departures).toEqual([]);
    expect(v.evidence).toEqual([]);
    expect(v.answer).toBe('not an Okta bug (documented behaviour).');
  });

  it('on an undocumented edge (reset_password accepted in MFA_REQUIRED): a departure with its step and values', async () => {
    const v = await verdictOf('test/fixtures/scenarios/illegal-reset-in-mfa/transcript.md');
    expect(v.documented).toEqual([]);
    expect(v.departures).toHaveLength(1);
    expect(v.departures[0]).toMatchObject({ rules: ['illegal-transition'], transaction: '1.1', steps: [2] });
    expect(v.departures[0].values).toContain('statusBefore: MFA_REQUIRED');
    // What was seen in the finding's words, one sentence: the terminal's departure line quotes it, not the values.
    expect(v.departures[0].seen).toMatch(/^credentials\.reset_password is not allowed in MFA_REQUIRED \(allowed there: .*\), yet Okta .*\.$/);
    expect(v.departures[0].seen).not.toMatch(/\.\s+[A-Z]/);
    const table = (await runCli('analyze', '--db', ':memory:', 'test/fixtures/scenarios/illegal-reset-in-mfa/transcript.md')).stdout.replace(/\n {2}/g, ' ');
    expect(table).toContain(`Departs from Okta's docs: illegal-transition at step 2 of 1.1: ${v.departures[0].seen!.split(' ').slice(0, 6).join(' ')}`);
    expect(v.departures[0].unconfirmed).toBeUndefined();
    expect(v.evidence).toEqual([]);
    expect(v.answer).toMatch(/^possibly an Okta bug or an unseen policy: 1 departure from documented behaviour \(illegal-transition\)\.$/);
  });

  it("on a client's misuse (an OAuth password grant Okta refused): a client problem, no departure of Okta's", async () => {
    const v = await verdictOf('test/fixtures/scenarios/oauth-password-grant/transcript.md');
    expect(v.departures).toEqual([]);
    expect(rulesIn(v.client ?? [])).toEqual(['password-grant']);
    expect(v.answer).toMatch(/^not an Okta bug: the client does what the docs forbid or advise against \(password-grant\)/);
    expect(v.answer).not.toMatch(/possibly an Okta bug/);
    const text = await runCli('analyze', '--db', ':memory:', 'test/fixtures/scenarios/oauth-password-grant/transcript.md');
    expect(text.stdout).toMatch(/^Client problems \(not Okta\): password-grant at step 1 of 1\.1/m);
    expect(text.stdout).toMatch(/^Departs from Okta's docs: none$/m);
  });

  it('a misuse Okta refused as documented is the client\'s; the same misuse Okta accepted stays a departure', async () => {
    const refused = await analyzeJson('--db', ':memory:', 'test/fixtures/scenarios/stale-token-after-rotation/transcript.md');
    expect(refused.json.findings.find((f: { rule: string }) => f.rule === 'stale-state-token')).toMatchObject({ subject: 'client' });
    expect(rulesIn(refused.json.verdict.client ?? [])).toContain('stale-state-token');
    expect(refused.json.verdict.departures).toEqual([]);
    expect(refused.json.verdict.answer).toMatch(/^not an Okta bug: the client does what the docs forbid or advise against \(stale-state-token\)/);
    const accepted = await verdictOf('test/fixtures/scenarios/skip-without-link/transcript.md');
    expect(rulesIn(accepted.departures)).toEqual(['skip-not-offered']);
    expect(accepted.client).toBeUndefined();
    expect(accepted.answer).toMatch(/^possibly an Okta bug or an unseen policy: 1 departure from documented behaviour \(skip-not-offered\)/);
  });

  it('requests the evidence shows no response to: named, and the answer does not claim they matched', async () => {
    const v = await verdictOf('test/fixtures/transcripts/unanswered/curl-no-output.md');
    expect(v.departures).toEqual([]);
    expect(v.evidence.map((i) => i.text)).toContain("1 request has no response in the evidence: only its HTTP status, a page that is not Okta's JSON (a gateway's, proxy's or outage's HTML error page), or a failure on the way (its step names the error): no rule could judge it");
    expect(v.evidence.find((i) => i.text.startsWith('1 request'))!.action).toContain('authtrail record');
    expect(v.answer).toMatch(/^cannot tell from this evidence: what Okta answered to 1 request is not shown; nothing else departs from Okta's documented behaviour; the evidence exposes secrets\.$/);
    // With the response pasted, the same flow is judged.
    const answered = await verdictOf('test/fixtures/transcripts/pastes/39-httpie.txt');
    expect(answered.answer).not.toMatch(/cannot tell/);
    expect(answered.evidence.map((i) => i.text).join(' ')).not.toMatch(/no response/);
  });

  it('authn responses known only by their HTTP status (a log without bodies): not judged, and the answer says so', async () => {
    // Spring's RestTemplate logs "Response 200 OK" and no body: the status Okta answered is not in the evidence.
    const v = await verdictOf('test/fixtures/transcripts/pastes/64-spring-resttemplate-debug.txt');
    expect(v.evidence.map((i) => i.text)).toContain("2 requests have no response in the evidence: only its HTTP status, a page that is not Okta's JSON (a gateway's, proxy's or outage's HTML error page), or a failure on the way (its step names the error): no rule could judge them");
    expect(v.answer).toMatch(/^cannot tell from this evidence: what Okta answered to 2 requests is not shown; nothing else departs/);
  });

  it('a clean flow: nothing in any part', async () => {
    const v = await verdictOf('test/fixtures/scenarios/clean-sms-recovery/transcript.md');
    expect([v.documented, v.departures, v.evidence]).toEqual([[], [], []]);
    expect(v.answer).toBe('not an Okta bug: the flow matches the state machine Okta documents.');
  });

  it('`npm start` holds the three parts and the answer line in its first 12 lines', () => {
    const out = execFileSync('npm', ['start', '--silent'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    // npm's own banner (4 lines without --silent) still leaves the answer within 12.
    const lines = ['', '> authtrail@0.1.0 start', '> node bin/authtrail.js …', '', ...out.split('\n')].slice(0, 12);
    expect(lines.some((l) => l.startsWith('Documented by Okta: step 4 of 1.1'))).toBe(true);
    expect(lines.some((l) => l.startsWith("Departs from Okta's docs: policy-violation-accepted at step 4"))).toBe(true);
    expect(lines.some((l) => l.startsWith('Evidence problems: steps 4, 5 of 1.1 mix attempts'))).toBe(true);
    expect(lines).toContain('Answer: not an Okta bug (documented behaviour); the evidence mixes attempts and exposes secrets.');
  });

  it('every format puts the answer before the parts that ground it', async () => {
    const firstOf = (text: string, ...needles: string[]) => needles.map((n) => text.indexOf(n));
    for (const format of ['table', 'markdown', 'jira', 'html', 'mermaid']) {
      const run = await runCli('analyze', '--db', ':memory:', '--format', format, 'samples/okta-devforum-recovery-mfa.md');
      const [answer, documented, departs] = firstOf(run.stdout, 'Answer:', 'ocumented', 'epart');
      expect(answer, format).toBeGreaterThanOrEqual(0);
      expect(answer, format).toBeLessThan(documented);
      expect(answer, format).toBeLessThan(departs);
    }
    const table = await runCli('analyze', '--db', ':memory:', 'samples/okta-devforum-recovery-mfa.md');
    expect(table.stdout.split('\n')[0]).toBe('Answer: not an Okta bug (documented behaviour); the evidence mixes attempts and exposes secrets.');
  });

  it('markdown and jira open with the verdict', async () => {
    for (const format of ['markdown', 'jira']) {
      const run = await runCli('analyze', '--db', ':memory:', '--format', format, 'samples/okta-devforum-recovery-mfa.md');
      const head = run.stdout.split('\n').slice(0, 20).join('\n');
      expect(head).toMatch(/Verdict/);
      expect(head).toMatch(/Answer:\S* not an Okta bug/);
    }
  });

  it('mermaid opens with the verdict: its parts as comments, the answer and the summary line as the first note', async () => {
    const run = await runCli('analyze', '--db', ':memory:', '--format', 'mermaid', 'samples/okta-devforum-recovery-mfa.md');
    const lines = run.stdout.split('\n');
    const firstMessage = lines.findIndex((l) => l.includes('C->>O:'));
    const head = lines.slice(0, firstMessage);
    expect(head[0]).toBe('sequenceDiagram');
    expect(head).toContain("  %% What departs from Okta's documented behaviour (candidates for a bug):");
    expect(head).toContain('  %%   - newPassword, passCode in clear at steps 4, 6 of 1.1: rotate them, `authtrail sanitize` before posting');
    const note = head.find((l) => l.startsWith('  Note over C,O: Answer:'))!;
    expect(note.replace(/<br\/>/g, ' ')).toContain('not an Okta bug (documented behaviour)#59; the evidence mixes attempts and exposes secrets.');
    expect(note.replace(/<br\/>/g, ' ')).toContain('1 transaction, 6 steps, outcome SUCCESS#59; 10 findings:');
  });
});

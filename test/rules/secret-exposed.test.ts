import { secretExposed } from '../../src/protocols/evidence/rules/secret-exposed.js';
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { ruleTester, runCase, step } from '../helpers/rule-tester.js';
import { analyzeJson } from '../helpers/cli.js';
import { join, tempDir } from '../helpers/flow.js';
import { user } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const withUser = (id: string, stateToken: string) => ({ stateToken, expiresAt: E, status: 'MFA_CHALLENGE', _embedded: { user: user(undefined, { id }) } });

ruleTester(secretExposed, {
  valid: [
    {
      name: 'everything masked',
      steps: [step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****', passCode: '******' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8*****'))],
    },
    { name: 'relayState is a deep link, not a secret', steps: [step('/api/v1/authn', { username: 'a@b.com', password: '******', relayState: '/app/home/deep/link' }, 200, { status: 'SUCCESS', sessionToken: '20111*****' })] },
    {
      name: 'placeholders in calls no protocol reads are no secrets',
      steps: [
        step('/api/v1/authn', { username: 'a@b.com', password: '******' }, 200, { status: 'SUCCESS', sessionToken: '20111*****' }),
        step('/api/v1/sessions', { sessionToken: '{{sessionToken}}' }, 200, { id: '102abc', status: 'ACTIVE' }, { headers: { authorization: 'SSWS {{apiKey}}' } }),
        step('GET /api/v1/users/me', null, 200, { id: '00u1' }, { headers: { cookie: 'sid=********' } }),
        step('GET /api/v1/users/me', null, 200, { id: '00u1' }, { headers: { authorization: 'SSWS $OKTA_API_TOKEN' } }),
      ],
    },
    { name: 'a user id in clear everywhere is not a leak', steps: [step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSy*****' }, 200, withUser('00u4aj33rsxULOM5i1d7', '00WSy*****'))] },
  ],
  invalid: [
    {
      name: 'clear password and passCode',
      steps: [
        step('/api/v1/authn/credentials/reset_password', { stateToken: '00WSySIHd8o8*****', newPassword: 'PWPWPW' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8*****')),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****', passCode: '123123' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8*****')),
      ],
      findings: [
        { step: 1, messageId: 'secretInClear' },
        { step: 2, messageId: 'secretInClear' },
      ],
    },
    {
      name: 'one kind of secret in several requests is one finding at its first step',
      steps: [
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8AbCdEfGh' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8AbCdEfGh')),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8AbCdEfGh' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8AbCdEfGh')),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8AbCdEfGh' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8AbCdEfGh')),
      ],
      findings: [{ step: 1, messageId: 'secretInClear' }],
    },
    {
      name: 'a numeric passCode, an answer array and a secret-named header are secrets too',
      steps: [
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSy*****', passCode: 90817263 }, 200, withUser('00u4aj33rsx*********', '00WSy*****')),
        step('/api/v1/authn/recovery/answer', { stateToken: '00WSy*****', answer: ['blue'] }, 200, withUser('00u4aj33rsx*********', '00WSy*****'), { headers: { 'x-api-key': 'k3yk3yk3yk3y' } }),
      ],
      findings: [
        { step: 1, messageId: 'secretInClear' },
        { step: 2, messageId: 'secretInClear' },
        { step: 2, messageId: 'secretInClear' },
      ],
    },
    {
      name: 'user id unmasked where the rest masks it',
      steps: [
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8*****')),
        step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****' }, 200, withUser('00u4aj33rsxULOM5i1d7', '00WSySIHd8o8*****')),
      ],
      findings: [{ step: 2, messageId: 'identifierUnmasked' }],
    },
    {
      name: 'clear stateToken and SSWS key in a HAR-like exchange',
      steps: [step('/api/v1/authn/recovery/password', { username: 'isaac@example.org' }, 200, { status: 'RECOVERY', recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM' }, { headers: { authorization: 'SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD' } })],
      findings: [
        { step: 1, messageId: 'secretInClear' },
        { step: 1, messageId: 'secretInClear' },
      ],
    },
    {
      name: 'an API key and a session cookie in calls no protocol reads',
      steps: [
        step('/api/v1/authn', { username: 'a@b.com', password: '******' }, 200, { status: 'SUCCESS', sessionToken: '20111*****' }),
        step('/api/v1/sessions', { sessionToken: '20111*****' }, 200, { id: '102abc', status: 'ACTIVE' }, { headers: { authorization: 'SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD' } }),
        step('GET /api/v1/users/me', null, 200, { id: '00u1' }, { headers: { cookie: 'sid=102SessionIdSessionIdSess' } }),
        step('GET /api/v1/users/me', null, 200, { id: '00u1' }, { headers: { cookie: 'sid=102SessionIdSessionIdSess' } }),
      ],
      findings: [
        { tx: 0, step: null, messageId: 'secretInUnread' },
        { tx: 0, step: null, messageId: 'secretInUnread' },
      ],
    },
  ],
});

describe('secret-exposed output', () => {
  it('does not spread the identifier the poster masked elsewhere', async () => {
    const { findings } = await runCase(secretExposed, [
      step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****' }, 200, withUser('00u4aj33rsx*********', '00WSySIHd8o8*****')),
      step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSySIHd8o8*****' }, 200, withUser('00u4aj33rsxULOM5i1d7', '00WSySIHd8o8*****')),
    ]);
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain('ULOM5i1d7');
    expect(findings[0].message).toContain('00u4aj33rsx…');
  });
});

describe('secret-exposed counts', () => {
  it('says how many exchanges show the kind of secret, and where', async () => {
    const steps = [1, 2, 3].map(() => step('/api/v1/authn/factors/emf1/verify', { stateToken: '00WSy*****' }, 200, withUser('00u4aj33rsx*********', '00WSy*****'), { headers: { authorization: 'SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD' } }));
    const { findings } = await runCase(secretExposed, steps);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/authorization in clear in 3 exchanges \(request\.header;/);
    expect(findings[0].evidence).toMatchObject({ count: 3, places: ['request.header'] });
  });
});

describe('secret-exposed on lines of a paste that are not a call', () => {
  it('names the token of a config block once, with its line and no step (secretInText)', async () => {
    const dir = tempDir('authtrail-secret-text-');
    const path = join(dir, 'thread.md');
    writeFileSync(path, ['```yaml', 'okta:', '  client:', '    token: 00YamlTokenQuebec3b4c5d6e7f8g9h0i1j2k3l4m5n6', '```', '', "$ curl -s -X POST https://dev-1.okta.com/api/v1/authn -d '{\"username\":\"a@b.com\",\"password\":\"******\"}'", '{"status":"SUCCESS","sessionToken":"20111*****"}', ''].join('\n'));
    const { json } = await analyzeJson(path, '--db', ':memory:');
    const found = json.findings.filter((f: any) => f.rule === 'secret-exposed');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ transaction: null, step: null, messageId: 'secretInText', evidence: { field: 'token', lines: [`${path}:4`], analyzed: false } });
    expect(JSON.stringify(json)).not.toContain('QuebecQ3b4c5d6');
  });
});

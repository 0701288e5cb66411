import { recoveryTokenToPublic } from '../../src/protocols/okta-authn/rules/recovery-token-to-public.js';
import { ruleTester, step } from '../helpers/rule-tester.js';

const recovery = (headers: Record<string, string> | undefined, body: Record<string, unknown> = { status: 'RECOVERY', recoveryToken: 'VBQ0gwBp5LyJJFdbmWCM', expiresAt: '2024-03-01T11:00:00.000Z' }) =>
  step('/api/v1/authn/recovery/password', { username: 'isaac@example.org' }, 200, body, headers ? { headers } : {});

ruleTester(recoveryTokenToPublic, {
  valid: [
    { name: 'trusted app with SSWS', steps: [recovery({ 'content-type': 'application/json', authorization: 'SSWS 00abcdefghijklmnopqrstuvwxyz0123456789ABCD' })] },
    { name: 'headers unknown (pasted transcript)', steps: [recovery(undefined)] },
    { name: 'headers of a sanitized export (no Authorization or Cookie anywhere)', steps: [recovery({ 'content-type': 'application/json', origin: 'https://app.example.org' })] },
    { name: 'public app gets no recoveryToken', steps: [recovery({ 'content-type': 'application/json', cookie: 'DT=****' }, { status: 'RECOVERY_CHALLENGE', stateToken: '00aaaaaaaa1', factorResult: 'WAITING' })] },
  ],
  invalid: [
    {
      name: 'no Authorization header where the evidence keeps cookies',
      steps: [recovery({ 'content-type': 'application/json', origin: 'https://app.example.org', cookie: 'DT=****; JSESSIONID=****' })],
      findings: [{ step: 1, messageId: 'publicRecoveryToken' }],
    },
    { name: 'bearer token is not SSWS', steps: [recovery({ authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig' })], findings: [{ step: 1, messageId: 'publicRecoveryToken' }] },
  ],
});

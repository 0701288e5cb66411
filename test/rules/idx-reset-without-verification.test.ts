import { idxResetWithoutVerification } from '../../src/protocols/okta-idx/rules/idx-reset-without-verification.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, answer, call, flow, identify, introspect, recover, recoveryToReset, res } from './support/idx-steps.js';

const resetOffered = res('08');
const withRecoveryToken = () => {
  flow();
  return [
    call('/oauth2/v1/interact', 'client_id=0oa1&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s1&recovery_token=VBQ0gwBAMaHoeXpUXT2W', 200, { interaction_handle: 'ih-1234567890' }),
    call('/idp/idx/introspect', { interactionHandle: 'ih-1234567890' }, 200, resetOffered),
    answer('New-pass-2026!', res('09')),
  ];
};

ruleTester(idxResetWithoutVerification, {
  valid: [
    { name: 'OTP answered before the reset', steps: [...recoveryToReset(), answer('New-pass-2026!', res('09'))] },
    { name: 'evidence starts at the reset form', steps: [(flow(), answer('New-pass-2026!', res('09')))] },
  ],
  invalid: [
    {
      name: 'recover answered straight with reset-authenticator',
      steps: [(flow(), introspect()), identify(), recover(HANDLE, resetOffered), answer('New-pass-2026!', res('09'))],
      findings: [{ step: 4, messageId: 'noVerification' }],
    },
    {
      name: 'identify-recovery answered straight with reset-authenticator',
      steps: [(flow(), introspect()), recover(HANDLE, res('06')), call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 200, resetOffered), answer('New-pass-2026!', res('09'))],
      findings: [{ step: 4, messageId: 'noVerification' }],
    },
    { name: 'recovery_token at /interact', steps: withRecoveryToken(), findings: [{ step: 3, messageId: 'recoveryToken', severity: 'info' }] },
  ],
});

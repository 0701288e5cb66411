import { idxResetCommittedBeforeMfa } from '../../src/protocols/okta-idx/rules/idx-reset-committed-before-mfa.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, cancel, otpChallenge, recoveryToReset, res, selectEmail, signInFactorChoice } from './support/idx-steps.js';

const kmsi = { ...res('01'), remediation: { type: 'array', value: [{ ...res('01').remediation.value[0], name: 'keep-me-signed-in', href: 'https://example.com/idp/idx/keep-me-signed-in' }] } };

ruleTester(idxResetCommittedBeforeMfa, {
  valid: [
    { name: 'reset ends the recovery (idx.recovery.completed)', steps: [...recoveryToReset(), answer('New-pass-2026!', res('09'))] },
    { name: 'reset followed by keep-me-signed-in only', steps: [...recoveryToReset(), answer('New-pass-2026!', kmsi)] },
    { name: 'reset refused: no password was written', steps: [...recoveryToReset(), { ...answer('short', { ...signInFactorChoice(), messages: { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'password.passwordRequirementsNotMet' }, message: 'x' }] } }, 400) }] },
  ],
  invalid: [
    {
      name: 'reset, then the sign-in factor is verified and tokens follow',
      steps: [...recoveryToReset(), answer('New-pass-2026!', signInFactorChoice()), selectEmail(), answer('654321', res('03'))],
      findings: [{ step: 6, messageId: 'committedThenVerified', severity: 'low' }],
    },
    {
      name: 'reset, then the sign-in factor is abandoned',
      steps: [...recoveryToReset(), answer('New-pass-2026!', signInFactorChoice())],
      findings: [{ step: 6, messageId: 'committedMfaAbandoned', severity: 'medium' }],
    },
    {
      name: 'reset, then the sign-in factor is cancelled',
      steps: [...recoveryToReset(), answer('New-pass-2026!', signInFactorChoice()), selectEmail(undefined, otpChallenge()), cancel()],
      findings: [{ step: 6, messageId: 'committedMfaFailed', severity: 'medium' }],
    },
  ],
});

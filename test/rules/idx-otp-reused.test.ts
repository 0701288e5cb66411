import { idxOtpReused } from '../../src/protocols/okta-idx/rules/idx-otp-reused.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, flow, identify, introspect, otpChallenge, res } from './support/idx-steps.js';

const used = (field: boolean) => {
  const b = otpChallenge();
  const message = { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'authfactor.challenge.soft_token.used_passcode' }, message: 'Each code can only be used once.' }] };
  if (field) b.remediation.value[0].value[0].form.value[0].messages = message;
  else b.messages = message;
  return b;
};

ruleTester(idxOtpReused, {
  valid: [
    { name: 'code accepted', steps: [(flow(), introspect()), identify(), answer('123456', res('03'))] },
    { name: 'code wrong, not reused', steps: [(flow(), introspect()), identify(), answer('000000', res('04'), 401)] },
  ],
  invalid: [
    { name: 'used passcode, top-level message', steps: [(flow(), introspect()), identify(), answer('123456', used(false), 400)], findings: [{ step: 3, messageId: 'usedPasscode' }] },
    { name: 'used passcode, field message', steps: [(flow(), introspect()), identify(), answer('123456', used(true), 400)], findings: [{ step: 3, messageId: 'usedPasscode' }] },
  ],
});

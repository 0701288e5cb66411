import { idxImmutableFieldChanged } from '../../src/protocols/okta-idx/rules/idx-immutable-field-changed.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, call, flow, identify, introspect, recover, recoveryToReset, res } from './support/idx-steps.js';

/** An authenticator-verification-data form whose authenticator id and method the server fixed (widget shape). */
const verificationData = () => {
  const b = res('02');
  b.remediation.value = [{
    rel: ['create-form'], name: 'authenticator-verification-data', href: 'https://example.com/idp/idx/challenge', method: 'POST',
    value: [
      { name: 'authenticator', form: { value: [{ name: 'id', value: 'aut1smsAuth', mutable: false }, { name: 'methodType', value: 'sms', mutable: false }] } },
      { name: 'stateHandle', value: HANDLE, mutable: false },
    ],
  }];
  return b;
};
const sendData = (methodType: string) => call('/idp/idx/challenge', { authenticator: { id: 'aut1smsAuth', methodType }, stateHandle: HANDLE }, 200, res('02'));

ruleTester(idxImmutableFieldChanged, {
  valid: [
    { name: 'recovery with the offered email option', steps: recoveryToReset() },
    { name: 'fixed method sent back unchanged', steps: [(flow(), introspect()), call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 200, verificationData()), sendData('sms')] },
  ],
  invalid: [
    { name: 'fixed methodType changed from sms to voice', steps: [(flow(), introspect()), call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 200, verificationData()), sendData('voice')], findings: [{ step: 3, messageId: 'immutableChanged' }] },
    { name: 'authenticator id outside the options, refused', steps: [(flow(), introspect()), identify(), recover(), call('/idp/idx/challenge', { authenticator: { id: 'aut9notOffered', methodType: 'sms' }, stateHandle: HANDLE }, 400, res('07'))], findings: [{ step: 4, messageId: 'optionNotOffered', severity: 'medium' }] },
  ],
});

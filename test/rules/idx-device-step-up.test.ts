import { idxDeviceStepUp } from '../../src/protocols/okta-idx/rules/idx-device-step-up.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, answer, call, flow, identify, introspect, res } from './support/idx-steps.js';

const DEVICE = { responseHeaders: { 'www-authenticate': 'Oktadevicejwt realm="Okta Device"' } };

ruleTester(idxDeviceStepUp, {
  valid: [
    { name: 'a plain 401 on a wrong passcode', steps: [(flow(), introspect()), identify(), answer('guess', res('04'), 401)] },
    { name: 'another WWW-Authenticate scheme', steps: [(flow(), introspect()), identify(), call('/idp/idx/challenge/answer', { credentials: { passcode: 'x' }, stateHandle: HANDLE }, 401, res('04'), undefined, { responseHeaders: { 'www-authenticate': 'Bearer realm="x"' } })] },
  ],
  invalid: [
    { name: 'identify answered with device step-up', steps: [(flow(), introspect()), call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 401, res('01'), undefined, DEVICE)], findings: [{ step: 2, messageId: 'deviceStepUp' }] },
    { name: 'challenge answer answered with device step-up', steps: [(flow(), introspect()), identify(), call('/idp/idx/challenge/answer', { credentials: { passcode: 'x' }, stateHandle: HANDLE }, 401, res('02'), undefined, DEVICE)], findings: [{ step: 3, messageId: 'deviceStepUp' }] },
  ],
});

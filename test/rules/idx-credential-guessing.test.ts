import { idxCredentialGuessing } from '../../src/protocols/okta-idx/rules/idx-credential-guessing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { NEW_HANDLE, answer, call, cancel, flow, identify, introspect, res } from './support/idx-steps.js';

const wrong = () => answer('guess', res('04'), 401);
const suspended = { ...res('02'), messages: { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'authfactor.challenge.suspended_factor' }, message: 'Too many attempts' }] } };
const limited = { version: '1.0.0', messages: { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'tooManyRequests' }, message: 'Too many requests' }] } };
const stepUp = call('/idp/idx/challenge/answer', { credentials: { passcode: 'x' }, stateHandle: '02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, 401, res('04'), undefined, { responseHeaders: { 'www-authenticate': 'Oktadevicejwt realm="Okta Device"' } });

ruleTester(idxCredentialGuessing, {
  valid: [
    { name: 'two wrong answers, then right', steps: [(flow(), introspect()), identify(), wrong(), wrong(), answer('right', res('03'))] },
    { name: 'device step-up 401s do not count', steps: [(flow(), introspect()), identify(), wrong(), wrong(), { ...stepUp, startedAt: '2026-03-01T10:00:09.000Z' }] },
  ],
  invalid: [
    { name: 'three wrong answers', steps: [(flow(), introspect()), identify(), wrong(), wrong(), wrong()], findings: [{ step: 5, messageId: 'repeatedRejections' }] },
    { name: 'authenticator suspended', steps: [(flow(), introspect()), identify(), wrong(), answer('guess', suspended, 403)], findings: [{ step: 4, messageId: 'lockedOut', severity: 'high' }] },
    {
      name: 'two wrong answers, cancel, a third in the restarted transaction',
      steps: [(flow(), introspect()), identify(), wrong(), wrong(), cancel(), identify(NEW_HANDLE), answer('guess', res('04', NEW_HANDLE), 401, NEW_HANDLE)],
      findings: [{ tx: 2, step: 2, messageId: 'acrossChains' }],
    },
    { name: 'rate limited', steps: [(flow(), introspect()), identify(), answer('guess', limited, 429)], findings: [{ step: 3, messageId: 'rateLimited' }] },
  ],
});

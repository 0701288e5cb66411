import { idxSuccessRedirectReuse } from '../../src/protocols/okta-idx/rules/idx-success-redirect-reuse.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { HANDLE, answer, flow, identify, introspect, res } from './support/idx-steps.js';

const { remediation: _r, ...noRemediation } = res('03');
const successRedirect = { ...noRemediation, successWithInteractionCode: undefined, success: { name: 'success-redirect', href: `https://example.com/login/token/redirect?stateToken=${HANDLE}` } };
const redirect = (seconds: number) => step(`GET /login/token/redirect?stateToken=${HANDLE}`, null, 302, null, { at: new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000).toISOString(), responseHeaders: { location: 'https://app.example/cb?code=abc&state=s1' } });
const hosted = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', successRedirect)];

ruleTester(idxSuccessRedirectReuse, {
  valid: [
    { name: 'one redirect after success', steps: [...hosted(), redirect(10)] },
    { name: 'no redirect at all', steps: [...hosted()] },
  ],
  invalid: [
    { name: 'the redirect requested twice', steps: [...hosted(), redirect(10), redirect(20)], findings: [{ step: 5, messageId: 'redirectTwice' }] },
    { name: 'redirect after the session expired', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('10'), 401), redirect(10)], findings: [{ step: 4, messageId: 'redirectAfterTerminal' }] },
  ],
});

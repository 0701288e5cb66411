import { idxRemediationNotOffered } from '../../src/protocols/okta-idx/rules/idx-remediation-not-offered.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, answer, call, flow, identify, introspect, recover, res } from './support/idx-steps.js';

const refused = { version: '1.0.0', messages: { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'E0000011' }, message: 'Invalid token provided' }] } };

ruleTester(idxRemediationNotOffered, {
  valid: [
    { name: 'identify then the offered recover action', steps: [(flow(), introspect()), identify(), recover()] },
    { name: 'a call after the chain ended is another rule', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('09')), recover()] },
  ],
  invalid: [
    { name: 'recover before any recover action was offered', steps: [(flow(), introspect()), recover(HANDLE, res('06'))], findings: [{ step: 2, messageId: 'recoverNotOffered' }] },
    { name: 'skip with no skip form, refused', steps: [(flow(), introspect()), identify(), call('/idp/idx/skip', { stateHandle: HANDLE }, 403, refused)], findings: [{ step: 3, messageId: 'skipNotOffered', severity: 'medium' }] },
    { name: 'answer posted while only identify was offered', steps: [(flow(), introspect()), answer('Secret-pass-1', res('03'))], findings: [{ step: 2, messageId: 'notOffered' }] },
  ],
});

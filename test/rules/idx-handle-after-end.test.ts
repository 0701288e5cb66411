import { idxHandleAfterEnd } from '../../src/protocols/okta-idx/rules/idx-handle-after-end.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, answer, cancel, flow, identify, introspect, res } from './support/idx-steps.js';

ruleTester(idxHandleAfterEnd, {
  valid: [
    { name: 'sign-in ends at successWithInteractionCode', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))] },
    { name: 'cancel and introspect after a terminal response', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('10'), 401), introspect(), cancel()] },
  ],
  invalid: [
    { name: 'answer accepted after success', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03')), answer('Secret-pass-1', res('03'))], findings: [{ step: 4, messageId: 'acceptedAfterEnd' }] },
    { name: 'identify refused after the session expired', steps: [(flow(), introspect()), answer('Secret-pass-1', res('10'), 401), { ...identify(), responseStatus: 401, responseBody: res('10', HANDLE) }], findings: [{ step: 3, messageId: 'refusedAfterEnd', severity: 'low' }] },
  ],
});

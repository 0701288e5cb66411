import { idxStaleHandle } from '../../src/protocols/okta-idx/rules/idx-stale-handle.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { HANDLE, NEW_HANDLE, answer, call, flow, identify, introspect, res } from './support/idx-steps.js';

// identify rotates the handle: its response (fixture 02) is issued for NEW_HANDLE.
const rotating = () => [(flow(), introspect()), call('/idp/idx/identify', { identifier: 'ann@example.com', stateHandle: HANDLE }, 200, res('02', NEW_HANDLE))];

ruleTester(idxStaleHandle, {
  valid: [
    { name: 'constant handle', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))] },
    { name: 'the rotated handle is used', steps: [...rotating(), answer('Secret-pass-1', res('03', NEW_HANDLE), 200, NEW_HANDLE)] },
  ],
  invalid: [
    { name: 'the old handle after rotation, accepted', steps: [...rotating(), answer('Secret-pass-1', res('03'), 200, HANDLE)], findings: [{ step: 3, messageId: 'staleHandle', severity: 'medium' }] },
    { name: 'the old handle after rotation, refused', steps: [...rotating(), answer('Secret-pass-1', res('10'), 401, HANDLE)], findings: [{ step: 3, messageId: 'staleHandle', severity: 'low' }] },
  ],
});

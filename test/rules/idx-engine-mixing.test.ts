import { idxEngineMixing } from '../../src/protocols/okta-idx/rules/idx-engine-mixing.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { answer, flow, identify, introspect, res } from './support/idx-steps.js';

const classic = (group = 'g1') => step('/api/v1/authn', { username: 'ann@example.com', password: 'Secret-pass-1' }, 200, { status: 'SUCCESS', sessionToken: '20111abcdefghijk', expiresAt: '2026-03-01T10:05:00.000Z', _embedded: { user: { id: '00u1abcdefgh' } } }, { group });

ruleTester(idxEngineMixing, {
  valid: [
    { name: 'Identity Engine only', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))] },
    { name: 'the two engines in separate units of evidence', steps: [(flow(), introspect()), identify(), classic('g2')] },
  ],
  invalid: [
    { name: 'Classic sign-in after an IDX identify', steps: [(flow(), introspect()), identify(), classic()], findings: [{ tx: 2, step: 1, messageId: 'mixed' }] },
    { name: 'Classic first, then IDX', steps: [classic(), (flow(), introspect()), identify()], findings: [{ tx: 1, step: 1, messageId: 'mixed' }] },
  ],
});

import { pushAfterTerminal } from '../../src/protocols/okta-authn/rules/push-after-terminal.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { factor, tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const PUSH = 'opf2BBBBBBBBBBB';
const poll = (result: string | null, status = 'MFA_CHALLENGE') =>
  step(`/api/v1/authn/factors/${PUSH}/verify`, { stateToken: '00aaaaaaaa1' }, 200, status === 'SUCCESS' ? tx('SUCCESS', null, E, {}, { sessionToken: 'x' }) : tx(status, '00aaaaaaaa1', E, { factor: factor(PUSH, 'push') }, { factorResult: result }));
const resend = step(`/api/v1/authn/factors/${PUSH}/verify/resend`, { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_CHALLENGE', '00aaaaaaaa1', E, { factor: factor(PUSH, 'push') }, { factorResult: 'WAITING' }));

ruleTester(pushAfterTerminal, {
  valid: [
    { name: 'waiting then approved', steps: [poll('WAITING'), poll('WAITING'), poll(null, 'SUCCESS')] },
    { name: 'rejected, resent, approved', steps: [poll('WAITING'), poll('REJECTED'), resend, poll(null, 'SUCCESS')] },
    {
      name: 'push activation timed out, activation resent, approved',
      steps: [
        step(`/api/v1/authn/factors/${PUSH}/lifecycle/activate/poll`, { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_ENROLL_ACTIVATE', '00aaaaaaaa1', E, {}, { factorResult: 'TIMEOUT' })),
        step(`/api/v1/authn/factors/${PUSH}/lifecycle/resend`, { stateToken: '00aaaaaaaa1' }, 200, tx('MFA_ENROLL_ACTIVATE', '00aaaaaaaa1', E, {}, { factorResult: 'WAITING' })),
        step(`/api/v1/authn/factors/${PUSH}/lifecycle/activate/poll`, { stateToken: '00aaaaaaaa1' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' })),
      ],
    },
  ],
  invalid: [
    { name: 'rejected then SUCCESS on the same challenge', steps: [poll('WAITING'), poll('REJECTED'), poll(null, 'SUCCESS')], findings: [{ step: 3, messageId: 'successAfterTerminal' }] },
    {
      name: 'an empty passCode is no new verify: rejected then SUCCESS is still reported',
      steps: [poll('WAITING'), poll('REJECTED'), step(`/api/v1/authn/factors/${PUSH}/verify`, { stateToken: '00aaaaaaaa1', passCode: '' }, 200, tx('SUCCESS', null, E, {}, { sessionToken: 'x' }))],
      findings: [{ step: 3, messageId: 'successAfterTerminal' }],
    },
    { name: 'timed out then SUCCESS', steps: [poll('WAITING'), poll('TIMEOUT'), poll(null, 'SUCCESS')], findings: [{ step: 3, messageId: 'successAfterTerminal' }] },
  ],
});

import { recoveryTypeChanged } from '../../src/protocols/okta-authn/rules/recovery-type-changed.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { tx } from './support/bodies.js';

const E = '2024-03-01T10:05:00.000Z';
const start = (type: string) => step('/api/v1/authn/recovery/unlock', { username: 'isaac@example.org', factorType: 'SMS' }, 200, tx('RECOVERY_CHALLENGE', '00aaaaaaaa1', E, {}, { recoveryType: type, factorType: 'SMS' }));
const verify = (status: string, type: string | null) => step('/api/v1/authn/recovery/factors/sms/verify', { stateToken: '00aaaaaaaa1', passCode: '123456' }, 200, tx(status, status === 'SUCCESS' ? null : '00aaaaaaaa1', E, {}, type ? { recoveryType: type } : {}));

ruleTester(recoveryTypeChanged, {
  valid: [
    { name: 'unlock stays unlock', steps: [start('UNLOCK'), verify('SUCCESS', 'UNLOCK')] },
    { name: 'absent type is not a change', steps: [start('PASSWORD'), verify('PASSWORD_RESET', null)] },
  ],
  invalid: [
    { name: 'unlock becomes password reset', steps: [start('UNLOCK'), verify('PASSWORD_RESET', 'PASSWORD')], findings: [{ step: 2, messageId: 'changed' }] },
    { name: 'password becomes unlock', steps: [start('PASSWORD'), verify('SUCCESS', 'UNLOCK')], findings: [{ step: 2, messageId: 'changed' }] },
  ],
});

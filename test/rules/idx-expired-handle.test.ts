import { idxExpiredHandle } from '../../src/protocols/okta-idx/rules/idx-expired-handle.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, flow, identify, introspect, res } from './support/idx-steps.js';

// EXPIRES is 10:30; the tables' clock starts at 10:00.
const late = <T extends { startedAt: string | null }>(e: T, at = '2026-03-01T10:45:00.000Z'): T => ({ ...e, startedAt: at });

ruleTester(idxExpiredHandle, {
  valid: [
    { name: 'a quick sign-in', steps: [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))] },
    { name: 'expiresAt moved later before the late call', steps: [(flow(), introspect()), { ...identify(), responseBody: res('02', undefined, { expiresAt: '2026-03-01T11:00:00.000Z' }) }, late(answer('Secret-pass-1', res('03')))] },
  ],
  invalid: [
    { name: 'answer refused as expired', steps: [(flow(), introspect()), identify(), late({ ...answer('Secret-pass-1', res('10'), 401) })], findings: [{ step: 3, messageId: 'refusedAfterExpiry', severity: 'low' }] },
    { name: 'answer accepted after expiry', steps: [(flow(), introspect()), identify(), late(answer('Secret-pass-1', res('03')))], findings: [{ step: 3, messageId: 'acceptedAfterExpiry', severity: 'high' }] },
    { name: 'expiresAt moved earlier, then a call after it', steps: [(flow(), introspect()), { ...identify(), responseBody: res('02', undefined, { expiresAt: '2026-03-01T10:05:00.000Z' }) }, late(answer('Secret-pass-1', res('03')), '2026-03-01T10:20:00.000Z')], findings: [{ step: 3, messageId: 'acceptedAfterExpiry', severity: 'high' }] },
  ],
});

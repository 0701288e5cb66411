import { refreshTokenReuse } from '../../src/protocols/oauth/rules/refresh-token-reuse.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { INVALID_GRANT, TOKENS, authorize, codeGrant, token } from './support/oauth.js';

const R1 = 'rt-first-0000000000001';
const R2 = 'rt-second-000000000002';
const R3 = 'rt-third-0000000000003';
const refresh = (sent: string, next: string | null, status = 200) => token({ grant_type: 'refresh_token', client_id: '0oa1client', refresh_token: sent }, status, status === 200 ? TOKENS(next ? { refresh_token: next } : {}) : INVALID_GRANT);

ruleTester(refreshTokenReuse, {
  valid: [
    { name: 'each rotated token used once', steps: [authorize(), token(codeGrant(), 200, TOKENS({ refresh_token: R1 })), refresh(R1, R2), refresh(R2, R3)] },
    { name: 'no rotation: the same token again is allowed', steps: [token(codeGrant(), 200, TOKENS({ refresh_token: R1 })), refresh(R1, null), refresh(R1, null)] },
  ],
  invalid: [
    { name: 'rotated token refused on reuse', steps: [token(codeGrant(), 200, TOKENS({ refresh_token: R1 })), refresh(R1, R2), refresh(R1, null, 400)], findings: [{ step: 3, messageId: 'reusedRejected' }] },
    { name: 'rotated token still accepted', steps: [token(codeGrant(), 200, TOKENS({ refresh_token: R1 })), refresh(R1, R2), refresh(R1, R3)], findings: [{ step: 3, messageId: 'reusedAccepted', severity: 'high' }] },
  ],
});

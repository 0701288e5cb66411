import { nonceNotEchoed } from '../../src/protocols/oauth/rules/nonce-not-echoed.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { NONCE, STATE, TOKENS, authorize, codeGrant, jwt, token } from './support/oauth.js';

ruleTester(nonceNotEchoed, {
  valid: [
    { name: 'id_token carries the nonce', steps: [authorize(), token(codeGrant())] },
    { name: 'a refreshed id_token without nonce (OIDC Core §12.2)', steps: [authorize(), token(codeGrant(), 200, TOKENS({ refresh_token: 'rt-0000000001' })), token({ grant_type: 'refresh_token', client_id: '0oa1client', refresh_token: 'rt-0000000001' }, 200, TOKENS({ id_token: jwt({ sub: '00u1' }) }))] },
    { name: 'no nonce sent, none to compare', steps: [authorize({ nonce: undefined }), token(codeGrant(), 200, TOKENS({ id_token: jwt({ sub: '00u1' }) }))] },
  ],
  invalid: [
    { name: 'code flow id_token with another nonce', steps: [authorize(), token(codeGrant(), 200, TOKENS({ id_token: jwt({ sub: '00u1', nonce: 'replayed-nonce' }) }))], findings: [{ step: 2, messageId: 'mismatch', severity: 'medium' }] },
    { name: 'code flow id_token without nonce', steps: [authorize(), token(codeGrant(), 200, TOKENS({ id_token: jwt({ sub: '00u1' }) }))], findings: [{ step: 2, messageId: 'absent', severity: 'medium' }] },
    {
      name: 'implicit id_token with another nonce',
      steps: [authorize({ response_type: 'id_token token', nonce: NONCE }, { id_token: jwt({ sub: '00u1', nonce: 'other' }), state: STATE })],
      findings: [{ step: 1, messageId: 'mismatch' }],
    },
    {
      name: 'a refreshed id_token with another nonce',
      steps: [authorize(), token(codeGrant(), 200, TOKENS({ refresh_token: 'rt-0000000001' })), token({ grant_type: 'refresh_token', client_id: '0oa1client', refresh_token: 'rt-0000000001' }, 200, TOKENS({ id_token: jwt({ sub: '00u1', nonce: 'other' }) }))],
      findings: [{ step: 3, messageId: 'mismatch', severity: 'medium' }],
    },
  ],
});

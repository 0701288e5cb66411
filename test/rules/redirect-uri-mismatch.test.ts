import { redirectUriMismatch } from '../../src/protocols/oauth/rules/redirect-uri-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { CODE, STATE, authorize, codeGrant, token } from './support/oauth.js';

ruleTester(redirectUriMismatch, {
  valid: [
    { name: 'identical redirect_uri', steps: [authorize(), token(codeGrant())] },
    { name: 'authorize without redirect_uri (registered default)', steps: [authorize({ redirect_uri: undefined }, { code: CODE, state: STATE }, { location: `https://app.example.com/callback?code=${CODE}&state=${STATE}` }), token(codeGrant({ redirect_uri: undefined }))] },
  ],
  invalid: [
    { name: 'token sends a trailing slash', steps: [authorize(), token(codeGrant({ redirect_uri: 'https://app.example.com/callback/' }))], findings: [{ step: 2, messageId: 'tokenDiffers' }] },
    { name: 'token sends no redirect_uri', steps: [authorize(), token(codeGrant({ redirect_uri: undefined }))], findings: [{ step: 2, messageId: 'tokenDiffers' }] },
    {
      name: 'the response went to another address',
      steps: [authorize({}, { code: CODE, state: STATE }, { location: `https://evil.example/callback?code=${CODE}&state=${STATE}` })],
      findings: [{ step: 1, messageId: 'responseElsewhere' }],
    },
  ],
});

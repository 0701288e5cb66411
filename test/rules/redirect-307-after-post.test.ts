import { redirect307AfterPost } from '../../src/protocols/oauth/rules/redirect-307-after-post.js';
import { ruleTester, step } from '../helpers/rule-tester.js';
import { AS, CODE, REDIRECT, STATE } from './support/oauth.js';

const form = `client_id=0oa1client&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}&state=${STATE}&username=ann%40example.com&password=Hunter22!`;
const answered = (status: number) => step(`POST ${AS}/v1/authorize`, form, status, null, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, responseHeaders: { location: `${REDIRECT}?code=${CODE}&state=${STATE}` } });

ruleTester(redirect307AfterPost, {
  valid: [
    { name: '303 after the POST', steps: [answered(303)] },
    { name: '302 after the POST', steps: [answered(302)] },
  ],
  invalid: [
    { name: '307 after the POST', steps: [answered(307)], findings: [{ step: 1, messageId: 'redirect307' }] },
    { name: '307 after a POST to /token', steps: [step(`POST ${AS}/v1/token`, 'grant_type=client_credentials&client_id=x&client_secret=secret-value-1', 307, null, { responseHeaders: { location: 'https://other.example/token' } })], findings: [{ step: 1, messageId: 'redirect307' }] },
  ],
});

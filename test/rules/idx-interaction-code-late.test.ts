import { idxInteractionCodeLate } from '../../src/protocols/okta-idx/rules/idx-interaction-code-late.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, flow, identify, introspect, res, tokenCall } from './support/idx-steps.js';

const token = (seconds: number, status = 200) => tokenCall({ seconds, status });
// The success response is at 2 s.
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeLate, {
  valid: [
    { name: 'exchanged within a second', steps: [...signIn(), token(3)] },
    { name: 'exchanged at 59 s', steps: [...signIn(), token(61)] },
  ],
  invalid: [
    { name: 'exchanged after 2 minutes, accepted', steps: [...signIn(), token(122)], findings: [{ step: 4, messageId: 'lateExchange' }] },
    { name: 'exchanged after 2 minutes, refused', steps: [...signIn(), token(122, 400)], findings: [{ step: 4, messageId: 'lateExchange', severity: 'info' }] },
  ],
});

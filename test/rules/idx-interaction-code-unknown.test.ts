import { idxInteractionCodeUnknown } from '../../src/protocols/okta-idx/rules/idx-interaction-code-unknown.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { CODE, answer, flow, identify, introspect, res, tokenCall } from './support/idx-steps.js';

const OTHER = 'Zk3pQw8TnVb2LmXc7RyHs4JdFa9GeUo1IiKtPzNqWxE';
const token = (code: string, status = 200) => tokenCall({ code, status });
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeUnknown, {
  valid: [
    { name: 'the issued code is exchanged', steps: [...signIn(), token(CODE)] },
    { name: 'evidence holds only the exchange', steps: [(flow(), token(OTHER))] },
  ],
  invalid: [
    { name: 'another code is exchanged and accepted', steps: [...signIn(), token(OTHER)], findings: [{ tx: 2, step: 1, messageId: 'unknownCode' }] },
    { name: 'another code is exchanged and refused', steps: [...signIn(), token(OTHER, 400)], findings: [{ tx: 2, step: 1, messageId: 'unknownCode', severity: 'medium' }] },
  ],
});

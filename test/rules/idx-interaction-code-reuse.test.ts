import { idxInteractionCodeReuse } from '../../src/protocols/okta-idx/rules/idx-interaction-code-reuse.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { answer, flow, identify, introspect, res, tokenCall } from './support/idx-steps.js';

const token = (status: number) => tokenCall({ status });
const signIn = () => [(flow(), introspect()), identify(), answer('Secret-pass-1', res('03'))];

ruleTester(idxInteractionCodeReuse, {
  valid: [
    { name: 'one exchange', steps: [...signIn(), token(200)] },
    { name: 'a refused exchange, then none', steps: [...signIn(), token(400)] },
  ],
  invalid: [
    { name: 'exchanged twice, both accepted', steps: [...signIn(), token(200), token(200)], findings: [{ step: 5, messageId: 'reusedAccepted' }] },
    { name: 'replay refused with invalid_grant', steps: [...signIn(), token(200), token(400)], findings: [{ step: 5, messageId: 'reusedRefused', severity: 'medium' }] },
  ],
});

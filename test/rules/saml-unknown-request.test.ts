import { samlUnknownRequest } from '../../src/protocols/saml/rules/saml-unknown-request.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { samlRequest, samlResponse } from './support/saml.js';

ruleTester(samlUnknownRequest, {
  valid: [
    { name: 'SP-initiated: the response answers the request before it', steps: [samlRequest('_req1'), samlResponse({ inResponseTo: '_req1' })] },
    { name: 'IdP-initiated: no InResponseTo at all', steps: [samlResponse({ inResponseTo: null })] },
    { name: "SAML-tracer's approximate order put the response first", steps: [samlResponse({ inResponseTo: '_req1' }), samlRequest('_req1')] },
  ],
  invalid: [
    { name: 'the only response answers a request the trace does not hold', steps: [samlResponse({ inResponseTo: '_gone' })], findings: [{ step: 1, messageId: 'unknownRequest' }] },
    {
      name: 'a second response answers another ID than the request sent',
      steps: [samlRequest('_req1'), samlResponse({ id: 'id1', inResponseTo: '_req1' }), samlResponse({ id: 'id2', inResponseTo: '_req9' })],
      findings: [{ tx: 2, step: 1, messageId: 'unknownRequest' }],
    },
  ],
});

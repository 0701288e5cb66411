import { samlDestinationMismatch } from '../../src/protocols/saml/rules/saml-destination-mismatch.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { ACS, SSO, samlRequest, samlResponse } from './support/saml.js';

ruleTester(samlDestinationMismatch, {
  valid: [
    { name: 'request and response delivered where they say', steps: [samlRequest('_req1'), samlResponse()] },
    { name: 'host case and a query on the delivery URL do not matter', steps: [samlRequest('_req1'), samlResponse({ url: 'https://SP.Example.com/saml/acs?x=1', destination: ACS })] },
    { name: 'no Destination in the response (optional when unsigned)', steps: [samlResponse({ destination: '' })] },
  ],
  invalid: [
    {
      name: 'posted over http to an ACS whose Destination says https',
      steps: [samlRequest('_req1', { acs: 'http://sp.example.com/saml/acs' }), samlResponse({ url: 'http://sp.example.com/saml/acs' })],
      findings: [{ step: 2, messageId: 'deliveredElsewhere' }, { step: 2, messageId: 'notRequestedAcs' }],
    },
    {
      name: 'the response names another ACS than the request asked for',
      steps: [samlRequest('_req1', { acs: 'https://sp.example.com/sso/consume' }), samlResponse()],
      findings: [{ step: 2, messageId: 'notRequestedAcs' }],
    },
    {
      name: 'the AuthnRequest was sent to another SSO URL than its Destination',
      steps: [samlRequest('_req1', { url: 'https://dev-1.okta.com/app/dev-1_old_1/exk0old/sso/saml', destination: SSO })],
      findings: [{ step: 1, messageId: 'deliveredElsewhere' }],
    },
  ],
});

import { samlAssertionExpired } from '../../src/protocols/saml/rules/saml-assertion-expired.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { samlRequest, samlResponse } from './support/saml.js';

// The assertion is valid from 10:00:05 until 10:05:05; SPs allow 3 minutes of skew.
const req = samlRequest('_req1');

ruleTester(samlAssertionExpired, {
  valid: [
    { name: 'delivered in time', steps: [req, samlResponse({ sentAt: '2026-05-04T10:00:06.000Z' })] },
    { name: 'late, but within the skew', steps: [req, samlResponse({ sentAt: '2026-05-04T10:07:30.000Z' })] },
    { name: 'no request time and no Date header: nothing to compare', steps: [req, samlResponse()] },
    { name: 'in time by the Date header (SAML-tracer has no request times)', steps: [req, samlResponse({ date: 'Mon, 04 May 2026 10:00:07 GMT' })] },
  ],
  invalid: [
    { name: 'the SP accepted it 20 minutes late', steps: [req, samlResponse({ sentAt: '2026-05-04T10:25:05.000Z', http: 302 })], findings: [{ step: 2, messageId: 'acceptedLate', severity: 'high' }] },
    { name: 'the SP refused it, late by its Date header', steps: [req, samlResponse({ date: 'Mon, 04 May 2026 10:30:00 GMT', http: 403 })], findings: [{ step: 2, messageId: 'refusedLate', severity: 'low' }] },
    { name: 'issued already expired', steps: [req, samlResponse({ at: '2026-05-04T10:00:05Z', until: '2026-05-04T10:00:05Z', sentAt: '2026-05-04T10:00:06.000Z' })], findings: [{ step: 2, messageId: 'issuedExpired' }] },
  ],
});

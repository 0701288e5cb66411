import type { RawExchange } from '../../../src/model/exchange.js';
import { authnRequest, b64, deflated, response, type ResponseOptions } from '../../fixtures/saml-tracer/messages.js';
import { step } from '../../helpers/rule-tester.js';

export const ACS = 'https://sp.example.com/saml/acs';
export const SSO = 'https://dev-1.okta.com/app/dev-1_sp_1/exk1abc/sso/saml';
const ISSUER = 'http://www.okta.com/exk1abc';

/** An AuthnRequest sent by the redirect binding (deflated, in the query), as a browser sends it. */
export function samlRequest(id: string, o: { at?: string; acs?: string; destination?: string; url?: string } = {}): RawExchange {
  const xml = authnRequest(id, o.at ?? '2026-05-04T10:00:00Z', o.destination ?? SSO, o.acs ?? ACS, 'https://sp.example.com/metadata');
  return step(`GET ${o.url ?? SSO}?SAMLRequest=${encodeURIComponent(deflated(xml))}&RelayState=%2F`, null, 200, null, o.at ? { at: o.at } : {});
}

/** A Response posted to the ACS (POST binding: base64, not deflated); `http` is the SP's answer. */
export function samlResponse(o: Partial<ResponseOptions> & { url?: string; http?: number; sentAt?: string; date?: string } = {}): RawExchange {
  const xml = response({
    id: o.id ?? 'id0001',
    inResponseTo: o.inResponseTo === undefined ? '_req1' : o.inResponseTo,
    at: o.at ?? '2026-05-04T10:00:05Z',
    until: o.until ?? '2026-05-04T10:05:05Z',
    destination: o.destination ?? ACS,
    issuer: ISSUER,
    audience: 'https://sp.example.com/metadata',
    nameId: 'ann@example.com',
    status: o.status,
  });
  return step(`POST ${o.url ?? ACS}`, `SAMLResponse=${encodeURIComponent(b64(xml))}&RelayState=%2F`, o.http ?? 302, null, {
    ...(o.sentAt ? { at: o.sentAt } : {}),
    ...(o.date ? { responseHeaders: { date: o.date } } : {}),
  });
}

import type { SamlMessage } from '../../model/saml.js';

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attr = (name: string, v: string | null) => (v ? ` ${name}="${esc(v)}"` : '');

/** `Responder/AuthnFailed` back to its status URNs. */
function statusXml(status: string | null): string {
  if (!status) return '';
  const [top, sub] = status.split('/');
  const inner = sub ? `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${esc(sub)}"/>` : '';
  return `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${esc(top)}">${inner}</samlp:StatusCode></samlp:Status>`;
}

/**
 * A SAML message rebuilt from what authtrail keeps of it: the routing and timing fields, no subject, no
 * attribute, no signature. A sanitized trace carries it instead of the decoded original, so the copy
 * analyzes the same and exposes nothing. Reads back through `readSamlXml` to the same summary.
 */
export function samlSkeleton(m: SamlMessage): string | null {
  if (!m.type || m.undecoded) return null;
  const issuer = m.issuer ? `<saml:Issuer>${esc(m.issuer)}</saml:Issuer>` : '';
  const hasAssertion = m.notOnOrAfter || m.notBefore || m.audience || m.recipient || m.nameId;
  const nameId = m.nameId ? `<saml:NameID>${esc(m.nameId)}</saml:NameID>` : '';
  const confirmation = `<saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${attr('NotOnOrAfter', m.notOnOrAfter)}${attr('Recipient', m.recipient)}/></saml:SubjectConfirmation></saml:Subject>`;
  const audience = m.audience ? `<saml:AudienceRestriction><saml:Audience>${esc(m.audience)}</saml:Audience></saml:AudienceRestriction>` : '';
  const assertion = hasAssertion ? `<saml:Assertion>${issuer}${confirmation}<saml:Conditions${attr('NotBefore', m.notBefore)}${attr('NotOnOrAfter', m.notOnOrAfter)}>${audience}</saml:Conditions></saml:Assertion>` : '';
  const root = `samlp:${m.type.replace(/[^A-Za-z]/g, '')}`;
  return `<${root} xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"${attr('ID', m.id)}${attr('InResponseTo', m.inResponseTo)}${attr('IssueInstant', m.issueInstant)}${attr('Destination', m.destination)}${attr('AssertionConsumerServiceURL', m.acsUrl)}>${issuer}${statusXml(m.status)}${assertion}</${root}>`;
}

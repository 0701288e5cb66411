import type { SamlStep } from '../../model/saml.js';

/**
 * One line for a SAML step in text views: what the message is, who sent it where, what it answers, until
 * when it is valid and its status (`show 1.1:2`).
 */
export function samlLine(m: SamlStep): string {
  if (m.undecoded) return `SAML ${m.param} (${m.binding} binding): not decoded, ${m.undecoded}`;
  const parts = [
    `SAML ${m.type}${m.id ? ` ${m.id}` : ''}`,
    m.issuer && `from ${m.issuer}`,
    m.destination && `to ${m.destination}`,
    m.acsUrl && `ACS ${m.acsUrl}`,
    m.inResponseTo && `answers ${m.inResponseTo}${m.answersStep ? ` (step ${m.answersStep})` : ''}`,
    m.status && `status ${m.status}`,
    m.notOnOrAfter && `NotOnOrAfter ${m.notOnOrAfter}`,
    m.nameId && `subject ${m.nameId}`,
    m.encrypted ? 'encrypted assertion' : m.signed ? 'signed' : 'unsigned',
  ];
  return parts.filter(Boolean).join(', ');
}

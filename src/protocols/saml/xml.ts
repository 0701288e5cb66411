import { createRequire } from 'node:module';
import type { Element } from '@xmldom/xmldom';

/**
 * xmldom, loaded when the first SAML message is read: building its tables costs every command's start-up
 * about 20 ms, and most evidence holds no SAML.
 */
let xmldom: typeof import('@xmldom/xmldom') | undefined;
const domParser = () => (xmldom ??= createRequire(import.meta.url)('@xmldom/xmldom') as typeof import('@xmldom/xmldom')).DOMParser;
import type { SamlMessage } from '../../model/saml.js';

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Larger than any real SAML message (Okta's signed responses are a few KB); refused before parsing. */
export const MAX_XML_CHARS = 1024 * 1024;

/** An unreadable message: its field names, all empty, and why. */
export function undecoded(param: SamlMessage['param'], binding: SamlMessage['binding'], why: string): SamlMessage {
  return {
    param, binding, type: null, undecoded: why, id: null, inResponseTo: null, issuer: null, destination: null, issueInstant: null,
    acsUrl: null, status: null, notOnOrAfter: null, notBefore: null, audience: null, recipient: null, nameId: null, signed: false, encrypted: false,
  };
}

/**
 * Reads the routing and timing fields of a SAML 2.0 message. A DOCTYPE is refused outright (no DTD, no
 * entity is ever expanded: XXE and billion-laughs), as SAML forbids one (saml-bindings 3.4.4.1).
 */
export function readSamlXml(xml: string, param: SamlMessage['param'], binding: SamlMessage['binding']): SamlMessage {
  if (xml.length > MAX_XML_CHARS) return undecoded(param, binding, `message over ${MAX_XML_CHARS / 1024} KiB`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return undecoded(param, binding, 'message has a DOCTYPE, which SAML forbids; not parsed');
  let root: Element | null;
  try {
    const doc = new (domParser())({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } }).parseFromString(xml, 'text/xml');
    root = doc.documentElement;
  } catch {
    return undecoded(param, binding, 'message is not well-formed XML');
  }
  if (!root || root.namespaceURI !== PROTOCOL_NS) return undecoded(param, binding, 'not a SAML 2.0 protocol message');
  const assertion = child(root, ASSERTION_NS, 'Assertion');
  const conditions = assertion && child(assertion, ASSERTION_NS, 'Conditions');
  const confirmation = assertion && descendant(assertion, ASSERTION_NS, 'SubjectConfirmationData');
  const statusCode = descendant(root, PROTOCOL_NS, 'StatusCode');
  const subStatus = statusCode && child(statusCode, PROTOCOL_NS, 'StatusCode');
  const audience = conditions && descendant(conditions, ASSERTION_NS, 'Audience');
  const nameId = (assertion && descendant(assertion, ASSERTION_NS, 'NameID')) || child(root, ASSERTION_NS, 'NameID');
  const issuer = child(root, ASSERTION_NS, 'Issuer') ?? (assertion && child(assertion, ASSERTION_NS, 'Issuer'));
  return {
    param,
    binding,
    type: root.localName,
    undecoded: null,
    id: attr(root, 'ID'),
    inResponseTo: attr(root, 'InResponseTo') ?? (confirmation ? attr(confirmation, 'InResponseTo') : null),
    issuer: text(issuer),
    destination: attr(root, 'Destination'),
    issueInstant: attr(root, 'IssueInstant'),
    acsUrl: attr(root, 'AssertionConsumerServiceURL'),
    status: statusCode ? [lastSegment(attr(statusCode, 'Value')), subStatus && lastSegment(attr(subStatus, 'Value'))].filter(Boolean).join('/') || null : null,
    notOnOrAfter: earliest([conditions && attr(conditions, 'NotOnOrAfter'), confirmation && attr(confirmation, 'NotOnOrAfter')]),
    notBefore: conditions ? attr(conditions, 'NotBefore') : null,
    audience: text(audience),
    recipient: confirmation ? attr(confirmation, 'Recipient') : null,
    nameId: maskNameId(text(nameId)),
    signed: Boolean(child(root, DSIG_NS, 'Signature') || (assertion && child(assertion, DSIG_NS, 'Signature'))),
    encrypted: Boolean(child(root, ASSERTION_NS, 'EncryptedAssertion')),
  };
}

function child(parent: Element, ns: string, name: string): Element | null {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name) return n as Element;
  }
  return null;
}

function descendant(parent: Element, ns: string, name: string): Element | null {
  return parent.getElementsByTagNameNS(ns, name).item(0);
}

function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

function text(el: Element | null | undefined): string | null {
  const t = el?.textContent?.trim();
  return t ? t : null;
}

/** Which parameter would carry this XML: responses (`Response`, `LogoutResponse`) by their root element's name. */
export function paramOfXml(xml: string): SamlMessage['param'] {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?(\w+)/.exec(xml);
  return root && root[1].endsWith('Response') ? 'SAMLResponse' : 'SAMLRequest';
}

/** `urn:oasis:names:tc:SAML:2.0:status:Success` → `Success`. */
function lastSegment(value: string | null): string | null {
  return value ? value.slice(value.lastIndexOf(':') + 1) : null;
}

function earliest(values: (string | null | undefined)[]): string | null {
  const times = values.filter((v): v is string => Boolean(v) && !Number.isNaN(Date.parse(v!)));
  return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
}

/** The subject is personal data: two characters of the local part stay, and an email's domain. */
export function maskNameId(value: string | null): string | null {
  if (!value) return null;
  const at = value.lastIndexOf('@');
  const local = at > 0 ? value.slice(0, at) : value;
  return `${local.slice(0, 2)}***${at > 0 ? value.slice(at) : ''}`;
}

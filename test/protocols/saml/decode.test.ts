import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSamlValue, samlOfExchange } from '../../../src/protocols/saml/decode.js';
import { samlSkeleton } from '../../../src/protocols/saml/skeleton.js';
import { maskNameId, paramOfXml, readSamlXml } from '../../../src/protocols/saml/xml.js';
import { authnRequest, b64, deflated, response } from '../../fixtures/saml-tracer/messages.js';

const request = authnRequest('_abc', '2026-05-04T10:00:00Z', 'https://idp.example.com/sso', 'https://sp.example.com/acs', 'https://sp.example.com');
const posted = response({ id: 'r1', inResponseTo: '_abc', at: '2026-05-04T10:00:05Z', until: '2026-05-04T10:05:05Z', destination: 'https://sp.example.com/acs', issuer: 'http://www.okta.com/exk1', audience: 'https://sp.example.com', nameId: 'ann.lee@example.com', status: 'Responder' });

describe('SAML message decoding', () => {
  it('inflates a redirect-binding SAMLRequest from the query', () => {
    const m = samlOfExchange({ url: `https://idp.example.com/sso?SAMLRequest=${encodeURIComponent(deflated(request))}&RelayState=x`, requestBody: null });
    expect(m).toMatchObject({ param: 'SAMLRequest', binding: 'redirect', type: 'AuthnRequest', id: '_abc', destination: 'https://idp.example.com/sso', acsUrl: 'https://sp.example.com/acs', issuer: 'https://sp.example.com', undecoded: null });
  });

  it('reads a POST-binding SAMLResponse from a form body: status, times, audience, masked subject', () => {
    const m = samlOfExchange({ url: 'https://sp.example.com/acs', requestBody: `RelayState=x&SAMLResponse=${encodeURIComponent(b64(posted))}` });
    expect(m).toMatchObject({ param: 'SAMLResponse', binding: 'post', type: 'Response', id: 'r1', inResponseTo: '_abc', status: 'Responder', notOnOrAfter: '2026-05-04T10:05:05Z', notBefore: '2026-05-04T10:00:05Z', audience: 'https://sp.example.com', recipient: 'https://sp.example.com/acs', nameId: 'an***@example.com', signed: true, encrypted: false });
    expect(JSON.stringify(m)).not.toContain('ann.lee');
  });

  it('says why a value cannot be read: masked by SAML-tracer, by authtrail, not base64, not SAML', () => {
    expect(decodeSamlValue(`{hash:${'a'.repeat(64)}}`, 'SAMLResponse', 'post').undecoded).toBe('value masked by the exporter');
    expect(decodeSamlValue('PHNhbW****#0123456789ab', 'SAMLResponse', 'post').undecoded).toBe('value masked in the evidence');
    expect(decodeSamlValue('not base64!', 'SAMLResponse', 'post').undecoded).toBe('value is not base64');
    expect(decodeSamlValue(b64('<html><body>hi</body></html>'), 'SAMLResponse', 'post').undecoded).toBe('not a SAML 2.0 protocol message');
    expect(decodeSamlValue(b64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><a></samlp:Response>'), 'SAMLResponse', 'post').undecoded).toBe('message is not well-formed XML');
  });

  it('never expands a DTD: an XXE or billion-laughs message is refused unparsed', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="&x;"/>`;
    const m = decodeSamlValue(b64(xxe), 'SAMLResponse', 'post');
    expect(m.undecoded).toMatch(/DOCTYPE/);
    expect(m.id).toBeNull();
  });

  it('caps inflation: a small value that would inflate to 8 MB is refused', () => {
    const bomb = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 0x41)).toString('base64');
    expect(bomb.length).toBeLessThan(20_000);
    expect(decodeSamlValue(bomb, 'SAMLRequest', 'redirect').undecoded).toBe('value is neither XML nor deflated XML');
  });

  it('masks a NameID to two characters and the domain', () => {
    expect(maskNameId('mary.jane@email.com')).toBe('ma***@email.com');
    expect(maskNameId('00u1abcdEFGH')).toBe('00***');
  });

  it('tells a response from a request by its root element, LogoutResponse included', () => {
    expect(paramOfXml(posted)).toBe('SAMLResponse');
    expect(paramOfXml('<!-- x --><samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>')).toBe('SAMLResponse');
    expect(paramOfXml(request)).toBe('SAMLRequest');
  });

  it('a skeleton of the kept fields reads back to the same summary, without subject, attributes or signature', () => {
    for (const [xml, param] of [[posted, 'SAMLResponse'], [request, 'SAMLRequest']] as const) {
      const m = readSamlXml(xml, param, 'tracer');
      const skeleton = samlSkeleton(m)!;
      expect(skeleton).not.toMatch(/Signature|AttributeValue|ann\.lee/);
      expect(readSamlXml(skeleton, param, 'tracer')).toEqual({ ...m, signed: false });
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { RawExchange } from '../../src/model/exchange.js';
import { Redactor } from '../../src/redact/redactor.js';

const redactor = new Redactor(Buffer.alloc(32, 5));
const hash = `{hash:${'3f0a'.repeat(16)}}`;
const exchange = (url: string, body: string | null, headers: Record<string, string> = {}): RawExchange => ({
  method: body === null ? 'GET' : 'POST', url, requestHeaders: headers, requestBody: body, responseStatus: 200, responseHeaders: {}, responseBody: null,
  transportError: null, startedAt: null, durationMs: null, sourceRef: 't', group: 'g',
});

describe('redaction of what SAML traces carry', () => {
  it("keeps SAML-tracer's {hash:} and {obf:} masks of tokens and cookies as they are, and does not call them clear", () => {
    const { exchange: out, evidence } = redactor.redact(exchange('https://org.okta.com/oauth2/v1/token', `grant_type=${hash}&code=${hash}&code_verifier={obf:alternative_3}`, { cookie: `DT=${hash}; JSESSIONID=${hash}` }), new Map());
    expect(new URLSearchParams(out.requestBody as string).get('code_verifier')).toBe('{obf:alternative_3}');
    expect(new URLSearchParams(out.requestBody as string).get('code')).toBe(hash);
    expect(out.requestHeaders.cookie).toBe(`DT=${hash}; JSESSIONID=${hash}`);
    expect(evidence.exposures).toEqual([]);
  });

  it('drops an exported hash of a password or passcode: an unsalted SHA-256 of a short secret can be guessed', () => {
    const { exchange: out } = redactor.redact(exchange('https://org.okta.com/login/do-login', `username=ann&password=${hash}`), new Map());
    expect(out.requestBody).toBe(`username=ann&password=${encodeURIComponent('[redacted password, hashed by the exporter]')}`);
  });

  it("fingerprints a redirect binding's Signature, a SAML artifact and a WS-Fed wresult", () => {
    const signature = 'dGhpcyBpcyBhIHNpZ25hdHVyZSB2YWx1ZSBvZiBzb21lIGxlbmd0aA==';
    const { exchange: out, evidence } = redactor.redact(
      exchange(`https://idp.example.com/sso?SAMLRequest=abc&SigAlg=rsa-sha256&Signature=${encodeURIComponent(signature)}&SAMLart=AAQAAMFbLinmbk2Ycj`, 'wa=wsignin1.0&wresult=%3Ct%3Eassertion%3C%2Ft%3E'),
      new Map(),
    );
    expect(out.url).not.toContain(signature.slice(6, 30));
    expect(out.url).not.toContain('Ycj');
    expect(out.requestBody).not.toContain('assertion');
    expect(evidence.exposures.map((e) => e.field).sort()).toEqual(['SAMLRequest', 'SAMLart', 'Signature', 'wresult']);
  });
});

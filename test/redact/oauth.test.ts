import { describe, expect, it } from 'vitest';
import { openIngest } from '../../src/ingest/pipeline.js';
import { oauthEvidence, s256 } from '../../src/redact/oauth-evidence.js';
import { Redactor } from '../../src/redact/redactor.js';
import { parseTokenRef, sameToken } from '../../src/redact/token.js';
import { openStore } from '../../src/store/store.js';
import { post } from '../helpers/flow.js';

const redactor = new Redactor(Buffer.alloc(32, 7));
/** RFC 7636 appendix B. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const SIGNATURE = 'kZ3l9yU0b2Vy-c2lnbmF0dXJlX2J5dGVzX2hlcmU';
const ID_TOKEN = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: '00u1', nonce: 'n-1', email: 'ann@example.com' })}.${SIGNATURE}`;
const TOKEN_FORM = `grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=${VERIFIER}&client_secret=s3cr3t-client-value&refresh_token=rt-abcdefghijkl`;

describe('OAuth redaction', () => {
  it('masks code, code_verifier, client_secret and refresh_token in a token request form', () => {
    const { exchange, evidence } = redactor.redact(post('/oauth2/v1/token', TOKEN_FORM, 200, null), new Map());
    const body = exchange.requestBody as string;
    for (const clear of ['SplxlOBeZQQYbYS6WxSbIA', VERIFIER, 's3cr3t-client-value', 'rt-abcdefghijkl']) expect(body).not.toContain(clear);
    expect(body).toContain('grant_type=authorization_code');
    expect(evidence.exposures.map((e) => e.field).sort()).toEqual(['client_secret', 'code', 'code_verifier', 'refresh_token']);
  });

  it('keeps an id_token field as header and claims with a fingerprint, without its signature', () => {
    const { exchange } = redactor.redact(post('/oauth2/v1/token', null, 200, { id_token: ID_TOKEN, access_token: ID_TOKEN }), new Map());
    const stored = (exchange.responseBody as Record<string, string>).id_token;
    expect(stored).not.toContain(SIGNATURE);
    expect(stored.startsWith(ID_TOKEN.slice(0, ID_TOKEN.lastIndexOf('.') + 1))).toBe(true);
    const ref = parseTokenRef(stored)!;
    expect(ref.fp).toMatch(/^[0-9a-f]{12}$/);
    // The same token as a Bearer header links to it by the keyed fingerprint.
    const header = redactor.redactHeaders({ authorization: `Bearer ${ID_TOKEN}` }, 'request.header', { exposures: [], passwords: [], notes: [] }).authorization;
    expect(sameToken(ref, parseTokenRef(header.replace(/^Bearer /, '')))).toBe(true);
  });

  it('masks the hidden inputs of a form_post page by their names', () => {
    const page = `<html><body onload="document.forms[0].submit()"><form method="post" action="https://app.example/cb"><input type="hidden" name="code" value="SplxlOBeZQQYbYS6WxSbIA"/><input type="hidden" name="id_token" value="${ID_TOKEN}"/><input type="hidden" name="state" value="af0ifjsldkj"/></form></body></html>`;
    const { exchange, evidence } = redactor.redact(post('/oauth2/v1/authorize', null, 200, page), new Map());
    const body = exchange.responseBody as string;
    expect(body).not.toContain('SplxlOBeZQQYbYS6WxSbIA');
    expect(body).not.toContain(SIGNATURE);
    expect(body).toContain('name="state" value="af0ifjsldkj"');
    expect(evidence.exposures.map((e) => e.field)).toContain('code');
  });

  it('learns the verifier facts (never the value) from a form, a JSON body or a query; not from a masked value', () => {
    expect(s256(VERIFIER)).toBe(CHALLENGE);
    expect(oauthEvidence(post('/oauth2/v1/token', TOKEN_FORM, 200, null))).toEqual({ verifier: { length: 43, charsetOk: true, s256: CHALLENGE, plain: VERIFIER } });
    // authtrail's own stored form, met again on re-import: the masked digest and the length survive.
    expect(oauthEvidence(post('/oauth2/v1/token', 'code_verifier=S256(verifier,len=43)=E9Melh****#0123456789ab', 200, null))).toEqual({ verifier: { length: 43, charsetOk: null, s256: 'E9Melh****#0123456789ab', plain: null } });
    expect(oauthEvidence(post('/oauth2/v1/token', { code_verifier: 'short+/' }, 200, null))?.verifier).toMatchObject({ length: 7, charsetOk: false });
    expect(oauthEvidence(post(`/oauth2/v1/token?code_verifier=${VERIFIER}`, null, 200, null))?.verifier?.s256).toBe(CHALLENGE);
    expect(oauthEvidence(post('/oauth2/v1/token', 'code_verifier=dBjftJ****', 200, null))).toBeNull();
    expect(oauthEvidence(post('/oauth2/v1/token', 'grant_type=refresh_token', 200, null))).toBeNull();
  });

  it('records them at ingest even when the recorder masks its bodies in place', () => {
    const store = openStore(':memory:');
    try {
      const ingest = openIngest(store, { kind: 'proxy', file: 'proxy:test', contentHash: null, exposes: false, mode: 'batched', ownsBodies: true });
      const row = ingest.add(post('/oauth2/v1/token', { grant_type: 'authorization_code', code_verifier: VERIFIER }, 200, null));
      ingest.close();
      // Masked like a stored code_challenge, so the pair compares without either value on disk.
      expect(row.evidence.oauth?.verifier?.s256).toMatch(/^E9Mel.*\*{4}#[0-9a-f]{12}$/);
      expect(JSON.stringify(store.exchanges())).not.toContain(VERIFIER);
      expect(JSON.stringify(store.exchanges())).not.toContain(CHALLENGE);
      expect(store.exchanges()[0].evidence.oauth?.verifier?.length).toBe(43);
    } finally {
      store.close();
    }
  });
});

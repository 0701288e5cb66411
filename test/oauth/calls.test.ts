import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/model/exchange.js';
import { oauth } from '../../src/protocols/oauth/index.js';
import { includeMatcher } from '../../src/protocols/include.js';
import { step } from '../helpers/rule-tester.js';

const exchange = (line: string, body: unknown = null, status = 200, response: unknown = null): Exchange => ({
  ...step(line, body, status, response),
  id: 1,
  captureId: 1,
  seq: 1,
  sourceKind: 'har',
  evidence: { exposures: [], passwords: [], notes: [] },
});

describe('which exchanges the oauth module reads', () => {
  it('names each call, on the org and custom authorization servers', () => {
    const cases: [string, unknown, string][] = [
      ['GET https://dev-1.okta.com/oauth2/v1/authorize?client_id=x&response_type=code&state=s', null, 'authorize'],
      ['POST https://dev-1.okta.com/oauth2/default/v1/token', 'grant_type=refresh_token&refresh_token=r', 'token.refresh_token'],
      ['POST https://dev-1.okta.com/oauth2/aus1/v1/token', 'grant_type=client_credentials&scope=api', 'token.client_credentials'],
      ['POST https://dev-1.okta.com/oauth2/v1/token', 'grant_type=password&username=u&password=p', 'token.password'],
      ['GET https://dev-1.okta.com/oauth2/default/v1/userinfo', null, 'userinfo'],
      ['POST https://dev-1.okta.com/oauth2/default/v1/revoke', 'token=t', 'revoke'],
      ['GET https://dev-1.okta.com/oauth2/default/v1/logout?id_token_hint=x', null, 'logout'],
      ['GET https://dev-1.okta.com/oauth2/default/v1/keys', null, 'keys'],
      ['GET https://dev-1.okta.com/.well-known/openid-configuration', null, 'discovery'],
      ['GET https://dev-1.okta.com/oauth2/default/.well-known/oauth-authorization-server', null, 'discovery'],
      ['GET https://app.example/login/callback?code=c&state=s', null, 'callback'],
      ['POST https://app.example/authorization-code/callback', 'code=c&state=s', 'callback'],
      ['GET https://app.example/callback?code=c', null, 'callback'],
    ];
    const seen = cases.map(([line, body]) => {
      const e = exchange(line, body);
      return oauth.claims(e) ? oauth.facts(e).operation : null;
    });
    expect(seen).toEqual(cases.map((c) => c[2]));
  });

  it("leaves Identity Engine's interact and interaction_code grant, Classic authn and plain pages alone", () => {
    for (const [line, body] of [
      ['POST https://dev-1.okta.com/oauth2/v1/interact', 'client_id=x&code_challenge=c'],
      ['POST https://dev-1.okta.com/oauth2/default/v1/token', 'grant_type=interaction_code&interaction_code=i&code_verifier=v'],
      ['POST https://dev-1.okta.com/api/v1/authn', { username: 'u', password: 'p' }],
      ['GET https://app.example/page?state=s', null],
      ['GET https://app.example/.well-known/apple-app-site-association', null],
    ] as const) {
      expect(oauth.claims(exchange(line, body)), line).toBe(false);
    }
  });

  it('its paths are in the default --include, other well-known documents are not', () => {
    const included = includeMatcher();
    expect(['/oauth2/v1/token', '/oauth2/default/v1/authorize', '/t1/oauth2/v2.0/token', '/.well-known/openid-configuration', '/login/callback'].map((p) => included(`https://x${p}`))).toEqual([true, true, true, true, true]);
    expect(included('https://x/.well-known/apple-app-site-association')).toBe(false);
  });
});

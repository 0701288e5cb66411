import type { Exchange } from '../../model/exchange.js';
import type { OAuthStep } from '../../model/oauth.js';
import type { TokenRef } from '../../model/token.js';
import { parseTokenRef } from '../../redact/token.js';
import type { ChainKey, LinkFacts } from '../types.js';
import { callOf } from './calls.js';
import { oauthStepOf } from './step.js';

export interface OAuthFacts extends LinkFacts {
  oauth: OAuthStep;
}

const key = (kind: string, ref: TokenRef | null): ChainKey[] => (ref ? [{ kind, ref }] : []);
const clear = (kind: string, value: string | null | undefined): ChainKey[] => key(kind, parseTokenRef(value ?? null));

/**
 * The PKCE key of an authorize request: its challenge as stored. /token presents the verifier's S256 digest and
 * the verifier itself, each masked like a challenge (VerifierFacts), so either method's pair meets.
 */
function challengeKey(o: OAuthStep): ChainKey[] {
  return o.codeChallenge ? clear('pkce', o.codeChallenge) : [];
}

/**
 * One flow is tied together by what each call presents and receives: the authorize request's state and PKCE
 * challenge, the code its response issues (and the callback and /token present), the verifier's S256 digest
 * at /token, then the refresh, access and id tokens the token response issues.
 */
export function factsOf(e: Exchange): OAuthFacts {
  const info = callOf(e) ?? { call: 'discovery' as const, server: null };
  const o = oauthStepOf(e, info);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 400 && !o.error;
  const bearer = /^bearer\s+(.+)$/i.exec(e.requestHeaders.authorization ?? '')?.[1] ?? null;
  const uses: ChainKey[] = [];
  const issues: ChainKey[] = [];
  switch (o.call) {
    case 'authorize':
      // The challenge only marks the chain for /token: a client reusing one must not merge two flows.
      uses.push(...clear('state', o.state));
      issues.push(...challengeKey(o));
      if (o.response) issues.push(...key('code', o.response.code), ...key('id', o.issued.idToken));
      break;
    case 'callback':
      uses.push(...key('code', o.code), ...clear('state', o.response?.state));
      break;
    case 'token':
      uses.push(...key('code', o.code), ...key('refresh', o.refreshToken), ...clear('pkce', o.verifier?.s256), ...clear('pkce', o.verifier?.plain));
      issues.push(...key('refresh', o.issued.refreshToken), ...key('access', o.issued.accessToken), ...key('id', o.issued.idToken));
      break;
    case 'userinfo':
      uses.push(...clear('access', bearer));
      break;
    case 'revoke':
      uses.push(...key('refresh', o.refreshToken), ...clear('access', bearer));
      break;
    case 'logout':
      uses.push(...clear('id', new URLSearchParams(e.url.split('?')[1] ?? '').get('id_token_hint')));
      break;
  }
  const claims = o.idTokenClaims ?? {};
  return {
    operation: o.call === 'token' ? `token.${o.grantType ?? 'unknown'}` : o.call,
    ok,
    uses,
    issues,
    starts: o.call === 'authorize' || (o.call === 'token' && o.grantType !== 'authorization_code' && o.grantType !== 'refresh_token'),
    ends: ok && (o.call === 'logout' || o.call === 'revoke'),
    // What the client read before a flow (where the endpoints are, which keys sign): no transaction of its own.
    context: o.call === 'discovery' || o.call === 'keys',
    userId: typeof claims.sub === 'string' ? claims.sub : null,
    login: typeof claims.email === 'string' ? claims.email : typeof claims.preferred_username === 'string' ? claims.preferred_username : null,
    oauth: o,
  };
}

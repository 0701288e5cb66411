import type { MockRoute, MockRequest } from '../routes.js';
import { authorize } from './authorize.js';
import { discovery, keys, logout, revoke, userinfo } from './endpoints.js';
import { token } from './token.js';

/** `/oauth2/v1/x` (org server) and `/oauth2/default/v1/x`, plus both discovery paths. */
const ENDPOINT = /^(\/oauth2(?:\/default)?)\/v1\/(authorize|token|userinfo|keys|revoke|logout)$/;
const DISCOVERY = /^(\/oauth2\/default)?\/\.well-known\/(?:openid-configuration|oauth-authorization-server)$/;

/** Identity Engine's interaction_code grant is that route's, not this one's. */
const isForeignGrant = (req: MockRequest | undefined): boolean => req?.body?.grant_type === 'interaction_code';

/** The mock's OAuth 2.0 / OIDC authorization servers (code flow with PKCE, refresh rotation). */
export const oauthRoute: MockRoute = {
  name: 'oauth',
  matches: (method, path, req) => {
    const m = ENDPOINT.exec(path);
    if (m) return !(m[2] === 'token' && isForeignGrant(req));
    return method === 'GET' && DISCOVERY.test(path);
  },
  handle(req, { org }) {
    const m = ENDPOINT.exec(req.path);
    const issuer = `${req.origin}${m ? m[1].replace(/^\/oauth2$/, '') : (DISCOVERY.exec(req.path)?.[1] ?? '')}`;
    if (!m) return discovery(issuer);
    switch (m[2]) {
      case 'authorize':
        return authorize(req, org);
      case 'token':
        return token(req, org, issuer);
      case 'userinfo':
        return userinfo(req, org);
      case 'keys':
        return keys();
      case 'revoke':
        return revoke(req, org);
      default:
        return logout(req);
    }
  },
};

import { pathOf } from '../../http/url.js';
import type { Exchange } from '../../model/exchange.js';
import type { OAuthCall } from '../../model/oauth.js';
import { bodyParams, param, queryOf } from './params.js';

/** `/oauth2/v1/token`, `/oauth2/default/v1/token`, `/{tenant}/oauth2/v2.0/token`. */
const ENDPOINT = /^(.*?\/oauth2(?:\/[^/]+)?)\/v[\d.]+\/(authorize|token|userinfo|revoke|logout|keys|interact)$/i;
const DISCOVERY = /^(.*?)\/\.well-known\/(?:openid-configuration|oauth-authorization-server)$/i;

const BY_NAME: Record<string, OAuthCall> = { authorize: 'authorize', token: 'token', userinfo: 'userinfo', revoke: 'revoke', logout: 'logout', keys: 'keys' };

/** Grants another protocol module reads (Identity Engine's interaction_code). */
const FOREIGN_GRANTS = new Set(['interaction_code']);

export interface CallInfo {
  call: OAuthCall;
  /** The authorization server's base (`https://dev-1.okta.com/oauth2/default`), null for a callback. */
  server: string | null;
}

function originOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '';
}

/**
 * Which OAuth call an exchange is, or null when it is none (or another module's: `/v1/interact` and the
 * interaction_code grant belong to Identity Engine). A callback is a request to any path carrying an
 * authorization response (`code` or `error` with `state`, or on a `…callback` path; in the query or a form_post body).
 */
export function callOf(e: Exchange): CallInfo | null {
  const path = pathOf(e.url);
  const endpoint = ENDPOINT.exec(path);
  if (endpoint) {
    const call = BY_NAME[endpoint[2].toLowerCase()];
    if (!call) return null;
    if (call === 'token' && FOREIGN_GRANTS.has(param(bodyParams(e.requestBody), 'grant_type') ?? '')) return null;
    return { call, server: originOf(e.url) + endpoint[1].replace(/\/oauth2$/i, '') };
  }
  const discovery = DISCOVERY.exec(path);
  if (discovery) return { call: 'discovery', server: originOf(e.url) + discovery[1] };
  const p = e.method === 'POST' ? bodyParams(e.requestBody) : queryOf(e.url);
  // Without state (a client that sends none) the path has to say it is a callback.
  if ((p.has('code') || p.has('error')) && (p.has('state') || /callback/i.test(path))) return { call: 'callback', server: null };
  return null;
}

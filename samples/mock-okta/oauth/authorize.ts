import type { MockReply, MockRequest } from '../routes.js';
import type { MockOrg } from '../org.js';
import { oauthState, randomToken } from './state.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The authorization response: a 302 to the redirect_uri (query), or an auto-submitting form (form_post). */
function respond(redirectUri: string, mode: string | null, params: Record<string, string | null>): MockReply {
  const present = Object.entries(params).filter((e): e is [string, string] => e[1] !== null);
  if (mode === 'form_post') {
    const inputs = present.map(([k, v]) => `<input type="hidden" name="${k}" value="${escape(v)}"/>`).join('');
    return { status: 200, text: `<html><body onload="document.forms[0].submit()"><form method="post" action="${escape(redirectUri)}">${inputs}</form></body></html>`, headers: { 'cache-control': 'no-store' } };
  }
  const url = new URL(redirectUri);
  for (const [k, v] of present) url.searchParams.set(k, v);
  return { status: 302, text: '', headers: { location: url.toString() } };
}

/**
 * GET or POST /authorize for the code flow. The browser counts as signed in as the org's first user, so the
 * code is issued at once. Like Okta: only S256 PKCE, `state` echoed, errors sent back to the redirect_uri.
 */
export function authorize(req: MockRequest, org: MockOrg): MockReply {
  const p = req.method === 'POST' ? new URLSearchParams(req.text) : req.query;
  const get = (name: string) => p.get(name) || null;
  const redirectUri = get('redirect_uri');
  if (!get('client_id') || !redirectUri || !/^https?:\/\//.test(redirectUri)) {
    return { status: 400, text: '<html><body>400 invalid_request: client_id and an absolute redirect_uri are required</body></html>' };
  }
  const state = get('state');
  const mode = get('response_mode');
  const fail = (error: string, description: string) => respond(redirectUri, mode, { error, error_description: description, state });
  if (get('response_type') !== 'code') return fail('unsupported_response_type', 'The response type is not supported by the authorization server.');
  const challenge = get('code_challenge');
  if (challenge && get('code_challenge_method') !== 'S256') return fail('invalid_request', "PKCE code challenge method is not supported. Only 'S256' is supported.");
  const code = randomToken(32);
  oauthState(org).codes.set(code, {
    clientId: get('client_id')!,
    redirectUri,
    scope: get('scope') ?? 'openid',
    nonce: get('nonce'),
    challenge,
    issuedAt: Date.now(),
    used: false,
    user: org.users[0]!,
  });
  return respond(redirectUri, mode, { code, state });
}

import { createHash, randomBytes } from 'node:crypto';

/** A confidential-less (public) client driving the mock over real HTTP, as a native app would. */

export const CLIENT = '0oa1mocknative';
export const REDIRECT = 'http://127.0.0.1:9/callback';

export const newVerifier = (): string => randomBytes(32).toString('base64url');
export const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

export interface Authorized {
  status: number;
  /** Authorization response parameters (Location query or form_post inputs). */
  params: URLSearchParams;
  location: string | null;
  html: string;
}

export async function authorize(base: string, params: Record<string, string>): Promise<Authorized> {
  const q = new URLSearchParams({ client_id: CLIENT, response_type: 'code', scope: 'openid offline_access', redirect_uri: REDIRECT, ...params });
  const res = await fetch(`${base}/oauth2/default/v1/authorize?${q}`, { redirect: 'manual' });
  const html = await res.text();
  const location = res.headers.get('location');
  const out = new URLSearchParams(location ? new URL(location).search : '');
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) out.set(m[1], m[2].replace(/&amp;/g, '&'));
  return { status: res.status, params: out, location, html };
}

export async function token(base: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${base}/oauth2/default/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: CLIENT, ...form }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Authorize (S256) then redeem: the tokens of one clean flow. */
export async function codeFlow(base: string, extra: Record<string, string> = {}) {
  const verifier = newVerifier();
  const auth = await authorize(base, { state: randomBytes(8).toString('hex'), nonce: randomBytes(8).toString('hex'), code_challenge: challengeOf(verifier), code_challenge_method: 'S256', ...extra });
  const code = auth.params.get('code')!;
  const tokens = await token(base, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
  return { verifier, auth, code, tokens };
}

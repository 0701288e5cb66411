import type { TokenRef } from './token.js';

/**
 * OAuth 2.0 / OIDC step data (src/protocols/oauth). Public parameters (state, nonce, code_challenge,
 * redirect_uri) are kept as sent; credentials (code, tokens, verifier) only as redacted references.
 */

export type OAuthCall = 'authorize' | 'callback' | 'token' | 'userinfo' | 'revoke' | 'logout' | 'discovery' | 'keys';

/** What ingest learned from a clear `code_verifier` before redaction replaced it. */
export interface VerifierFacts {
  length: number;
  /** Only `[A-Za-z0-9-._~]` (RFC 7636 §4.1); null when only the stored form was seen (a re-import). */
  charsetOk: boolean | null;
  /**
   * BASE64URL(SHA256(verifier)) masked the way the stored `code_challenge` is: the two are the same string
   * exactly when an S256 pair matches (clear with --raw, like the challenge).
   */
  s256: string;
  /** The verifier itself masked like a `code_challenge`: equal to a plain challenge that matches (null on re-import). */
  plain: string | null;
}

/** OAuth facts recorded in an exchange's evidence at ingest. */
export interface OAuthEvidence {
  verifier?: VerifierFacts;
}

export interface OAuthStep {
  call: OAuthCall;
  /** `https://dev-1.okta.com/oauth2/default`: the authorization server this call went to (null for a callback). */
  server: string | null;
  grantType: string | null;
  responseType: string | null;
  responseMode: string | null;
  clientId: string | null;
  redirectUri: string | null;
  scope: string | null;
  /** state / nonce / code_challenge sent with an authorize request. */
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  /** The authorization response's parameters (the 302 Location, a form_post page, or a callback request). */
  response: { state: string | null; code: TokenRef | null; iss: string | null; error: string | null; tokens: string[] } | null;
  /** The code presented at /token or arriving at the callback. */
  code: TokenRef | null;
  /** A code_verifier was sent, and what ingest learned of it (absent when the evidence had it masked). */
  verifierSent: boolean;
  verifier: VerifierFacts | null;
  /** `none`, `client_secret_post`, `client_secret_basic`, `private_key_jwt`. */
  clientAuth: string | null;
  refreshToken: TokenRef | null;
  issued: { accessToken: TokenRef | null; refreshToken: TokenRef | null; idToken: TokenRef | null };
  /** Claims of the id_token and of a JWT access token (the signature never reaches the database). */
  idTokenClaims: Record<string, unknown> | null;
  accessTokenClaims: Record<string, unknown> | null;
  /** OAuth error code of the response (`invalid_grant`). */
  error: string | null;
  /** Names of credential parameters the request URL carries (`code`, `access_token`, ...). */
  urlSecrets: string[];
  /** The same for the Referer the request sent. */
  refererSecrets: string[];
}

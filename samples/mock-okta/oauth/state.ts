import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { MockOrg } from '../org.js';
import type { MockUser } from '../users.js';

/** What the mock authorization server remembers: issued codes and refresh token families, per org. */

/** Okta: "The code has a lifetime of 60 seconds". */
export const CODE_LIFETIME_MS = 60_000;

export interface IssuedCode {
  clientId: string;
  redirectUri: string | null;
  scope: string;
  nonce: string | null;
  challenge: string | null;
  issuedAt: number;
  used: boolean;
  user: MockUser;
}

export interface RefreshToken {
  clientId: string;
  scope: string;
  user: MockUser;
  family: string;
  /** Rotated away (a new one was issued for it) or revoked. */
  retired: boolean;
}

export interface OAuthState {
  codes: Map<string, IssuedCode>;
  refresh: Map<string, RefreshToken>;
  access: Map<string, { user: MockUser; scope: string }>;
}

const states = new WeakMap<MockOrg, OAuthState>();

export function oauthState(org: MockOrg): OAuthState {
  let state = states.get(org);
  if (!state) states.set(org, (state = { codes: new Map(), refresh: new Map(), access: new Map() }));
  return state;
}

export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** One RSA key per process: tokens are signed like Okta's (RS256, kid), and /keys publishes the public half. */
let key: { privateKey: KeyObject; jwk: Record<string, unknown> } | null = null;
const KID = 'mock-okta-k1';

function signingKey() {
  if (!key) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    key = { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' } };
  }
  return key;
}

export function jwks(): { keys: Record<string, unknown>[] } {
  return { keys: [signingKey().jwk] };
}

export function signJwt(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'RS256', kid: KID, typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), signingKey().privateKey).toString('base64url')}`;
}

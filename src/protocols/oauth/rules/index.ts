import type { Rule } from '../../../model/rule.js';
import { authorizationCodeExpired } from './authorization-code-expired.js';
import { authorizationCodeReuse } from './authorization-code-reuse.js';
import { clientSecretAuth } from './client-secret-auth.js';
import { implicitFlow } from './implicit-flow.js';
import { issuerMissing } from './issuer-missing.js';
import { nonceMissing } from './nonce-missing.js';
import { nonceNotEchoed } from './nonce-not-echoed.js';
import { passwordGrant } from './password-grant.js';
import { pkceDowngrade } from './pkce-downgrade.js';
import { pkceMissing } from './pkce-missing.js';
import { pkcePlain } from './pkce-plain.js';
import { pkceVerifierFormat } from './pkce-verifier-format.js';
import { pkceVerifierMismatch } from './pkce-verifier-mismatch.js';
import { redirect307AfterPost } from './redirect-307-after-post.js';
import { redirectUriMismatch } from './redirect-uri-mismatch.js';
import { refreshTokenReuse } from './refresh-token-reuse.js';
import { stateMissing } from './state-missing.js';
import { stateNotEchoed } from './state-not-echoed.js';
import { tokenInUrl } from './token-in-url.js';

/** The OAuth 2.0 / OIDC rules, sorted by id (test/rules/support/parity.test.ts checks the registry). */
export const OAUTH_RULES: readonly Rule[] = [
  authorizationCodeExpired,
  authorizationCodeReuse,
  clientSecretAuth,
  implicitFlow,
  issuerMissing,
  nonceMissing,
  nonceNotEchoed,
  passwordGrant,
  pkceDowngrade,
  pkceMissing,
  pkcePlain,
  pkceVerifierFormat,
  pkceVerifierMismatch,
  redirect307AfterPost,
  redirectUriMismatch,
  refreshTokenReuse,
  stateMissing,
  stateNotEchoed,
  tokenInUrl,
];

/**
 * What counts as a secret (section 7 of the domain reference). Names are matched case-insensitively,
 * in JSON bodies, form bodies, query strings and headers alike.
 */

/** Linkable credentials: masked to a prefix plus a keyed fingerprint so equal values stay equal. */
export const TOKEN_FIELDS = [
  'stateToken',
  'sessionToken',
  'recoveryToken',
  'activationToken',
  'token',
  'relayState',
  'id_token',
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'client_secret',
  'SAMLResponse',
  'SAMLRequest',
  'interactionHandle',
  'interaction_code',
  'stateHandle',
  'device_secret',
] as const;

/** Knowledge secrets: replaced by their shape; never linkable. */
export const KNOWLEDGE_FIELDS = ['password', 'newPassword', 'oldPassword', 'passCode', 'nextPassCode', 'answer'] as const;

/** Fields whose value is a password: their shape is kept for the policy rules. */
export const PASSWORD_FIELDS = ['password', 'newPassword', 'oldPassword'] as const;

export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-device-fingerprint', 'proxy-authorization'] as const;

const tokenSet = new Set(TOKEN_FIELDS.map((f) => f.toLowerCase()));
const knowledgeSet = new Set(KNOWLEDGE_FIELDS.map((f) => f.toLowerCase()));
const passwordSet = new Set(PASSWORD_FIELDS.map((f) => f.toLowerCase()));
const headerSet = new Set<string>(SECRET_HEADERS);
const COMMON_KEYS = new Set(['status', 'expiresAt', '_embedded', '_links', 'user', 'id', 'passwordChanged', 'profile', 'login',
  'firstName', 'lastName', 'locale', 'timeZone', 'href', 'hints', 'allow', 'name', 'next', 'cancel', 'prev', 'factors',
  'factorType', 'provider', 'vendorName', 'verify', 'policy', 'factorResult', 'recoveryType', 'username', 'email']);

export type SecretClass = 'token' | 'knowledge';

/** The class of a field name, or null when it is not a secret. */
export function classifyField(name: string): SecretClass | null {
  // Most keys in Okta bodies are neither secrets nor case variants of one: skip lower-casing them.
  if (COMMON_KEYS.has(name)) return null;
  const key = name.toLowerCase();
  if (tokenSet.has(key)) return 'token';
  if (knowledgeSet.has(key)) return 'knowledge';
  return null;
}

export function isPasswordField(name: string): boolean {
  return passwordSet.has(name.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  return headerSet.has(name.toLowerCase());
}

/**
 * A value that is already masked in the evidence (`00WSy****`, `r...s@x.com`, `[redacted]`, `xxxxx`)
 * or a plain placeholder is not a clear secret.
 */
export function isMaskedValue(value: string): boolean {
  if (value.length === 0) return true;
  if (/\*{2,}|…|•{2,}|\[(?:redacted|masked|hidden|removed)[^\]]*\]|<[^>]*(?:redacted|token|password|secret)[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}/i.test(value)) return true;
  if (/^(x{3,}|X{3,}|\.{3,}|-+|null|undefined|redacted|masked|hidden|removed|\*+)$/i.test(value)) return true;
  if (/^(?:your|my|the)[_ -]?(?:state|session|recovery)?[_ -]?(?:token|password|answer|code|passcode)(?:[_ -]?here)?$/i.test(value)) return true;
  // "Answer here", "new password here": a placeholder the author typed instead of the value.
  if (/^(?:(?:your|my|the|new|some)\s+)?[a-z]+(?:\s+[a-z]+)?\s+here$/i.test(value)) return true;
  return false;
}

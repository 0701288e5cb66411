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
  'deviceToken',
  'id_token',
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'client_secret',
  'SAMLResponse',
  'SAMLRequest',
  // Redirect-binding signature, SAML artifact (a bearer reference to the assertion), WS-Fed token.
  'Signature',
  'SAMLart',
  'wresult',
  'interactionHandle',
  'interaction_handle',
  'interaction_code',
  // Public, but stored like a token so a verifier can be checked against it (see Redactor.maskVerifier).
  'code_challenge',
  'stateHandle',
  'device_secret',
  // Device authorization (RFC 8628), CIBA and the SAML / JWT bearer grants: each one redeems for tokens.
  'device_code',
  'user_code',
  'auth_req_id',
  'binding_code',
  'assertion',
  'client_assertion',
  'subject_token',
  'actor_token',
] as const;

/** Knowledge secrets: replaced by their shape; never linkable. */
export const KNOWLEDGE_FIELDS = ['password', 'newPassword', 'oldPassword', 'passCode', 'nextPassCode', 'answer', 'activationCode', 'otp', 'totp', 'pin'] as const;

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

/** Names that end like a secret but are not one (a deep link, a token's type, a public key). */
const NOT_SECRET = new Set(['relaystate', 'tokentype', 'token_type', 'publickey', 'public_key', 'keyid', 'key_id', 'tokenendpoint', 'token_endpoint', 'idempotencykey', 'idempotency-key', 'passwordchanged', 'passwordexpired', 'factorkey']);
/** Knowledge by its name's ending: `userPassword`, `sms_passcode`, `verificationCode`, `oldPwd`, `securityAnswer`, `mfa_code`. */
const KNOWLEDGE_SUFFIX = /(?:(?:password|passwort|passwd|pass_word|pwd)(?:_?confirm(?:ation)?)?|passcode|passphrase|pincode|pin_code|answer|otp|(?:sms|email|mfa|otp|totp|voice|call|push|verify|verification|onetime|one_time_|security|recovery|backup)_?code)$/;
/** Short names for a password seen in client code (`{ user, pass }`): exact, since `pass` ends `bypass`. */
const KNOWLEDGE_SHORT = new Set(['pass', 'pw', 'pwd']);
/** Credentials by their name's ending: `*Token`, `*_secret`, `x-api-key`, `apiKey`, `sharedSecret`. */
const TOKEN_SUFFIX = /(?:token|secret|apikey|api_key|api-key|[-_]key|accesskey|privatekey|sessionid|session_id|jsessionid)$/;

const memo = new Map<string, SecretClass | null>();

/**
 * The class of a field name, or null when it is not a secret: the same answer for a JSON key at any depth, a
 * form or query parameter, a header and a pasted `name: value`, whatever the case.
 */
export function classifyField(name: string): SecretClass | null {
  // Most keys in Okta bodies are neither secrets nor case variants of one: skip lower-casing them.
  if (COMMON_KEYS.has(name) || name === '') return null;
  const known = memo.get(name);
  if (known !== undefined) return known;
  const cls = classifyName(name);
  if (memo.size > 10_000) memo.clear();
  memo.set(name, cls);
  return cls;
}

function classifyName(name: string): SecretClass | null {
  // A Rails or PHP form field names its member last: `user[password]`, `user%5Bpassword%5D`.
  const member = /(?:\[|%5B)([^[\]%]+)(?:\]|%5D)$/i.exec(name);
  if (member) return classifyName(member[1]!);
  const key = name.toLowerCase();
  if (NOT_SECRET.has(key)) return null;
  if (tokenSet.has(key)) return 'token';
  if (knowledgeSet.has(key) || KNOWLEDGE_SHORT.has(key)) return 'knowledge';
  if (KNOWLEDGE_SUFFIX.test(key)) return 'knowledge';
  if (TOKEN_SUFFIX.test(key) || /[a-z]Key$/.test(name) || key === 'sid') return 'token';
  return null;
}

export function isPasswordField(name: string): boolean {
  return passwordSet.has(name.toLowerCase());
}

const secretHeaderMemo = new Map<string, boolean>();

/** Authorization, cookies, and any `*-key`, `*-token`, `*-secret` header (`X-API-Key`, `X-Session-Token`). */
export function isSecretHeader(name: string): boolean {
  // Every header of every recorded exchange is asked about, and the names repeat.
  const known = secretHeaderMemo.get(name);
  if (known !== undefined) return known;
  const key = name.toLowerCase();
  const bare = key.replace(/[-_]/g, '');
  const secret =
    !CORS_HEADER.test(key) &&
    (headerSet.has(key) ||
    SECRET_HEADER_NAME.test(key) ||
    (!NOT_SECRET.has(key) && !NOT_SECRET.has(bare) && (/(?:^|-)(?:key|token|secret|apikey|session|sessionid)$/.test(key) || KNOWLEDGE_SUFFIX.test(bare) || TOKEN_SUFFIX.test(bare))));
  if (secretHeaderMemo.size > 10_000) secretHeaderMemo.clear();
  secretHeaderMemo.set(name, secret);
  return secret;
}

/**
 * Header names that carry credentials whatever their prefix: `X-Forwarded-Authorization`, `X-Auth`,
 * `X-Okta-Credentials`, `X-User-Password` (the suffix rules above need a hyphen before `token` or `key`).
 */
const SECRET_HEADER_NAME = /authorization|credential|(?:^|-)auth$|passw(?:or)?d|passcode/;

/**
 * CORS headers name credentials without carrying any (`Access-Control-Allow-Credentials: true`,
 * `Access-Control-Allow-Headers: Authorization`): never secrets, whatever words they hold.
 */
const CORS_HEADER = /^access-control-/;

/**
 * A value written like an Authorization header's (a scheme, then a credential of 8 or more characters): a
 * credential under any name, as proxies and gateways forward it (`X-Forwarded-Authorization: Bearer …`).
 * Not a challenge (`WWW-Authenticate: Bearer realm="okta"`): its parameters name no credential.
 */
export const AUTH_SCHEME_VALUE = /^(?:Bearer|Basic|SSWS|Digest|Negotiate|NTLM|DPoP)\s+(?![\w-]+=")\S{8,}/i;

/** Whether a header's value is a secret: by its name (isSecretHeader), or because it is written as a credential. */
export function isSecretHeaderValue(name: string, value: string): boolean {
  return isSecretHeader(name) || (AUTH_SCHEME_VALUE.test(value) && !CORS_HEADER.test(name.toLowerCase()));
}

/** A JWT (the signature makes it a bearer credential) anywhere in a text. */
export const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+/g;
/**
 * Okta's own token shapes, whatever the field: stateTokens and API tokens (`00` then 38+ characters),
 * sessionTokens (`20111` then 20+). User and factor ids (`00u…`, 20 characters) are shorter.
 */
export const OKTA_TOKEN_IN_TEXT = /(?<![A-Za-z0-9_*#-])(?:00[A-Za-z0-9_-]{38,}|20111[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_*#-])/g;

/** Only quotes: a shell splicing a variable into a quoted body (`"passCode": "\'"$code"\'"`), not a value. */
const ONLY_QUOTES = /^(?:\\?['"`])+$/;

/**
 * A value that is already masked in the evidence (`00WSy****`, `r...s@x.com`, `[redacted]`, `xxxxx`)
 * or a plain placeholder is not a clear secret.
 */
export function isMaskedValue(value: string): boolean {
  if (value.length === 0) return true;
  if (ONLY_QUOTES.test(value)) return true;
  if (isExporterMask(value) || OWN_MASK_HEAD.test(value)) return true;
  if (/\*{2,}|…|•{2,}|\[(?:[\w -]*\s)?(?:redacted|masked|hidden|removed|omitted)[^\]]*\]|<[^<>]*(?:redacted|token|password|secret)[^<>]*>|\{\{[^{}]*\}\}|\$\{[^{}]*\}/i.test(value)) return true;
  if (/^(x{3,}|X{3,}|\.{3,}|-+|null|undefined|redacted|masked|hidden|removed|\*+)$/i.test(value)) return true;
  if (/^(?:your|my|the)[_ -]?(?:state|session|recovery)?[_ -]?(?:token|password|answer|code|passcode)(?:[_ -]?here)?$/i.test(value)) return true;
  // "Answer here", "new password here": a placeholder the author typed instead of the value.
  if (/^(?:(?:your|my|the|new|some)\s+)?[a-z]+(?:\s+[a-z]+)?\s+here$/i.test(value)) return true;
  return PLACEHOLDER.test(value) || PLACEHOLDER_WORD.test(value);
}

/**
 * A placeholder typed where the value was: a template's `{stateToken}`, a shell's `$STATE_TOKEN` or cmd's
 * `%STATE_TOKEN%`, `[token]`, Rails' `[FILTERED]`, `(removed)`, `<hidden>`. No token, key or cookie has that shape.
 */
const PLACEHOLDER = /^(?:\{[A-Za-z_][\w.-]*\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|\[[A-Za-z_][\w .-]*\]|\((?:redacted|removed|hidden|omitted|masked|filtered|snip(?:ped)?|truncated)\)|<[A-Za-z_][\w .-]*>)$/i;
/** A placeholder word (`REDACTED_TOKEN`, `token-redacted`, `FILTERED`, `TOKEN_HERE`, `state_token_here`). */
const PLACEHOLDER_WORD = /^(?:[a-z]+[_-])*(?:redacted|removed|omitted|masked|filtered|placeholder)(?:[_-][a-z]+)*$|^(?:[a-z]+[_-])*(?:token|key|secret|cookie|code)[_-]?here$/i;

/** A visible head and a marker where the rest was cut (`00ab<snip>`, `00abc[truncated]`, `00abc(redacted)`, `00abc####`). */
const CUT_TAIL = /^.{2,}?(?:<(?:snip|snipped|redacted|removed|truncated|cut)>|\[(?:snip|snipped|redacted|removed|truncated|cut)\]|\((?:snip|snipped|redacted|removed|truncated|cut)\)|-(?:redacted|removed|snip)|#{3,})$/is;

/**
 * The head of a mask as a rule that stops at white space reads it (`[redacted` of `[redacted password len=9]`,
 * `%5Bredacted…` in a form): already masked, not a new value to mask over again.
 */
const OWN_MASK_HEAD = /^(?:\[|%5B)(?:redacted|masked|hidden|removed)\b/i;

/**
 * A password, passcode or answer that is masked or a placeholder as a whole (`********`, `[redacted]`,
 * `<password>`, `{{password}}`, `${PASSWORD}`, `your password here`): stricter than isMaskedValue, since a real
 * password may hold `**`, `{{…}}` or `…` inside, or read like "right here", and must then be masked.
 */
export function isMaskedKnowledge(value: string): boolean {
  if (value.length === 0 || ONLY_QUOTES.test(value) || isExporterMask(value) || OWN_MASK_HEAD.test(value)) return true;
  if (/^(?:[*•]{2,}|x{3,}|\.{3,}|…|-+|null|undefined|redacted|masked|hidden|removed)$/i.test(value)) return true;
  if (/^(?:\[[^\]]*(?:redacted|masked|hidden|removed|omitted|filtered)[^\]]*\]|\((?:redacted|masked|hidden|removed|omitted|filtered)\)|<(?:your[_ -]?|new[_ -]?)*(?:password|passcode|answer|secret|code|pin|redacted|removed|hidden)>|\{\{[^}]*\}\}|\$\{[^}]*\}|[*•]+ \(\d+ chars\))$/i.test(value)) return true;
  // A shell's or cmd's environment variable left unexpanded (`$OKTA_PASSWORD`, `%PASSWORD%`): upper case, as
  // PLACEHOLDER's, but no lower-case `$ecret1`, which can be a password.
  if (/^(?:\$[A-Z][A-Z0-9_]{2,}|%[A-Z][A-Z0-9_]{2,}%)$/.test(value)) return true;
  // Named for what it stands for and said to be a placeholder: `your_password`, `Answer here`; never a bare word.
  return /^(?:(?:your|my|the|some)[_ -]?(?:new[_ -]?)?(?:password|passcode|answer|code|pin)(?:[_ -]?here)?|(?:new[_ -]?)?(?:password|passcode|answer|code|pin)[_ -]?here)$/i.test(value);
}

/**
 * A token value that is masked or a placeholder: as isMaskedValue, and also one with `...` inside
 * (`00abc...xyz`, the head and tail a forum post kept). No Okta token, JWT or OAuth value holds three dots;
 * a password may, so this is for tokens only.
 */
export function isMaskedToken(value: string): boolean {
  return isMaskedValue(value) || value.includes('...') || MASKED_TOKEN_END.test(value) || CUT_TAIL.test(value);
}

/**
 * A token whose tail (or head) a person replaced with X's (`VBQ0gXXXX`, `xxxx1234`): a random token ends in
 * four of the same-case letter once in about a million, so that is a mask, not the token.
 */
const MASKED_TOKEN_END = /^.{2,}(?:x{4,}|X{4,})$|^(?:x{4,}|X{4,}).{2,}$/s;

/** Whether a value of a field of this class is already masked (or a placeholder) in the evidence. */
export function isMaskedAs(cls: SecretClass, value: string): boolean {
  return cls === 'token' ? isMaskedToken(value) : isMaskedKnowledge(value);
}

/**
 * SAML-tracer's export masks (okta-idx.md 3.1.3): `{hash:<sha256 hex>}` keeps equality (and PKCE checks),
 * `{obf:alternative_<n>}` only equality. A hash of a token is not the token; of a password it can be guessed.
 */
export function isExporterMask(value: string): boolean {
  return /^\{(?:hash:[0-9a-f]{64}|obf:alternative_\d+)\}$/.test(value);
}

/** The keys that name a value in a name/value pair object, and those that hold it. */
const PAIR_NAME_KEYS = ['name', 'key', 'Name', 'Key', 'field', 'param', 'parameter'] as const;
export const PAIR_VALUE_KEYS: ReadonlySet<string> = new Set(['value', 'Value', 'val', 'current_value', 'currentValue', 'initial_value', 'initialValue', 'default']);

/** The secret's name when `object` is a pair whose name key names one and which holds a value key; else null. */
export function pairName(object: Record<string, unknown>): string | null {
  for (const k of PAIR_NAME_KEYS) {
    const n = object[k];
    if (typeof n !== 'string' || !classifyField(n)) continue;
    for (const v of PAIR_VALUE_KEYS) if (v in object) return n;
    return null;
  }
  return null;
}

/**
 * `code: 'ERR_BAD_REQUEST'`, `"code": "ECONNRESET"`: the error code of an axios or Node error dump, not an
 * OAuth authorization code (random, mixed case). Upper-case words joined by `_`, or Node's `E` and capitals.
 * And an HTTP status with its reason (`Status Code: 200 OK`, DevTools' copy of a request's General section).
 */
export function isErrorCode(field: string, value: string): boolean {
  return field.toLowerCase() === 'code' && /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|E[A-Z]{4,}|[1-5]\d\d(?: [A-Z][A-Za-z-]*(?: [A-Za-z-]+)*)?)$/.test(value);
}

/**
 * `token:software:totp`, `token:hotp`, `token:hardware`: Okta's factorType names, a word joined to lowercase
 * words by bare colons, read by the `name: value` rules as a `token` named `software:totp`. No token is
 * lowercase letters only (a password may be).
 */
export function isColonJoinedWord(cls: SecretClass | null, sep: string, value: string): boolean {
  return cls === 'token' && sep === ':' && /^[a-z]+(?::[a-z]+)*$/.test(value);
}

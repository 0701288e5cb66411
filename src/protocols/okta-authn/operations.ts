/**
 * Okta authn operations and how to recognise them from method, path and request body keys
 * (okta-authn.md section 3). Paths are matched without host or query string and case-insensitively,
 * as Okta is (`/recovery/factors/SMS/verify` and `/sms/verify` are the same call).
 */
import { pathOf } from '../../http/url.js';
import { memoize } from '../../model/memo.js';

export { pathOf };

export const OPERATION_IDS = [
  'primary',
  'state',
  'step-up',
  'introspect',
  'recovery.password',
  'recovery.unlock',
  'recovery.token',
  'recovery.answer',
  'recovery.factors.verify',
  'recovery.factors.resend',
  'credentials.reset_password',
  'credentials.change_password',
  'factors.enroll',
  'factors.activate',
  'factors.activate.poll',
  'factors.resend',
  'factors.verify',
  'factors.verify.resend',
  'previous',
  'skip',
  'cancel',
  'unknown',
] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** How each operation looks on the wire (okta-authn.md section 3): path as the reference writes it, telling body keys. */
export const OPERATIONS: Readonly<Record<OperationId, { path: string; body: string; describe: string }>> = {
  primary: { path: '/api/v1/authn', body: 'username,password | token', describe: 'primary authentication, or activation with a token' },
  state: { path: '/api/v1/authn', body: 'stateToken only', describe: 'get the transaction state' },
  'step-up': { path: '/api/v1/authn', body: 'stateToken,username,password', describe: 'authenticate inside a step-up transaction' },
  introspect: { path: '/api/v1/authn/introspect', body: 'stateToken', describe: 'get the transaction state (SDK)' },
  'recovery.password': { path: '/api/v1/authn/recovery/password', body: 'username[,factorType]', describe: 'forgot password' },
  'recovery.unlock': { path: '/api/v1/authn/recovery/unlock', body: 'username[,factorType]', describe: 'unlock account' },
  'recovery.token': { path: '/api/v1/authn/recovery/token', body: 'recoveryToken', describe: 'exchange a recovery token for a stateToken' },
  'recovery.answer': { path: '/api/v1/authn/recovery/answer', body: 'stateToken,answer', describe: 'answer the recovery question' },
  'recovery.factors.verify': { path: '/api/v1/authn/recovery/factors/{sms|call}/verify', body: 'stateToken,passCode', describe: 'verify the recovery factor' },
  'recovery.factors.resend': { path: '/api/v1/authn/recovery/factors/{sms|call}/resend', body: 'stateToken', describe: 'resend the recovery code' },
  'credentials.reset_password': { path: '/api/v1/authn/credentials/reset_password', body: 'stateToken,newPassword', describe: 'set a new password after recovery' },
  'credentials.change_password': { path: '/api/v1/authn/credentials/change_password', body: 'stateToken,oldPassword,newPassword', describe: 'change an expired or expiring password' },
  'factors.enroll': { path: '/api/v1/authn/factors', body: 'stateToken,factorType,provider,profile', describe: 'enroll a factor' },
  'factors.activate': { path: '/api/v1/authn/factors/{id}/lifecycle/activate', body: 'stateToken,passCode', describe: 'activate an enrolled factor' },
  'factors.activate.poll': { path: '/api/v1/authn/factors/{id}/lifecycle/activate/poll', body: 'stateToken', describe: 'poll a push activation' },
  'factors.resend': { path: '/api/v1/authn/factors/{id}/lifecycle/resend', body: 'stateToken', describe: 'resend the activation code or push' },
  'factors.verify': { path: '/api/v1/authn/factors/{id}/verify', body: 'stateToken[,passCode|answer]', describe: 'send a challenge, verify it, or poll a push' },
  'factors.verify.resend': { path: '/api/v1/authn/factors/{id}/verify/resend', body: 'stateToken', describe: 'resend the challenge' },
  previous: { path: '/api/v1/authn/previous', body: 'stateToken', describe: 'go back to the previous state' },
  skip: { path: '/api/v1/authn/skip', body: 'stateToken', describe: 'skip an optional step' },
  cancel: { path: '/api/v1/authn/cancel', body: 'stateToken', describe: 'cancel the transaction' },
  unknown: { path: '(other)', body: '', describe: 'not an authn operation authtrail knows' },
};

export function isOperationId(value: string): value is OperationId {
  return (OPERATION_IDS as readonly string[]).includes(value);
}

export interface OperationInfo {
  /** Starts a transaction of its own: it carries no stateToken, so any earlier state does not constrain it. */
  startsTransaction: boolean;
  /** Reads the transaction without moving it (get state, introspect). */
  readOnly: boolean;
  /** Sets a password: passwordChanged may advance at this call. */
  setsPassword: boolean;
}

const STARTERS: readonly OperationId[] = ['primary', 'recovery.password', 'recovery.unlock', 'recovery.token'];
const READERS: readonly OperationId[] = ['state', 'introspect'];
const PASSWORD_SETTERS: readonly OperationId[] = ['credentials.reset_password', 'credentials.change_password'];

/** What is known of each operation, made once: linking and several rules ask on every step. Shared: read only. */
const INFOS = new Map<string, Readonly<OperationInfo>>(OPERATION_IDS.map((op) => [op, infoOf(op)]));

export function operationInfo(id: string): Readonly<OperationInfo> {
  return INFOS.get(id) ?? infoOf(id);
}

function infoOf(id: string): Readonly<OperationInfo> {
  const op = id as OperationId;
  return Object.freeze({
    startsTransaction: STARTERS.includes(op),
    readOnly: READERS.includes(op),
    setsPassword: PASSWORD_SETTERS.includes(op),
  });
}

/** Body keys that carry a factor credential: with one, a verify call checks a code instead of sending one. */
export const CREDENTIAL_KEYS: readonly string[] = ['passCode', 'answer', 'clientData', 'signatureData', 'authenticatorData', 'attestation', 'registrationData'];

/** Tail patterns after `/api/v1/authn`, first match wins. `{id}` segments are factor ids or types. */
const TAILS: readonly [RegExp, OperationId][] = [
  [/^\/introspect$/, 'introspect'],
  [/^\/recovery\/password$/, 'recovery.password'],
  [/^\/recovery\/unlock$/, 'recovery.unlock'],
  [/^\/recovery\/token$/, 'recovery.token'],
  [/^\/recovery\/answer$/, 'recovery.answer'],
  [/^\/recovery\/factors\/[^/]+\/verify$/, 'recovery.factors.verify'],
  [/^\/recovery\/factors\/[^/]+\/resend$/, 'recovery.factors.resend'],
  [/^\/credentials\/reset_password$/, 'credentials.reset_password'],
  [/^\/credentials\/change_password$/, 'credentials.change_password'],
  [/^\/factors$/, 'factors.enroll'],
  [/^\/factors\/[^/]+\/lifecycle\/activate$/, 'factors.activate'],
  [/^\/factors\/[^/]+\/lifecycle\/activate\/poll$/, 'factors.activate.poll'],
  // `.../lifecycle/activate/sms|email` re-sends the activation code (transition E5), like `/lifecycle/resend`.
  [/^\/factors\/[^/]+\/lifecycle\/activate\/[^/]+$/, 'factors.resend'],
  [/^\/factors\/[^/]+\/lifecycle\/resend$/, 'factors.resend'],
  [/^\/factors\/[^/]+\/verify$/, 'factors.verify'],
  [/^\/factors\/[^/]+\/verify\/resend$/, 'factors.verify.resend'],
  [/^\/previous$/, 'previous'],
  [/^\/skip$/, 'skip'],
  [/^\/cancel$/, 'cancel'],
];

/** Whether the URL is a call of the Classic Authentication API (`/api/v1/authn` or below it). */
export function isAuthnPath(url: string): boolean {
  return authnTail(url) !== null;
}

/**
 * The part of the path after `/api/v1/authn`, lower-cased; null when the path is not an authn call. Remembered
 * like pathOf: claiming and recognizing an exchange both ask, for the same few URLs.
 */
const authnTail: (url: string) => string | null = memoize((url) => {
  const path = pathOf(url).toLowerCase();
  const at = path.indexOf('/api/v1/authn');
  if (at < 0) return null;
  const tail = path.slice(at + '/api/v1/authn'.length);
  return tail === '' || tail.startsWith('/') ? tail : null;
});

/** The operation a tail below `/api/v1/authn` names (the first of TAILS to match), remembered per tail. */
const tailOperation: (tail: string) => OperationId = memoize((tail) => {
  for (const [pattern, id] of TAILS) if (pattern.test(tail)) return id;
  return 'unknown';
});

function primaryVariant(keys: ReadonlySet<string>): OperationId {
  const hasState = keys.has('stateToken');
  const hasCredentials = keys.has('username') || keys.has('password');
  if (hasState && hasCredentials) return 'step-up';
  if (hasState) return 'state';
  return 'primary';
}

/**
 * The operation a request performs. Body keys decide between the calls that share `/api/v1/authn`
 * (`{username,password}` or `{token}` primary, `{stateToken}` get state, `{stateToken,username,password}` step-up).
 * Requests that are not a POST to an authn path are `unknown` (CORS preflights, pages, other APIs).
 */
export function recognizeOperation(method: string, path: string, bodyKeys: Iterable<string> = []): OperationId {
  const verb = (method || 'POST').toUpperCase();
  if (verb !== 'POST') return 'unknown';
  const tail = authnTail(path);
  if (tail === null) return 'unknown';
  if (tail === '') return primaryVariant(new Set(bodyKeys));
  return tailOperation(tail);
}

/** The factor id (or type) a `/factors/{id}/...` path names, in its original case; null for other paths. */
export function factorIdOf(url: string): string | null {
  // Most URLs name no factor: those without `/factors/` anywhere are answered without reading their path.
  return NAMES_FACTORS.test(url) ? factorIdOfPath(pathOf(url)) : null;
}

/** Found in every URL whose path factorIdOfPath matches (the path only drops and merges characters of the URL). */
const NAMES_FACTORS = /\/factors\//i;

/** factorIdOf by path, remembered: every step of a push poll asks about the same path. */
const factorIdOfPath = memoize((path: string): string | null => {
  const m = /\/api\/v1\/authn\/factors\/([^/]+)\//i.exec(`${path}/`);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
});

/** The recovery factor (`sms`, `call`) a `/recovery/factors/{type}/...` path names, lower-cased. */
export function recoveryFactorOf(url: string): string | null {
  const m = /\/api\/v1\/authn\/recovery\/factors\/([^/]+)\//i.exec(`${pathOf(url)}/`);
  return m ? m[1].toLowerCase() : null;
}

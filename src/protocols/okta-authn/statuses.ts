import table from './okta-authn-transitions.json' with { type: 'json' };

/**
 * The vocabularies of Okta's Classic Authentication API (okta-authn.md section 2). Unknown values are
 * classified, never rejected: the evidence may come from a newer Okta pipeline or from a broken paste.
 */

export const DOCUMENTED_STATUSES: readonly string[] = table.statuses_documented;
const DOCUMENTED: ReadonlySet<string> = new Set(DOCUMENTED_STATUSES);

/** Statuses the SDKs handle but Okta's reference does not document (newer pipeline, tokens starting `01`). */
export const SDK_STATUSES: readonly string[] = table.statuses_undocumented_seen_in_sdk.map((s) => s.replace(/\(.*$/, ''));

/** Timeline pseudo-states (src/model/transaction.ts): no transaction yet, cancelled, state not in the evidence. */
export const PSEUDO_STATES: readonly string[] = ['START', 'CANCELLED', 'UNKNOWN'];

export type StatusClass = 'documented' | 'sdk' | 'pseudo' | 'unknown';

export function classifyStatus(status: string | null | undefined): StatusClass {
  if (!status) return 'unknown';
  if (DOCUMENTED_STATUSES.includes(status)) return 'documented';
  if (PSEUDO_STATES.includes(status)) return 'pseudo';
  if (SDK_STATUSES.includes(status)) return 'sdk';
  return 'unknown';
}

/** The two-factor states in which a second factor is still pending. */
export const MFA_STATES: readonly string[] = ['MFA_REQUIRED', 'MFA_CHALLENGE', 'MFA_ENROLL', 'MFA_ENROLL_ACTIVATE'];

/** States after which a stateToken must not be used again (step-up SUCCESS excepted, see success-shape). */
export const TERMINAL_STATES: readonly string[] = ['SUCCESS', 'CANCELLED'];

export function isMfaState(status: string | null | undefined): boolean {
  return !!status && MFA_STATES.includes(status);
}

/** Statuses the transition table speaks about; rules that compare against the table skip the others. */
export function isModelled(status: string | null | undefined): boolean {
  return !!status && (DOCUMENTED.has(status) || status === 'START' || status === 'CANCELLED');
}

/** `factorResult` values (section 2). A wrong passcode is not one of them: it is 403 E0000068. */
export const FACTOR_RESULTS: readonly string[] = [
  'WAITING',
  'CHALLENGE',
  'SUCCESS',
  'REJECTED',
  'TIMEOUT',
  'TIME_WINDOW_EXCEEDED',
  'PASSCODE_REPLAYED',
  'CANCELLED',
  'ERROR',
  'FAILED',
];

/** Results after which a push challenge cannot succeed without a new verify. */
export const TERMINAL_FACTOR_RESULTS: readonly string[] = ['REJECTED', 'TIMEOUT'];

export function classifyFactorResult(value: string | null | undefined): 'known' | 'unknown' | 'absent' {
  if (value === null || value === undefined || value === '') return 'absent';
  return FACTOR_RESULTS.includes(value) ? 'known' : 'unknown';
}

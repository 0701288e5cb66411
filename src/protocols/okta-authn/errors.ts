/**
 * The Okta error codes the authn state machine produces (Okta error code catalog), classified by what they
 * say about the transaction. Unknown codes are kept as `other`.
 */

export type ErrorKind =
  | 'invalid-token'
  | 'not-allowed'
  | 'bad-credential'
  | 'bad-answer'
  | 'locked'
  | 'rate-limited'
  | 'policy'
  | 'recovery'
  | 'other';

export interface ErrorCodeInfo {
  code: string;
  summary: string;
  kind: ErrorKind;
}

const CODES: readonly ErrorCodeInfo[] = [
  { code: 'E0000001', summary: 'API validation failed', kind: 'other' },
  { code: 'E0000004', summary: 'Authentication failed', kind: 'bad-credential' },
  { code: 'E0000006', summary: 'You do not have permission to perform the requested action', kind: 'not-allowed' },
  { code: 'E0000011', summary: 'Invalid token provided', kind: 'invalid-token' },
  { code: 'E0000014', summary: 'Update of credentials failed', kind: 'policy' },
  { code: 'E0000034', summary: 'Forgot password not allowed on specified user', kind: 'recovery' },
  { code: 'E0000047', summary: 'API call exceeded rate limit', kind: 'rate-limited' },
  { code: 'E0000068', summary: 'Invalid Passcode/Answer', kind: 'bad-credential' },
  { code: 'E0000069', summary: 'User Locked', kind: 'locked' },
  { code: 'E0000079', summary: 'This operation is not allowed in the current authentication state', kind: 'not-allowed' },
  { code: 'E0000080', summary: 'The password does not meet the complexity requirements', kind: 'policy' },
  { code: 'E0000087', summary: 'The recovery question answer did not match our records', kind: 'bad-answer' },
  { code: 'E0000095', summary: 'Recovery not allowed for unknown user', kind: 'recovery' },
  { code: 'E0000105', summary: 'You have accessed an account recovery link that has expired or been previously used', kind: 'recovery' },
  { code: 'E0000109', summary: 'An SMS message was recently sent. Please wait 30 seconds before trying again', kind: 'rate-limited' },
  { code: 'E0000118', summary: 'A verification email was recently sent. Please wait before trying again', kind: 'rate-limited' },
  { code: 'E0000133', summary: 'A phone call was recently made. Please wait before trying again', kind: 'rate-limited' },
];

export function errorCodeInfo(code: string | null | undefined): ErrorCodeInfo | null {
  if (!code) return null;
  return CODES.find((c) => c.code === code) ?? { code, summary: 'unrecognised error code', kind: 'other' };
}

/** Errors that mean a guess was wrong: wrong passcode, wrong recovery answer, wrong password. */
export function isFailedGuess(code: string | null | undefined): boolean {
  return code === 'E0000068' || code === 'E0000087' || code === 'E0000004';
}

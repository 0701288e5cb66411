/**
 * HTTP statuses for responses pasted without one. Okta answers every authn call with a JSON transaction
 * (2xx) or an error body whose errorCode fixes the status (Okta error code catalog).
 */
const STATUS_BY_ERROR_CODE: Record<string, number> = {
  E0000001: 400, // API validation failed
  E0000003: 400, // the request body was not well-formed
  E0000004: 401, // authentication failed
  E0000005: 403, // invalid session
  E0000006: 403, // access denied
  E0000007: 404, // not found
  E0000009: 500, // internal server error
  E0000011: 401, // invalid token provided
  E0000015: 403, // feature not enabled
  E0000022: 405, // the endpoint does not support the method
  E0000047: 429, // rate limit exceeded
  E0000068: 403, // invalid passcode/answer
  E0000069: 403, // user locked (too many MFA failures)
  E0000079: 403, // operation not allowed in the current authentication state
  E0000080: 403, // password does not meet complexity requirements
  E0000087: 403, // recovery question answer did not match
  E0000105: 403, // recovery link expired or already used
};

export interface InferredStatus {
  status: number;
  note: string;
}

/** The status a pasted body implies: errorCode's status, 400 for an unknown errorCode, else 200. */
export function inferStatus(body: unknown): InferredStatus {
  const code = errorCode(body);
  if (code === null) return { status: 200, note: 'HTTP status not given: 200 inferred from the body' };
  const known = STATUS_BY_ERROR_CODE[code];
  if (known !== undefined) return { status: known, note: `HTTP status not given: ${known} inferred from ${code}` };
  // An error body never comes with a 2xx; 400 keeps it an error without claiming a specific meaning.
  return { status: 400, note: `HTTP status not given: unknown ${code}, 400 assumed` };
}

function errorCode(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const code = (body as Record<string, unknown>).errorCode;
  return typeof code === 'string' && code !== '' ? code : null;
}

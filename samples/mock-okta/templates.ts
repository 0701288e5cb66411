import { readFileSync } from 'node:fs';

/**
 * Response shapes taken from Okta's own SDK fixtures (see fixtures/SOURCES.txt). The mock copies their
 * structure (policy, factor profiles, error bodies) and fills in its own tokens, times, user and links.
 */

type Json = Record<string, any>;

function load(name: string): Json {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  const json = JSON.parse(text) as Json;
  // xhr fixtures wrap the body as { status, responseType, response }.
  return 'responseType' in json ? (json.response as Json) : json;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

const recoveryAnswer = load('widget-recovery-answer.json');
const mfaRequired = load('widget-mfa-required-email.json');
const pushRejected = load('widget-xhr-MFA_CHALLENGE_push_rejected.json');
const emailRecovery = load('widget-xhr-RECOVERY_CHALLENGE_EMAIL_PWD.json');

const errors: Record<string, Json> = {
  E0000011: load('widget-xhr-ERROR_invalid_token.json'),
  E0000068: load('widget-xhr-MFA_VERIFY_invalid_answer.json'),
  E0000079: load('widget-xhr-ERROR_OPERATION_NOT_ALLOWED.json'),
  E0000080: load('widget-xhr-PASSWORD_RESET_error.json'),
  E0000105: load('widget-xhr-RECOVERY_EXPIRED_error.json'),
  // From Okta's error-code catalog; no SDK fixture carries these.
  E0000004: { errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] },
  E0000087: {
    errorCode: 'E0000087',
    errorSummary: 'The recovery question answer did not match our records.',
    errorCauses: [],
  },
  E0000007: { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found', errorCauses: [] },
  E0000001: { errorCode: 'E0000001', errorSummary: 'Api validation failed', errorCauses: [] },
  E0000003: { errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.', errorCauses: [] },
  E0000022: { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method', errorCauses: [] },
};

export type ErrorCode = keyof typeof errors;

/** An error body with a fresh errorId, shaped like Okta's. */
export function errorBody(code: string, summary?: string): Json {
  const body = clone(errors[code] ?? errors.E0000001!);
  delete body.headers;
  body.errorLink = code;
  body.errorId = `oae${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`;
  if (summary) body.errorSummary = summary;
  return body;
}

/** The password policy advertised in PASSWORD_RESET (complexity and age from the widget fixture). */
export function passwordPolicy(overrides: Json = {}): Json {
  return { ...clone(recoveryAnswer._embedded.policy), ...overrides };
}

/** The remember-device policy embedded in MFA states. */
export function rememberDevicePolicy(): Json {
  return clone(mfaRequired._embedded.policy);
}

/** Factor shapes (without links) by type, taken from the fixtures. */
export function factorTemplate(type: 'email' | 'sms' | 'push'): Json {
  if (type === 'email') {
    const { _links, ...factor } = clone(mfaRequired._embedded.factors[0]);
    return factor;
  }
  if (type === 'push') {
    const factor = clone(pushRejected._embedded.factor);
    delete factor._embedded;
    return factor;
  }
  return { factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', profile: { phoneNumber: '+1 XXX-XXX-2342' } };
}

/** The RECOVERY_CHALLENGE body of an email recovery: no stateToken, no links. */
export function emailRecoveryChallenge(): Json {
  return clone(emailRecovery);
}

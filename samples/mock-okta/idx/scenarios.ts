import type { Scenario } from '../users.js';

/**
 * How the mock Identity Engine org's policies behave. A scenario of the mock (users.ts) carries one of
 * these in `idx`; the Classic fields keep their clean values so /api/v1/authn still answers sensibly.
 */
export interface IdxPolicy {
  /** The identify form carries `credentials.passcode` (password-first) instead of a separate challenge. */
  identifyWithPassword: boolean;
  /** The authenticators the app's sign-on policy accepts as the second factor (one is needed). */
  secondFactor: ('okta_email' | 'phone_number')[];
  /** The authenticator that proves the user during password recovery. */
  recoverWith: 'okta_email' | 'phone_number';
  /** Interaction code lifetime (Okta: 60 s). */
  codeTtlSeconds: number;
  /** stateHandle lifetime, slid forward on every call. */
  handleTtlSeconds: number;
}

const classic = { resetOutcome: 'SUCCESS', rotateOnReset: false, enforcePolicy: true, pushResult: 'SUCCESS', tokenTtlSeconds: 300 } as const;

export const IDX_SCENARIOS: Record<string, Scenario> = {
  'idx-clean': {
    name: 'idx-clean',
    describe:
      'Identity Engine: password-first sign-in then email OTP; recovery by email OTP, and the reset completes sign-in (the email just verified is the second factor)',
    ...classic,
    idx: { identifyWithPassword: true, secondFactor: ['okta_email'], recoverWith: 'okta_email', codeTtlSeconds: 60, handleTtlSeconds: 600 },
  },
  'idx-recovery': {
    name: 'idx-recovery',
    describe:
      'Identity Engine: identifier-first sign-in, password then SMS; recovery by email OTP commits the new password, then sign-on still asks for the phone (the seed question)',
    ...classic,
    idx: { identifyWithPassword: false, secondFactor: ['phone_number'], recoverWith: 'okta_email', codeTtlSeconds: 60, handleTtlSeconds: 600 },
  },
};

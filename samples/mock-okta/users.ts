import { IDX_SCENARIOS, type IdxPolicy } from './idx/scenarios.js';

/** The mock org's directory and the scenarios it can play. */

export type FactorType = 'email' | 'sms' | 'push';

export interface MockFactor {
  id: string;
  type: FactorType;
  profile: Record<string, string>;
}

export interface MockUser {
  id: string;
  login: string;
  firstName: string;
  lastName: string;
  password: string;
  passwordChanged: Date;
  question: string;
  answer: string;
  factors: MockFactor[];
}

/** The one-time code every factor (email, SMS, recovery SMS) accepts. */
export const PASSCODE = '123456';

/** The user of the developer-forum thread, with the factors the MFA flows need. */
export function defaultUsers(): MockUser[] {
  return [
    {
      id: '00u4aj33rsxULOM5i1d7',
      login: 'mary.jane@example.com',
      firstName: 'Mary',
      lastName: 'Jane',
      password: 'Old-Passw0rd!',
      passwordChanged: new Date('2022-11-02T15:46:06.000Z'),
      question: 'disliked_food',
      answer: 'broccoli',
      factors: [
        { id: 'emf5tbsuofoPq2vTL0g4', type: 'email', profile: { email: 'm...e@example.com' } },
        { id: 'mbl1nz9JHJGHWRKMTLHP', type: 'sms', profile: { phoneNumber: '+1 XXX-XXX-2342' } },
        { id: 'opfhw7v2OnxKpftO40g3', type: 'push', profile: { credentialId: 'mary.jane@example.com', name: 'Mary iPhone' } },
      ],
    },
  ];
}

export interface Scenario {
  name: string;
  describe: string;
  /** What reset_password answers once the password is committed. */
  resetOutcome: 'MFA_REQUIRED' | 'SUCCESS';
  /** Whether reset_password issues a new stateToken (the forum saw it change there). */
  rotateOnReset: boolean;
  /** Whether a new password is checked against the advertised complexity policy (E0000080). */
  enforcePolicy: boolean;
  /** How a push verification ends after the first poll. */
  pushResult: 'SUCCESS' | 'REJECTED' | 'TIMEOUT';
  /** stateToken lifetime, slid forward on every call. */
  tokenTtlSeconds: number;
  /** Identity Engine policies (idx/scenarios.ts); without it /idp/idx answers as in idx-clean. */
  idx?: IdxPolicy;
}

export const SCENARIOS: Record<string, Scenario> = {
  devforum: {
    name: 'devforum',
    describe: 'reset_password commits the password, rotates the stateToken and answers MFA_REQUIRED (the forum thread); weak passwords accepted',
    resetOutcome: 'MFA_REQUIRED',
    rotateOnReset: true,
    enforcePolicy: false,
    pushResult: 'SUCCESS',
    tokenTtlSeconds: 300,
  },
  clean: {
    name: 'clean',
    describe: 'reset_password answers SUCCESS with a sessionToken; the password policy is enforced (E0000080)',
    resetOutcome: 'SUCCESS',
    rotateOnReset: false,
    enforcePolicy: true,
    pushResult: 'SUCCESS',
    tokenTtlSeconds: 300,
  },
  'push-rejected': {
    name: 'push-rejected',
    describe: 'like devforum, and a push verification is rejected on the phone',
    resetOutcome: 'MFA_REQUIRED',
    rotateOnReset: true,
    enforcePolicy: false,
    pushResult: 'REJECTED',
    tokenTtlSeconds: 300,
  },
  'short-ttl': {
    name: 'short-ttl',
    describe: 'like clean, with stateTokens that expire 3 seconds after their last use (E0000011)',
    resetOutcome: 'SUCCESS',
    rotateOnReset: false,
    enforcePolicy: true,
    pushResult: 'SUCCESS',
    tokenTtlSeconds: 3,
  },
  ...IDX_SCENARIOS,
};

import { randomBytes } from 'node:crypto';
import { factorTemplate, passwordPolicy, rememberDevicePolicy } from './templates.js';
import type { MockFactor, MockUser } from './users.js';

/** Server-side transactions of the mock org and the JSON bodies that describe them. */

type Json = Record<string, any>;

export interface Txn {
  stateToken: string | null;
  status: string;
  user: MockUser;
  expiresAt: Date;
  recoveryType: 'PASSWORD' | null;
  /** Factor of the current MFA_CHALLENGE / RECOVERY_CHALLENGE. */
  factor: MockFactor | null;
  factorResult: string | null;
  pushPolls: number;
  /** Push challenges sent in this transaction: only the first ends as the scenario says, a new one is approved. */
  pushChallenges?: number;
  relayState: string | null;
  ended: boolean;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function randomToken(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (let i = out.length; i < length; i++) out += TOKEN_ALPHABET[bytes[i]! % TOKEN_ALPHABET.length];
  return out;
}

/** Okta prints times with a zero millisecond part. */
export function oktaTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.000Z`;
}

export function link(origin: string, path: string, name?: string): Json {
  return { ...(name ? { name } : {}), href: `${origin}/api/v1/authn${path}`, hints: { allow: ['POST'] } };
}

export function userEmbed(user: MockUser, withQuestion = false): Json {
  return {
    id: user.id,
    passwordChanged: oktaTime(user.passwordChanged),
    profile: {
      login: user.login,
      firstName: user.firstName,
      lastName: user.lastName,
      locale: 'en_US',
      timeZone: 'America/Los_Angeles',
    },
    ...(withQuestion ? { recovery_question: { question: user.question } } : {}),
  };
}

function factorEmbed(factor: MockFactor): Json {
  const template = factorTemplate(factor.type);
  return { ...template, id: factor.id, profile: { ...template.profile, ...factor.profile } };
}

/** The body of a transaction in its current state, links absolute from `origin`. */
export function txnBody(txn: Txn, origin: string): Json {
  const body: Json = {};
  if (txn.stateToken) body.stateToken = txn.stateToken;
  body.expiresAt = oktaTime(txn.expiresAt);
  body.status = txn.status;
  if (txn.recoveryType) body.recoveryType = txn.recoveryType;
  if (txn.relayState) body.relayState = txn.relayState;
  const cancel = link(origin, '/cancel');
  switch (txn.status) {
    case 'RECOVERY':
      body._embedded = { user: userEmbed(txn.user, true) };
      body._links = { next: link(origin, '/recovery/answer', 'answer'), cancel };
      break;
    case 'RECOVERY_CHALLENGE':
      body.factorType = 'sms';
      body._links = {
        next: link(origin, '/recovery/factors/SMS/verify', 'verify'),
        cancel,
        resend: link(origin, '/recovery/factors/SMS/resend', 'sms'),
      };
      break;
    case 'PASSWORD_RESET':
      body._embedded = { user: userEmbed(txn.user), policy: passwordPolicy() };
      body._links = { next: link(origin, '/credentials/reset_password', 'resetPassword'), cancel };
      break;
    case 'MFA_REQUIRED':
      body._embedded = {
        user: userEmbed(txn.user),
        factors: txn.user.factors.map((factor) => ({
          ...factorEmbed(factor),
          _links: { verify: { href: `${origin}/api/v1/authn/factors/${factor.id}/verify`, hints: { allow: ['POST'] } } },
        })),
        policy: rememberDevicePolicy(),
      };
      body._links = { cancel };
      break;
    case 'MFA_CHALLENGE': {
      const factor = txn.factor!;
      body.factorResult = txn.factorResult;
      if (factor.type !== 'push') body.challengeType = 'FACTOR';
      body._embedded = { user: userEmbed(txn.user), factor: factorEmbed(factor), policy: rememberDevicePolicy() };
      body._links = {
        next: link(origin, `/factors/${factor.id}/verify`, factor.type === 'push' ? 'poll' : 'verify'),
        cancel,
        prev: link(origin, '/previous'),
        resend: [link(origin, `/factors/${factor.id}/verify/resend`, factor.type)],
      };
      break;
    }
    case 'SUCCESS':
      body.sessionToken = randomToken('20111', 52);
      body._embedded = { user: userEmbed(txn.user) };
      body._links = { cancel };
      break;
  }
  return body;
}

/** The first answer of a trusted-app recovery: a recoveryToken and no stateToken (okta-auth-js fixture shape). */
export function recoveryTokenBody(user: MockUser, recoveryToken: string, expiresAt: Date, origin: string, relayState: string | null): Json {
  return {
    expiresAt: oktaTime(expiresAt),
    status: 'RECOVERY',
    ...(relayState ? { relayState } : {}),
    recoveryToken,
    recoveryType: 'PASSWORD',
    _embedded: { user: userEmbed(user) },
    _links: { next: link(origin, '/recovery/token', 'recovery'), cancel: link(origin, '/cancel') },
  };
}

/** Whether `password` meets the advertised complexity policy for `user`. */
export function meetsPolicy(password: string, user: MockUser): boolean {
  const { complexity } = passwordPolicy() as { complexity: Record<string, number | boolean | string[]> };
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (password.length < Number(complexity.minLength ?? 0)) return false;
  if (count(/[a-z]/g) < Number(complexity.minLowerCase ?? 0)) return false;
  if (count(/[A-Z]/g) < Number(complexity.minUpperCase ?? 0)) return false;
  if (count(/[0-9]/g) < Number(complexity.minNumber ?? 0)) return false;
  if (count(/[^A-Za-z0-9]/g) < Number(complexity.minSymbol ?? 0)) return false;
  if (complexity.excludeUsername && password.toLowerCase().includes(user.login.split('@')[0]!.toLowerCase())) return false;
  return true;
}

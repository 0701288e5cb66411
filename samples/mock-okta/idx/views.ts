import { passwordPolicy } from '../templates.js';
import type { MockUser } from '../users.js';
import {
  authenticatorJson,
  envelope,
  form,
  issueForm,
  passcodeField,
  selectAuthenticatorForm,
  stateField,
  type IonAuthenticator,
} from './ion.js';

/** The IDX response for each point of a transaction: what the org asks for next, as remediation forms. */

type Json = Record<string, any>;
export type AuthenticatorKey = IonAuthenticator['key'];

/** What the transaction waits for. */
export type Pending =
  | { kind: 'identify' }
  | { kind: 'select'; options: AuthenticatorKey[] }
  | { kind: 'challenge'; key: AuthenticatorKey }
  | { kind: 'reset' }
  | { kind: 'success'; interactionCode: string };

export interface ViewInput {
  origin: string;
  stateHandle: string;
  expiresAt: Date;
  user: MockUser | null;
  recovering: boolean;
  identifyWithPassword: boolean;
  pending: Pending;
  clientId: string;
  tokenPath: string;
  messages?: Json[];
}

const APP = { name: 'oidc_client', label: 'authtrail mock app', id: '0oa8mockidxapp0000g4' };

/** The user's authenticators, from the directory: the password, then one per email and SMS factor. */
export function authenticatorsOf(user: MockUser): IonAuthenticator[] {
  const list: IonAuthenticator[] = [
    { key: 'okta_password', type: 'password', id: 'aut8pwd0000000000g4', displayName: 'Password', enrollmentId: `lae8${user.id.slice(3, 18)}`, methods: ['password'] },
  ];
  for (const f of user.factors) {
    if (f.type === 'email') list.push({ key: 'okta_email', type: 'email', id: 'aut8email00000000g4', displayName: 'Email', enrollmentId: f.id, methods: ['email'], profile: { email: f.profile.email ?? '' } });
    if (f.type === 'sms') list.push({ key: 'phone_number', type: 'phone', id: 'aut8phone00000000g4', displayName: 'Phone', enrollmentId: f.id, methods: ['sms'], profile: { phoneNumber: f.profile.phoneNumber ?? '' } });
  }
  return list;
}

export function render(v: ViewInput): Json {
  const { origin, stateHandle, pending } = v;
  const all = v.user ? authenticatorsOf(v.user) : [];
  const byKey = (key: AuthenticatorKey) => all.find((a) => a.key === key)!;
  const password = all[0];
  const action = (name: string, path: string) => form(origin, name, path, [stateField(stateHandle)]);
  const context: Json = {};
  const remediation: Json[] = [];
  if (v.user) {
    context.user = { type: 'object', value: { id: v.user.id, identifier: v.user.login } };
    context.authenticators = { type: 'array', value: all.map((a) => authenticatorJson(a, false)) };
    context.authenticatorEnrollments = { type: 'array', value: all.map((a) => authenticatorJson(a, true)) };
  }
  if (v.recovering && password) {
    context.recoveryAuthenticator = { type: 'object', value: { ...authenticatorJson(password, false), settings: passwordPolicy() } };
  }
  switch (pending.kind) {
    case 'identify': {
      const withPassword = v.identifyWithPassword && !v.recovering;
      const fields = [{ name: 'identifier', label: 'Username', required: true }, ...(withPassword ? [passcodeField('Password')] : []), { name: 'rememberMe', type: 'boolean', label: 'Keep me signed in' }, stateField(stateHandle)];
      remediation.push(form(origin, v.recovering ? 'identify-recovery' : 'identify', '/idp/idx/identify', fields));
      // Password-first: "Forgot password?" is the password authenticator's recover action (pattern B).
      if (withPassword) {
        context.currentAuthenticator = {
          type: 'object',
          value: { type: 'password', key: 'okta_password', id: 'aut8pwd0000000000g4', displayName: 'Password', methods: [{ type: 'password' }], recover: action('recover', '/idp/idx/recover') },
        };
      }
      break;
    }
    case 'select':
      remediation.push(selectAuthenticatorForm(origin, stateHandle, pending.options.map(byKey), all));
      break;
    case 'challenge': {
      const a = byKey(pending.key);
      const isPassword = a.key === 'okta_password';
      remediation.push(form(origin, 'challenge-authenticator', '/idp/idx/challenge/answer', [passcodeField(isPassword ? 'Password' : 'Enter code', isPassword), stateField(stateHandle)], { relatesTo: ['$.currentAuthenticatorEnrollment'] }));
      const nested = isPassword ? { recover: action('recover', '/idp/idx/recover') } : { resend: action('resend', '/idp/idx/challenge/resend') };
      context.currentAuthenticatorEnrollment = { type: 'object', value: { ...nested, ...authenticatorJson(a, true) } };
      break;
    }
    case 'reset':
      remediation.push(
        form(origin, 'reset-authenticator', '/idp/idx/challenge/answer', [passcodeField('New password'), stateField(stateHandle)], {
          relatesTo: ['$.currentAuthenticator'],
        }),
      );
      context.currentAuthenticator = { type: 'object', value: { ...authenticatorJson(password!, false), settings: passwordPolicy() } };
      break;
    case 'success':
      context.successWithInteractionCode = issueForm(origin, v.tokenPath, pending.interactionCode, v.clientId);
      break;
  }
  return envelope(origin, { stateHandle, expiresAt: v.expiresAt, intent: 'LOGIN', remediation, context, ...(v.messages ? { messages: v.messages } : {}) }, APP);
}

/** The terminal body of an unknown or expired stateHandle (widget error-401-session-expired.json). */
export function sessionExpired(): Json {
  return { version: '1.0.0', messages: { type: 'array', value: [{ message: 'You have been logged out due to inactivity. Refresh or return to the sign in screen.', i18n: { key: 'idx.session.expired' }, class: 'ERROR' }] } };
}

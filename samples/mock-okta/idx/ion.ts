import { oktaTime } from '../transactions.js';

/**
 * Ion documents as Identity Engine writes them (shapes from the SDK fixtures in the project's shared
 * okta-idx-fixtures, Apache-2.0, Okta: okta-idx-swift Passcode/02-04, okta-signin-widget
 * authenticator-verification-email.json, authenticator-reset-password.json). Values are the mock's own.
 */

type Json = Record<string, any>;

export const ION_TYPE = 'application/ion+json; okta-version=1.0.0';
export const ION_ACCEPTS = 'application/json; okta-version=1.0.0';

/** An authenticator of the org, as `authenticators[]` lists it (the widget picks its view by `key`). */
export interface IonAuthenticator {
  key: 'okta_password' | 'okta_email' | 'phone_number';
  type: 'password' | 'email' | 'phone';
  id: string;
  displayName: string;
  /** The user's enrollment of it. */
  enrollmentId: string;
  methods: string[];
  profile?: Record<string, string>;
}

/** The hidden, immutable stateHandle field every form carries (clients must send this one: java PR #373). */
export function stateField(stateHandle: string): Json {
  return { name: 'stateHandle', required: true, value: stateHandle, visible: false, mutable: false };
}

export function form(origin: string, name: string, path: string, fields: Json[], extra: Json = {}): Json {
  return { rel: ['create-form'], name, href: `${origin}${path}`, method: 'POST', produces: ION_TYPE, ...extra, value: fields, accepts: ION_ACCEPTS };
}

/** `credentials.passcode`: a password, a new password or a one-time code. */
export function passcodeField(label: string, secret = true): Json {
  return { name: 'credentials', type: 'object', required: true, form: { value: [{ name: 'passcode', label, ...(secret ? { secret: true } : {}) }] } };
}

export function authenticatorJson(a: IonAuthenticator, enrollment: boolean): Json {
  return {
    type: a.type,
    key: a.key,
    id: enrollment ? a.enrollmentId : a.id,
    displayName: a.displayName,
    methods: a.methods.map((type) => ({ type })),
    ...(enrollment && a.profile ? { profile: a.profile } : {}),
  };
}

/** `select-authenticator-authenticate`: one option per authenticator, each pointing at its enrollment. */
export function selectAuthenticatorForm(origin: string, stateHandle: string, options: IonAuthenticator[], all: IonAuthenticator[]): Json {
  const field = {
    name: 'authenticator',
    type: 'object',
    options: options.map((a) => ({
      label: a.displayName,
      value: {
        form: {
          value: [
            { name: 'id', required: true, value: a.id, mutable: false },
            { name: 'methodType', required: false, value: a.methods[0], mutable: false },
          ],
        },
      },
      relatesTo: `$.authenticatorEnrollments.value[${all.indexOf(a)}]`,
    })),
  };
  return form(origin, 'select-authenticator-authenticate', '/idp/idx/challenge', [field, stateField(stateHandle)]);
}

export interface Envelope {
  stateHandle: string;
  expiresAt: Date;
  intent: string;
  remediation: Json[];
  /** Context objects: currentAuthenticatorEnrollment, recoveryAuthenticator, user... */
  context?: Json;
  cancel?: boolean;
  messages?: Json[];
}

export function envelope(origin: string, e: Envelope, app: Json): Json {
  return {
    version: '1.0.0',
    stateHandle: e.stateHandle,
    expiresAt: oktaTime(e.expiresAt),
    intent: e.intent,
    ...(e.remediation.length > 0 ? { remediation: { type: 'array', value: e.remediation } } : {}),
    ...(e.messages ? { messages: { type: 'array', value: e.messages } } : {}),
    ...e.context,
    ...(e.cancel === false ? {} : { cancel: form(origin, 'cancel', '/idp/idx/cancel', [stateField(e.stateHandle)]) }),
    app: { type: 'object', value: app },
  };
}

export function message(text: string, key: string, cls: 'ERROR' | 'INFO' = 'ERROR'): Json {
  return { message: text, i18n: { key }, class: cls };
}

/** `successWithInteractionCode`: the `issue` form the client posts to the token endpoint. */
export function issueForm(origin: string, tokenPath: string, interactionCode: string, clientId: string): Json {
  return {
    rel: ['create-form'],
    name: 'issue',
    href: `${origin}${tokenPath}`,
    method: 'POST',
    value: [
      { name: 'grant_type', required: true, value: 'interaction_code' },
      { name: 'interaction_code', required: true, value: interactionCode },
      { name: 'client_id', required: true, value: clientId },
      { name: 'code_verifier', required: true },
    ],
    accepts: 'application/x-www-form-urlencoded',
  };
}

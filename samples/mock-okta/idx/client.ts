import { createHash, randomBytes } from 'node:crypto';
import { ION_TYPE } from './ion.js';

/**
 * A scripted Identity Engine client that behaves like okta-auth-js: /interact with PKCE, introspect, then
 * only the remediation forms (and nested actions) each response publishes, each sent with the form's own
 * immutable values (its stateHandle), until successWithInteractionCode, which it redeems at the token endpoint.
 */

type Json = Record<string, any>;

/** The paths an Identity Engine flow goes through, for a recorder's --include. */
export const IDX_RECORD_PATHS = ['/idp/idx/**', '/oauth2/v1/interact', '/oauth2/*/v1/interact', '/oauth2/v1/token', '/oauth2/*/v1/token'];

export interface IdxClientStep {
  url: string;
  httpStatus: number;
  body: Json;
}

export interface IdxFlowResult {
  steps: IdxClientStep[];
  /** `SUCCESS` once tokens were issued; else the last remediation offered, the error, or `TERMINAL`. */
  final: string;
  /** Remediation names of each IDX response, in order (`issue` for successWithInteractionCode). */
  remediations: string[][];
  /** Hrefs the client was given that pointed away from its base origin (should be empty behind a proxy). */
  foreignLinks: string[];
}

export interface IdxFlowOptions {
  username: string;
  password: string;
  /** The one-time code for email and SMS challenges. */
  passcode: string;
  /** Set to run "Forgot password?" and reset to this. */
  newPassword?: string;
  /** Authenticator methods to pick when offered a choice, best first. */
  prefer?: string[];
  clientId?: string;
  redirectUri?: string;
  /** `/oauth2/default` (a custom authorization server) or `/oauth2` (the org's). */
  authServer?: string;
  scope?: string;
}

class IonFollower {
  readonly steps: IdxClientStep[] = [];
  readonly foreignLinks: string[] = [];
  constructor(private readonly base: string) {}

  async post(url: string, body: Json, form = false): Promise<Json> {
    const response = await fetch(url, {
      method: 'POST',
      headers: form
        ? { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }
        : { accept: ION_TYPE, 'content-type': url.endsWith('/introspect') ? ION_TYPE : 'application/json', 'x-okta-user-agent-extended': 'authtrail-idx-client/1.0' },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
    const json = (await response.json()) as Json;
    this.steps.push({ url, httpStatus: response.status, body: json });
    this.collectForeign(json);
    return json;
  }

  private collectForeign(node: unknown): void {
    if (Array.isArray(node)) node.forEach((item) => this.collectForeign(item));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'href' && typeof value === 'string' && !value.startsWith(this.base)) this.foreignLinks.push(value);
        else this.collectForeign(value);
      }
    }
  }
}

/** A form's body: its immutable values (stateHandle...) over what the user typed, as okta-auth-js merges them. */
export function fillForm(form: Json, input: Json): Json {
  const body: Json = {};
  for (const field of form.value ?? []) {
    if (field.value !== undefined && field.mutable === false) body[field.name] = field.value;
    else if (input[field.name] !== undefined) body[field.name] = input[field.name];
  }
  return body;
}

export function remediationNames(body: Json): string[] {
  const names = (body.remediation?.value ?? []).map((f: Json) => String(f.name));
  return body.successWithInteractionCode ? [...names, 'issue'] : names;
}

/** Sign-in (or, with `newPassword`, password recovery) from /interact to tokens. */
export async function runIdxFlow(baseUrl: string, options: IdxFlowOptions): Promise<IdxFlowResult> {
  const base = baseUrl.replace(/\/+$/, '');
  const client = new IonFollower(base);
  const remediations: string[][] = [];
  const clientId = options.clientId ?? '0oa8mockidxapp0000g4';
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:8080/login/callback';
  const verifier = randomBytes(48).toString('base64url');
  const interaction = await client.post(
    `${base}${options.authServer ?? '/oauth2/default'}/v1/interact`,
    {
      client_id: clientId,
      scope: options.scope ?? 'openid profile email',
      redirect_uri: redirectUri,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: randomBytes(16).toString('hex'),
    },
    true,
  );
  const done = (final: string): IdxFlowResult => ({ steps: client.steps, final, remediations, foreignLinks: client.foreignLinks });
  if (!interaction.interaction_handle) return done(String(interaction.error ?? 'NO_INTERACTION'));
  let current = await client.post(`${base}/idp/idx/introspect`, { interactionHandle: interaction.interaction_handle });
  let recovering = false;
  for (let step = 0; step < 16; step++) {
    remediations.push(remediationNames(current));
    const issue = current.successWithInteractionCode;
    if (issue) {
      const tokens = await client.post(issue.href, { ...valuesOf(issue), code_verifier: verifier, redirect_uri: redirectUri }, true);
      return done(tokens.access_token ? 'SUCCESS' : String(tokens.error));
    }
    const recover = current.currentAuthenticator?.value?.recover ?? current.currentAuthenticatorEnrollment?.value?.recover;
    if (options.newPassword && !recovering && recover) {
      recovering = true;
      current = await client.post(recover.href, fillForm(recover, {}));
      continue;
    }
    const forms: Json[] = current.remediation?.value ?? [];
    const pick = (name: string) => forms.find((f) => f.name === name);
    const [form, input] = nextInput(pick, current, options);
    if (!form) return done(forms.length ? forms.map((f) => f.name).join('|') : 'TERMINAL');
    current = await client.post(form.href, fillForm(form, input));
  }
  return done('TOO_MANY_STEPS');
}

/** The remediation to answer and what the user types into it. */
function nextInput(pick: (name: string) => Json | undefined, current: Json, o: IdxFlowOptions): [Json | undefined, Json] {
  const identify = pick('identify-recovery') ?? pick('identify');
  if (identify) {
    const wantsPassword = identify.value.some((f: Json) => f.name === 'credentials');
    return [identify, { identifier: o.username, ...(wantsPassword ? { credentials: { passcode: o.password } } : {}) }];
  }
  const reset = pick('reset-authenticator');
  if (reset) return [reset, { credentials: { passcode: o.newPassword } }];
  const challenge = pick('challenge-authenticator');
  if (challenge) {
    const isPassword = current.currentAuthenticatorEnrollment?.value?.type === 'password';
    return [challenge, { credentials: { passcode: isPassword ? o.password : o.passcode } }];
  }
  const select = pick('select-authenticator-authenticate');
  if (select) {
    const options: Json[] = select.value.find((f: Json) => f.name === 'authenticator')?.options ?? [];
    const values = options.map((opt) => valuesOf(opt.value.form));
    const prefer = o.prefer ?? ['email', 'sms'];
    const chosen = values.find((v) => prefer.includes(v.methodType)) ?? values[0];
    return [chosen ? select : undefined, { authenticator: chosen }];
  }
  return [undefined, {}];
}

/** Field name → value of a form's fields that carry one. */
function valuesOf(form: Json): Json {
  return Object.fromEntries((form.value ?? []).filter((f: Json) => f.value !== undefined).map((f: Json) => [f.name, f.value]));
}

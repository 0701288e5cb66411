import type { IdxAuthenticator, IdxForm } from '../../model/idx.js';
import { obj, str } from '../../model/json.js';
import type { IdxFacts } from './facts.js';

/** Remediations that write a password when their POST is accepted (okta-idx.md §1.9). */
export const PASSWORD_WRITING = new Set(['reset-authenticator', 'reenroll-authenticator', 'reenroll-authenticator-warning', 'reenroll-custom-password-expiry', 'reenroll-custom-password-expiry-warning']);
/** Remediations that verify a factor, i.e. MFA (or recovery proof) still to do when offered. */
export const VERIFYING = new Set(['select-authenticator-authenticate', 'challenge-authenticator', 'authenticator-verification-data', 'challenge-poll']);
/** Remediations that answer a challenge with credentials at /challenge/answer, the endpoint several share. */
const ANSWERING = ['challenge-authenticator', 'enroll-authenticator', 'reset-authenticator', 'reenroll-authenticator', 'reenroll-authenticator-warning', 'reenroll-custom-password-expiry', 'reenroll-custom-password-expiry-warning'];

/** A name for a call no offered form explains: the path below /idp/idx (`recover`, `challenge/answer`). */
export function pathOperation(f: IdxFacts): string {
  if (f.kind !== 'remediate') return f.kind;
  return f.path.replace(/^\/idp\/idx\//i, '').toLowerCase() || 'idx';
}

/**
 * The form a request took, by method and path among the previous response's forms (okta-idx.md §0.2): the
 * href alone is ambiguous because challenge-authenticator, enroll- and reset-authenticator all POST to
 * /challenge/answer, so the body shape and the context object (currentAuthenticator for enroll/reset,
 * currentAuthenticatorEnrollment for a challenge) decide between them.
 */
export function matchForm(f: IdxFacts, method: string, forms: readonly IdxForm[], previous: Record<string, any>): { form: IdxForm | null; ambiguous: boolean } {
  const same = forms.filter((x) => x.method === method.toUpperCase() && x.path.toLowerCase() === f.path.toLowerCase());
  if (same.length <= 1) return { form: same[0] ?? null, ambiguous: false };
  let narrowed = same;
  if (f.request.credentials !== undefined) narrowed = same.filter((x) => ANSWERING.includes(x.name));
  else if (f.request.authenticator !== undefined) narrowed = same.filter((x) => /authenticator|verification-data/.test(x.name) && !ANSWERING.includes(x.name));
  if (narrowed.length > 1) {
    const enrolling = previous.currentAuthenticator !== undefined && previous.currentAuthenticatorEnrollment === undefined;
    const pick = narrowed.find((x) => (enrolling ? x.name !== 'challenge-authenticator' : x.name === 'challenge-authenticator'));
    if (pick) narrowed = [pick];
  }
  return { form: narrowed[0] ?? same[0], ambiguous: true };
}

function listed(body: Record<string, any>, id: string): Record<string, any> | null {
  for (const k of ['authenticatorEnrollments', 'authenticators']) {
    const hit = (Array.isArray(obj(body[k]).value) ? body[k].value : []).find((a: any) => obj(a).id === id);
    if (hit) return obj(hit);
  }
  return null;
}

function fromContext(value: unknown): IdxAuthenticator | null {
  const v = obj(obj(value).value);
  const type = str(v.type) ?? str(v.key);
  return type || str(v.id) ? { type, id: str(v.id), methodType: str(obj(Array.isArray(v.methods) ? v.methods[0] : null).type) } : null;
}

/**
 * The authenticator a step is about: the one the request selects (`authenticator.id`, typed from the previous
 * response's lists), else the one being answered (the previous response's current authenticator), else the one
 * the response now challenges.
 */
export function authenticatorOf(f: IdxFacts, previous: Record<string, any>, response: Record<string, any>, taken: string | null): IdxAuthenticator | null {
  const asked = obj(f.request.authenticator);
  const id = str(asked.id);
  if (id) {
    const known = listed(previous, id);
    return { type: str(known?.type) ?? str(known?.key) ?? str(asked.methodType), id, methodType: str(asked.methodType) };
  }
  if (f.request.credentials !== undefined) {
    const ctx = taken && taken !== 'challenge-authenticator' ? previous.currentAuthenticator ?? previous.currentAuthenticatorEnrollment : previous.currentAuthenticatorEnrollment ?? previous.currentAuthenticator;
    const a = fromContext(ctx);
    if (a) return a;
  }
  return fromContext(response.currentAuthenticatorEnrollment) ?? fromContext(response.currentAuthenticator);
}

/** Request field names with a value, one level into objects (`credentials.passcode`, `authenticator.id`). */
export function requestFields(req: Record<string, any>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(req)) {
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v)) for (const [s, w] of Object.entries(v)) { if (w !== null && w !== undefined && w !== '') out.push(`${k}.${s}`); }
    else out.push(k);
  }
  return out;
}

import type { Exchange } from '../../model/exchange.js';
import type { IdxCallKind } from '../../model/idx.js';
import { obj, str } from '../../model/json.js';
import type { TokenRef } from '../../model/token.js';
import { pathOf } from '../../http/url.js';
import { parseTokenRef } from '../../redact/token.js';
import type { ChainKey, LinkFacts } from '../types.js';
import { classify, handlesOf } from './ion.js';

/** What linking, the timeline and the rules need from one IDX exchange, read once. */
export interface IdxFacts extends LinkFacts {
  kind: IdxCallKind;
  path: string;
  /** The request body as an object: JSON as sent, or a form (`/interact`, `/token`) read into one. */
  request: Record<string, any>;
  requestHandle: TokenRef | null;
  responseHandle: TokenRef | null;
}

const INTERACT = /^\/oauth2(?:\/[^/]+)?\/v1\/interact$/i;
const TOKEN = /^\/oauth2(?:\/[^/]+)?\/v1\/token$/i;
const REDIRECT = /^(?:\/idp\/idx)?\/login\/token\/redirect$/i;

export function kindOf(path: string): IdxCallKind | null {
  if (INTERACT.test(path)) return 'interact';
  if (TOKEN.test(path)) return 'token';
  if (REDIRECT.test(path)) return 'redirect';
  if (/^\/idp\/idx\/introspect$/i.test(path)) return 'introspect';
  if (/^\/idp\/idx\//i.test(path)) return 'remediate';
  return null;
}

/** A form body (`a=1&b=2`) as an object; JSON bodies as they are. */
export function requestObject(body: unknown): Record<string, any> {
  if (typeof body === 'string' && /^[^{[\s][^\s]*=/.test(body.trim())) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body.trim())) out[k] = v;
    return out;
  }
  return obj(body);
}

/** IDX owns /idp/idx/**, /interact, the hosted redirect, and /token only for the interaction_code grant (an OAuth module takes the others). */
export function claimsIdx(e: Exchange): boolean {
  const kind = kindOf(pathOf(e.url));
  if (kind !== 'token') return kind !== null;
  return str(requestObject(e.requestBody).grant_type) === 'interaction_code';
}

function queryParam(url: string, name: string): string | null {
  try {
    return new URL(url, 'https://x.invalid').searchParams.get(name);
  } catch {
    return null;
  }
}

const key = (kind: string, ref: TokenRef | null): ChainKey[] => (ref ? [{ kind, ref }] : []);

/** The form value of the `interaction_code` field of a successWithInteractionCode form. */
export function issuedCodeOf(body: unknown): string | null {
  const form = obj(obj(body).successWithInteractionCode);
  const field = (Array.isArray(form.value) ? form.value : []).find((f: any) => obj(f).name === 'interaction_code');
  return str(obj(field).value);
}

/**
 * Linking (okta-idx.md §1.5): a request joins the chain that issued the stateHandle it presents (top level or
 * inside any form), /interact's interaction_handle ties the first introspect, the successWithInteractionCode
 * code ties /token. A cancel's new handle is issued under another kind, so the next request starts the
 * restarted transaction instead of continuing the cancelled one.
 */
export function factsOf(e: Exchange): IdxFacts {
  const path = pathOf(e.url);
  const kind = kindOf(path) ?? 'remediate';
  const req = requestObject(e.requestBody);
  const res = obj(e.responseBody);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 300;
  const requestHandle = parseTokenRef(req.stateHandle ?? req.stateToken ?? (kind === 'redirect' ? queryParam(e.url, 'stateToken') : null));
  const responseHandle = parseTokenRef(res.stateHandle);
  const cancel = /\/idp\/idx\/cancel$/i.test(path);
  const issued = handlesOf(res).map((h) => parseTokenRef(h)).filter((r): r is TokenRef => r !== null);
  const cls = classify(res, e.responseStatus);
  const ends = (cancel && ok) || (kind === 'token' && ok) || ['SUCCESS_PENDING_EXCHANGE', 'SUCCESS_REDIRECT', 'TERMINAL_ERROR', 'TERMINAL_INFO'].includes(cls);
  const user = obj(obj(res.user).value);
  return {
    kind,
    path,
    request: req,
    requestHandle,
    responseHandle,
    operation: kind,
    ok,
    uses: [
      ...key('handle', requestHandle),
      ...key('interaction', parseTokenRef(req.interactionHandle)),
      ...key('icode', kind === 'token' ? parseTokenRef(req.interaction_code) : null),
    ],
    issues: [
      ...issued.flatMap((r) => key(cancel ? 'restart' : 'handle', r)),
      ...key('interaction', parseTokenRef(res.interaction_handle)),
      ...key('icode', parseTokenRef(issuedCodeOf(res))),
    ],
    starts: kind === 'interact' || kind === 'introspect',
    ends,
    userId: str(user.id),
    login: str(user.identifier) ?? (typeof req.identifier === 'string' ? req.identifier : null),
  };
}

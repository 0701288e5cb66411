import type { Exchange } from '../../model/exchange.js';
import { pathOf, recognizeOperation } from './operations.js';
import type { TokenRef } from '../../model/token.js';
import { parseTokenRef } from '../../redact/token.js';

/** The facts linking and the timeline need from one exchange, read once. */
export interface ExchangeFacts {
  operation: string;
  path: string;
  ok: boolean;
  requestToken: TokenRef | null;
  responseToken: TokenRef | null;
  requestRecoveryToken: TokenRef | null;
  responseRecoveryToken: TokenRef | null;
  userId: string | null;
  login: string | null;
}

export function obj(value: unknown): Record<string, any> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function queryParam(url: string, name: string): string | null {
  if (!url.includes('?')) return null;
  const m = new RegExp(`[?&]${name}=([^&#]*)`, 'i').exec(url);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

export function factsOf(e: Exchange): ExchangeFacts {
  const req = obj(e.requestBody);
  const res = obj(e.responseBody);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 300;
  const user = obj(obj(res._embedded).user);
  return {
    // Judged by the values present: `"passCode": ""` is the widget asking for a code, not answering one.
    operation: recognizeOperation(e.method, e.url, Object.keys(req).filter((k) => req[k] !== null && req[k] !== undefined && (typeof req[k] !== 'string' || (req[k] as string).trim() !== ''))),
    path: pathOf(e.url),
    ok,
    requestToken: parseTokenRef(req.stateToken ?? queryParam(e.url, 'stateToken')),
    responseToken: parseTokenRef(res.stateToken),
    requestRecoveryToken: parseTokenRef(req.recoveryToken),
    responseRecoveryToken: parseTokenRef(res.recoveryToken),
    userId: str(user.id),
    login: str(obj(user.profile).login) ?? str(req.username),
  };
}

/** Two identifiers (user ids, logins) that may be masked differently: equal, or one a masked prefix of the other. */
export function sameIdentifier(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const ra = parseTokenRef(a);
  const rb = parseTokenRef(b);
  if (!ra || !rb || (!ra.masked && !rb.masked)) return false;
  const [short, long] = ra.prefix.length <= rb.prefix.length ? [ra.prefix, rb.prefix] : [rb.prefix, ra.prefix];
  return short.length >= 6 && long.startsWith(short);
}

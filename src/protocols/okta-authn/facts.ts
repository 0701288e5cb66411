import type { Exchange } from '../../model/exchange.js';
import { obj, str } from '../../model/json.js';
import type { TokenRef } from '../../model/token.js';
import { parseTokenRef } from '../../redact/token.js';
import type { ChainKey, LinkFacts } from '../types.js';
import { operationInfo, pathOf, recognizeOperation } from './operations.js';

/** What linking, the timeline and the rules need from one Classic authn exchange, read once. */
export interface AuthnFacts extends LinkFacts {
  path: string;
  requestToken: TokenRef | null;
  responseToken: TokenRef | null;
  requestRecoveryToken: TokenRef | null;
  responseRecoveryToken: TokenRef | null;
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

const key = (kind: string, ref: TokenRef | null): ChainKey[] => (ref ? [{ kind, ref }] : []);

/**
 * A request belongs to the chain of the stateToken it sends, else of the recoveryToken it exchanges; a call
 * that starts a transaction of its own (primary, forgot password) starts a new chain unless a token tied it;
 * `/recovery/token` continues the chain that handed its recoveryToken out (or the emailed link's user).
 */
export function factsOf(e: Exchange): AuthnFacts {
  const req = obj(e.requestBody);
  const res = obj(e.responseBody);
  const ok = e.transportError === null && e.responseStatus !== null && e.responseStatus >= 200 && e.responseStatus < 300;
  const user = obj(obj(res._embedded).user);
  // Judged by the values present: `"passCode": ""` is the widget asking for a code, not answering one.
  const operation = recognizeOperation(e.method, e.url, Object.keys(req).filter((k) => req[k] !== null && req[k] !== undefined && (typeof req[k] !== 'string' || (req[k] as string).trim() !== '')));
  const requestToken = parseTokenRef(req.stateToken ?? queryParam(e.url, 'stateToken'));
  const responseToken = parseTokenRef(res.stateToken);
  const requestRecoveryToken = parseTokenRef(req.recoveryToken);
  const responseRecoveryToken = parseTokenRef(res.recoveryToken);
  return {
    operation,
    path: pathOf(e.url),
    ok,
    uses: [...key('state', requestToken), ...key('recovery', requestRecoveryToken)],
    issues: [...key('state', responseToken), ...key('recovery', responseRecoveryToken)],
    starts: operationInfo(operation).startsTransaction && operation !== 'recovery.token',
    ends: ok && (operation === 'cancel' || (str(res.status) === 'SUCCESS' && !responseToken)),
    requestToken,
    responseToken,
    requestRecoveryToken,
    responseRecoveryToken,
    userId: str(user.id),
    login: str(obj(user.profile).login) ?? str(req.username),
  };
}

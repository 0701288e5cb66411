import type { RawExchange } from '../../model/exchange.js';
import { pathOf } from '../../protocols/okta-authn/operations.js';

// Calls that open a new transaction; repeating one (a push poll, a resend) inside a transaction is normal
// for the others.
const STARTS = /\/api\/v1\/authn(?:\/recovery\/(?:password|unlock|token))?\/?$/i;

export function opensTransaction(url: string): boolean {
  return STARTS.test(pathOf(url));
}

/**
 * Curl and raw HTTP transcripts carry no step numbers. When the call that opened the current group is
 * made again with the same body, the text holds another copy or another run: it becomes its own group,
 * so linking never joins the two.
 */
export function groupCopies(exchanges: RawExchange[]): void {
  let group = 0;
  let first: string | null = null;
  for (const e of exchanges) {
    const call = `${e.method} ${pathOf(e.url)} ${JSON.stringify(e.requestBody)}`;
    if (first === null || (call === first && opensTransaction(e.url))) {
      group++;
      first = call;
    }
    e.group = `t${group}`;
  }
}

import type { Step } from '../../model/transaction.js';
import { factorIdOf } from '../okta-authn/operations.js';
import { isObject, str } from './body.js';

export interface Identifier {
  kind: 'user id' | 'factor id';
  value: string;
  /** JSON path in the response body (`_embedded.user.id`), or `url`. */
  path: string;
}

/** `_embedded.factors[i].id`, built once per index: every step of a factor list asks for the same few. */
const factorPaths: string[] = [];
const factorPath = (i: number) => (factorPaths[i] ??= `_embedded.factors[${i}].id`);

/** A factor id in a path as Okta issues them (three-letter prefix), masked or not; not a factor type. */
const FACTOR_ID = /^[a-z]{3}[A-Za-z0-9*.…]{6,}$/;

/** The Okta identifiers an exchange shows: the user id, embedded factor ids, the factor id in the path. */
export function identifiersOf(step: Step): Identifier[] {
  const out: Identifier[] = [];
  const body = step.exchange.responseBody;
  const embedded = isObject(body) ? body._embedded : undefined;
  if (isObject(embedded)) {
    const user = embedded.user;
    const userId = isObject(user) ? str(user.id) : null;
    if (userId) out.push({ kind: 'user id', value: userId, path: '_embedded.user.id' });
    const factors = embedded.factors;
    if (Array.isArray(factors)) {
      for (let i = 0; i < factors.length; i++) {
        const f: unknown = factors[i];
        const id = isObject(f) ? str(f.id) : null;
        if (id) out.push({ kind: 'factor id', value: id, path: factorPath(i) });
      }
    }
    const factor = embedded.factor;
    const factorId = isObject(factor) ? str(factor.id) : null;
    if (factorId) out.push({ kind: 'factor id', value: factorId, path: '_embedded.factor.id' });
  }
  const inPath = factorIdOf(step.exchange.url);
  if (inPath && FACTOR_ID.test(inPath)) out.push({ kind: 'factor id', value: inPath, path: 'url' });
  return out;
}

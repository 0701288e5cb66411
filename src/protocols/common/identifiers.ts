import type { Step } from '../../model/transaction.js';
import { factorIdOf } from '../okta-authn/operations.js';
import { get, isObject, str } from './body.js';

export interface Identifier {
  kind: 'user id' | 'factor id';
  value: string;
  /** JSON path in the response body (`_embedded.user.id`), or `url`. */
  path: string;
}

/** The Okta identifiers an exchange shows: the user id, embedded factor ids, the factor id in the path. */
export function identifiersOf(step: Step): Identifier[] {
  const out: Identifier[] = [];
  const body = step.exchange.responseBody;
  const userId = str(get(body, '_embedded.user.id'));
  if (userId) out.push({ kind: 'user id', value: userId, path: '_embedded.user.id' });
  const factors = get(body, '_embedded.factors');
  if (Array.isArray(factors)) {
    factors.forEach((f, i) => {
      const id = isObject(f) ? str(f.id) : null;
      if (id) out.push({ kind: 'factor id', value: id, path: `_embedded.factors[${i}].id` });
    });
  }
  const factorId = str(get(body, '_embedded.factor.id'));
  if (factorId) out.push({ kind: 'factor id', value: factorId, path: '_embedded.factor.id' });
  const inPath = factorIdOf(step.exchange.url);
  if (inPath && /^[a-z]{3}[A-Za-z0-9*.…]{6,}$/.test(inPath)) out.push({ kind: 'factor id', value: inPath, path: 'url' });
  return out;
}

import type { Exposure, PasswordShape } from '../model/exchange.js';

type Prior = NonNullable<import('../model/exchange.js').RawExchange['priorEvidence']>;

const WHERE: ReadonlySet<string> = new Set(['request.body', 'response.body', 'request.header', 'response.header', 'url']);
/** The previews authtrail writes: a token's head (`00WSyS…`, a JWT's `eyJhbGci…`: at most 8 characters) or a length (`******** (8 chars)`). */
const SAFE_PREVIEW = /^(?:[^\s…]{0,8}…|\*{1,12} \(\d+ chars\))$/u;
/** A field name or JSON path as authtrail writes them (`password`, `_embedded.user.id`, `errorCauses[0].answer`). */
const SAFE_NAME = /^[\w.\-[\] ]{1,120}$/;

/**
 * Evidence an earlier run wrote into a file (`_authtrail.evidence` of an exported or sanitized HAR) as it is
 * trusted: only the shape authtrail writes. A hand-edited or hostile file may put a clear value in a preview, a
 * path or a field name; that becomes `…` instead of reaching the database or a report.
 */
export function cleanPriorEvidence(prior: Prior): Prior {
  const exposures: Exposure[] = prior.exposures.map((x) => {
    const out: Exposure = {
      where: WHERE.has(String(x.where)) ? x.where : 'url',
      field: SAFE_NAME.test(String(x.field)) ? String(x.field) : 'unknown',
      preview: SAFE_PREVIEW.test(String(x.preview)) ? String(x.preview) : '…',
    };
    if (x.path !== undefined) out.path = SAFE_NAME.test(String(x.path)) ? String(x.path) : '…';
    return out;
  });
  const passwords: PasswordShape[] = prior.passwords.map((p) => ({
    field: SAFE_NAME.test(String(p.field)) ? String(p.field) : 'password',
    length: count(p.length),
    lower: count(p.lower),
    upper: count(p.upper),
    digits: count(p.digits),
    symbols: count(p.symbols),
    contains: Array.isArray(p.contains) ? p.contains.map(String).filter((c) => SAFE_NAME.test(c)) : [],
  }));
  const out: Prior = { exposures, passwords };
  if (prior.saml !== undefined) out.saml = prior.saml;
  return out;
}

function count(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < 1_000_000 ? n : 0;
}


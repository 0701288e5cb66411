import type { Exposure, PasswordShape, UnreadExposure } from '../model/exchange.js';

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


/** A call pattern as callPattern writes it (`/api/v1/users/{id}/factors`). */
const SAFE_CALL = /^\/[\w{}./~%@:+-]{0,299}$/;
/** A place in the evidence as the readers write it (`thread.md:7`, `login.har#entries[12]`), holding no token-long run. */
const SAFE_REF = /^[\w./\\:#[\]() -]{1,300}$/;
/** Prior unread exposures read from one file at most: a hand-made file cannot fill the database. */
const MAX_UNREAD = 10_000;

/**
 * The secrets in clear in calls an earlier capture did not keep (`_authtrail.unreadExposures` of its HAR export),
 * as cleanPriorEvidence trusts an exchange's: only the shape authtrail writes; anything else is dropped or named
 * for what it is (`…`, `other`).
 */
export function cleanUnreadExposures(list: unknown): UnreadExposure[] {
  if (!Array.isArray(list)) return [];
  const out: UnreadExposure[] = [];
  for (const x of list.slice(0, MAX_UNREAD)) {
    if (!x || typeof x !== 'object') continue;
    const item = x as Record<string, unknown>;
    const [exposure] = cleanPriorEvidence({ exposures: [item as unknown as Exposure], passwords: [] }).exposures;
    const ref = String(item.ref ?? '');
    // A line of a paste that no reader took for a call (see UnreadExposure.reason): no call, and `text` as where.
    const text = item.reason === 'text';
    out.push({
      ...exposure!,
      ...(text ? { where: 'text' as const } : {}),
      call: text ? '' : SAFE_CALL.test(String(item.call)) ? String(item.call) : 'other',
      ref: SAFE_REF.test(ref) && !/[A-Za-z0-9_-]{20,}/.test(ref) ? ref : 'an earlier capture',
      group: SAFE_NAME.test(String(item.group)) ? String(item.group) : 't1',
      ...(item.reason === 'unreadable' || text ? { reason: item.reason as 'unreadable' | 'text' } : {}),
    });
  }
  return out;
}

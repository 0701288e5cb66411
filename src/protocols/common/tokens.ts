import type { TokenRef } from '../../model/token.js';
import { endsAgree, linksByWholeMask, sameToken as sameMaskedToken } from '../../redact/token.js';

/** Below this many visible characters two masked tokens cannot be told apart or told different. */
const MIN_VISIBLE = 6;

export type TokenRelation = 'same' | 'different' | 'unknown';

/**
 * Compares two tokens as the evidence shows them: by keyed fingerprint when both were seen in clear,
 * otherwise by their visible prefixes (`00WSySIHd8o8*****` matches `00WSySIHd8o8EUT9*****`) and the ends
 * a mask shows (`00abc...xyz` is not `00abc...uvw`).
 */
export function tokenRelation(a: TokenRef | null | undefined, b: TokenRef | null | undefined): TokenRelation {
  if (!a || !b) return 'unknown';
  if (a.fp && b.fp) return a.fp === b.fp ? 'same' : 'different';
  if (!a.masked && !b.masked) return a.prefix === b.prefix ? 'same' : 'different';
  const n = Math.min(a.prefix.length, b.prefix.length);
  if (a.prefix.slice(0, n) !== b.prefix.slice(0, n) || !endsAgree(a, b)) return 'different';
  // `00abc...xyz` twice: a short start, but the same start and end as written (see linksByWholeMask).
  if (linksByWholeMask(a) || linksByWholeMask(b)) return sameMaskedToken(a, b) ? 'same' : 'unknown';
  return n >= MIN_VISIBLE ? 'same' : 'unknown';
}

export function sameToken(a: TokenRef | null | undefined, b: TokenRef | null | undefined): boolean {
  return tokenRelation(a, b) === 'same';
}

/** The same short label the timeline shows for a token (`00WS…#a1b2c3`), so findings and tables cross-reference. */
export { tokenLabel } from '../../redact/token.js';

import { createHash } from 'node:crypto';
import type { TokenRef } from '../model/token.js';
import { isMaskedToken } from './policy.js';

/** How many characters of a token stay visible after redaction (enough to tell tokens apart in a table). */
export const VISIBLE_PREFIX = 6;

const REDACTED_TOKEN = /^(.*?)\*{4}#([0-9a-f]{12})$/;
const MASK_START = /\*|…|\.{3}|•|\[/;

/** `00WSyS****#a1b2c3d4e5f6`: the stored form of a token seen in clear at capture. */
export function formatRedactedToken(clear: string, fingerprint: string): string {
  return `${clear.slice(0, Math.min(VISIBLE_PREFIX, Math.floor(clear.length / 2)))}****#${fingerprint}`;
}

/** Reads any token value back: redacted by authtrail, masked in the evidence, or clear (--raw). */
export function parseTokenRef(value: unknown): TokenRef | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const v = value.trim();
  const redacted = REDACTED_TOKEN.exec(v);
  if (redacted) return { prefix: redacted[1], fp: redacted[2], masked: true };
  const maskAt = v.search(MASK_START);
  if (maskAt >= 0) return { prefix: v.slice(0, maskAt), fp: null, masked: true };
  // A placeholder the evidence holds instead of the token (`REDACTED`, `<stateToken>`, `xxxxxxxx`) shows
  // nothing of it: every one reads the same, so it must link nothing (two users' flows were merged by it).
  if (isMaskedToken(v)) return { prefix: '', fp: null, masked: true };
  // A clear token (raw capture): its fingerprint is an unkeyed digest, only used to compare and display.
  return { prefix: v, fp: createHash('sha256').update(v).digest('hex').slice(0, 12), masked: false };
}

/** Minimum visible characters two masked tokens must share before they are taken as the same token. */
const MIN_SHARED_PREFIX = 6;

/** Whether two references can be the same token. Keyed fingerprints decide when both have one; else prefixes. */
export function sameToken(a: TokenRef | null, b: TokenRef | null): boolean {
  if (!a || !b) return false;
  const keyed = (r: TokenRef) => r.masked && r.fp !== null;
  if (keyed(a) && keyed(b)) return a.fp === b.fp;
  if (!a.masked && !b.masked) return a.prefix === b.prefix;
  const [short, long] = a.prefix.length <= b.prefix.length ? [a.prefix, b.prefix] : [b.prefix, a.prefix];
  return short.length >= MIN_SHARED_PREFIX && long.startsWith(short);
}

/**
 * Whether two references are certainly different tokens. Masks too short to compare are neither the same
 * nor different: a rotation is only claimed when the evidence shows it.
 */
export function tokensDiffer(a: TokenRef | null, b: TokenRef | null): boolean {
  if (!a || !b || sameToken(a, b)) return false;
  const keyed = (r: TokenRef) => r.masked && r.fp !== null;
  if ((keyed(a) && keyed(b)) || (!a.masked && !b.masked)) return true;
  return Math.min(a.prefix.length, b.prefix.length) >= MIN_SHARED_PREFIX;
}

/** A short label for tables: the fingerprint when known, else the visible prefix. */
export function tokenLabel(ref: TokenRef | null): string | null {
  if (!ref) return null;
  if (ref.fp) return `#${ref.fp.slice(0, 8)}`;
  return `${ref.prefix.slice(0, 8)}…`;
}

/** Two identifiers (user ids, logins) that may be masked differently: equal, or one a masked prefix of the other. */
export function sameIdentifier(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const ra = parseTokenRef(a);
  const rb = parseTokenRef(b);
  if (!ra || !rb || (!ra.masked && !rb.masked)) return false;
  const [short, long] = ra.prefix.length <= rb.prefix.length ? [ra.prefix, rb.prefix] : [rb.prefix, ra.prefix];
  return short.length >= MIN_SHARED_PREFIX && long.startsWith(short);
}

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
  if (maskAt >= 0) {
    const suffix = visibleEnd(v.slice(maskAt));
    return suffix ? { prefix: v.slice(0, maskAt), fp: null, masked: true, suffix } : { prefix: v.slice(0, maskAt), fp: null, masked: true };
  }
  // A placeholder the evidence holds instead of the token (`REDACTED`, `<stateToken>`, `xxxxxxxx`) shows
  // nothing of it: every one reads the same, so it must link nothing (two users' flows were merged by it).
  if (isMaskedToken(v)) return { prefix: '', fp: null, masked: true };
  // A clear token (raw capture): its fingerprint is an unkeyed digest, only used to compare and display.
  return { prefix: v, fp: createHash('sha256').update(v).digest('hex').slice(0, 12), masked: false };
}

/** Minimum visible characters two masked tokens must share before they are taken as the same token. */
const MIN_SHARED_PREFIX = 6;

/** What a mask may end with before the token's last characters: the mask characters, or `]` of `[...]`. */
const END_AFTER_MASK = /[*….•\]]([A-Za-z0-9_-]+)$/;
/** Words a mask ends with that are no part of the token (`***REDACTED`, `...truncated`). */
const MASK_WORD = /^(?:redacted|masked|hidden|removed|omitted|filtered|truncated|snip(?:ped)?|cut|placeholder|token|here)$/i;

/** The token characters a mask leaves visible at its end (`xyz` of `...xyz`), or null. */
function visibleEnd(fromMask: string): string | null {
  const end = END_AFTER_MASK.exec(fromMask)?.[1];
  return end && !MASK_WORD.test(end) ? end : null;
}

/**
 * A mask that shows the token's start and end (`00abc...xyz`) and too few characters of the start to link
 * by prefix, but enough in all: it is taken as the same token only where the evidence writes it the same
 * way (a paste masks its tokens alike), never by its start alone. Linking stays within one paste.
 */
export function linksByWholeMask(r: TokenRef): boolean {
  return r.masked && r.fp === null && r.prefix !== '' && !!r.suffix && r.prefix.length < MIN_SHARED_PREFIX && r.prefix.length + r.suffix.length >= MIN_SHARED_PREFIX;
}

/** Whether what two references show of their ends can be of one token: a masked end ends the other one's. */
export function endsAgree(a: TokenRef, b: TokenRef): boolean {
  const endOf = (r: TokenRef) => (r.masked ? r.suffix ?? null : r.prefix);
  const [ea, eb] = [endOf(a), endOf(b)];
  if (!a.suffix && !b.suffix) return true;
  if (ea === null || eb === null) return true;
  return ea.endsWith(eb) || eb.endsWith(ea);
}

/** Whether two references can be the same token. Keyed fingerprints decide when both have one; else what they show. */
export function sameToken(a: TokenRef | null, b: TokenRef | null): boolean {
  if (!a || !b) return false;
  const keyed = (r: TokenRef) => r.masked && r.fp !== null;
  if (keyed(a) && keyed(b)) return a.fp === b.fp;
  if (!a.masked && !b.masked) return a.prefix === b.prefix;
  if (!endsAgree(a, b)) return false;
  if (linksByWholeMask(a) || linksByWholeMask(b)) return a.masked && b.masked && a.prefix === b.prefix && a.suffix === b.suffix;
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
  // Two masks that each show enough of the start and end, and disagree on either (`00abc...xyz`, `00abc...uvw`).
  const shown = (r: TokenRef) => r.prefix.length + (r.suffix?.length ?? 0);
  const startsAgree = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  if (a.suffix && b.suffix && shown(a) >= MIN_SHARED_PREFIX && shown(b) >= MIN_SHARED_PREFIX && (!startsAgree || !endsAgree(a, b))) return true;
  return Math.min(a.prefix.length, b.prefix.length) >= MIN_SHARED_PREFIX;
}

/** A short label for tables: the fingerprint when known, else the visible prefix. */
export function tokenLabel(ref: TokenRef | null): string | null {
  if (!ref) return null;
  if (ref.fp) return `#${ref.fp.slice(0, 8)}`;
  // A mask's visible end too (`00abc…xyz`), so two masks alike at the start are told apart; 11 characters at most.
  return ref.suffix ? `${ref.prefix.slice(0, 7)}…${ref.suffix.slice(-3)}` : `${ref.prefix.slice(0, 8)}…`;
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

/**
 * Values that pasted evidence masks by hand (`00u4aj33rsx*********`, `r...s@email.com`, `f…4@okta.com`).
 * A masked value is read as visible head + hidden run + visible tail.
 */
const MASK_RUN = /(\*{2,}|\.{3,}|…|x{6,}|#{3,})/;

/**
 * How many characters of X's (four or more of one case) end the value after a head of two or more
 * (`VBQ0gXXXX`: a tail a person replaced); 0 when it does not end so. Counted from the end, not by a regex
 * that would try every position of every value.
 */
function maskedTail(value: string): number {
  const last = value.charCodeAt(value.length - 1);
  if (last !== 0x78 && last !== 0x58) return 0;
  let i = value.length - 1;
  while (i > 0 && value.charCodeAt(i - 1) === last) i--;
  const run = value.length - i;
  return run >= 4 && i >= 2 ? run : 0;
}

export function isMasked(value: string): boolean {
  return MASK_RUN.test(value) || maskedTail(value) > 0;
}

interface MaskedParts {
  head: string;
  tail: string;
  masked: boolean;
}

function parts(value: string): MaskedParts {
  const m = MASK_RUN.exec(value);
  if (!m) {
    const run = maskedTail(value);
    return run > 0 ? { head: value.slice(0, value.length - run), tail: '', masked: true } : { head: value, tail: '', masked: false };
  }
  return { head: value.slice(0, m.index), tail: value.slice(m.index + m[0].length).replace(/^[*.…]+/, ''), masked: true };
}

/** The characters shown before the mask (the whole value when unmasked). */
export function visiblePrefix(value: string): string {
  return parts(value).head;
}

/**
 * Whether two renderings can be the same underlying value: equal when both are clear, otherwise the
 * visible heads and tails must agree (case-insensitively, as Okta compares logins and emails).
 */
export function maskedAgree(a: string, b: string, caseInsensitive = true): boolean {
  // The same rendering always agrees with itself, masked or not: the common case, answered without parsing.
  if (a === b) return true;
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const pa = parts(norm(a));
  const pb = parts(norm(b));
  if (!pa.masked && !pb.masked) return pa.head === pb.head;
  const fullA = pa.masked ? null : pa.head;
  const fullB = pb.masked ? null : pb.head;
  if (fullA !== null) return fullA.startsWith(pb.head) && fullA.endsWith(pb.tail);
  if (fullB !== null) return fullB.startsWith(pa.head) && fullB.endsWith(pa.tail);
  const headsAgree = pa.head.startsWith(pb.head) || pb.head.startsWith(pa.head);
  const tailsAgree = pa.tail.endsWith(pb.tail) || pb.tail.endsWith(pa.tail);
  return headsAgree && tailsAgree;
}

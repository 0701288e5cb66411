/** Bodies nested deeper than this are cut: nothing real comes close, and every walk of a body stays bounded. */
export const MAX_DEPTH = 200;
export const DEPTH_MARK = `[nested deeper than ${MAX_DEPTH} levels, not kept]`;

/**
 * A parsed JSON value with everything below `MAX_DEPTH` replaced by a marker string, in place (JSON.parse takes
 * 100,000 levels; JSON.stringify and every recursive walk after it do not). The walk itself recurses at most
 * `MAX_DEPTH` levels. Returns whether something was cut.
 */
export function cutDeep(value: unknown): boolean {
  return value !== null && typeof value === 'object' ? cutBelow(value as Record<string, unknown>, 1) : false;
}

/**
 * Whether the JSON text may nest deeper than MAX_DEPTH: it holds that many `{` and `[` (inside strings too).
 * A body with fewer cannot need cutDeep, whose walk of every object is then skipped.
 */
export function mayNestDeep(text: string): boolean {
  let opened = 0;
  for (const bracket of ['{', '[']) {
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) if (++opened >= MAX_DEPTH) return true;
  }
  return false;
}

function cutBelow(node: Record<string, unknown>, depth: number): boolean {
  let cut = false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const child: unknown = node[i];
      if (child === null || typeof child !== 'object') continue;
      if (depth >= MAX_DEPTH) {
        node[i] = DEPTH_MARK;
        cut = true;
      } else if (cutBelow(child as Record<string, unknown>, depth + 1)) cut = true;
    }
    return cut;
  }
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (child === null || typeof child !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      node[key] = DEPTH_MARK;
      cut = true;
    } else if (cutBelow(child as Record<string, unknown>, depth + 1)) cut = true;
  }
  return cut;
}

/** JSON.parse with the depth bound applied; throws as JSON.parse does. */
export function parseBounded(text: string): unknown {
  const value = JSON.parse(text);
  cutDeep(value);
  return value;
}

/** Nesting past which a repair is not tried: jsonrepair's cost grows with the square of unclosed levels. */
const REPAIR_DEPTH = 1000;

/** The longest text jsonrepair is given: pasted bodies that need repair are a few KB; HAR bodies parse as they are. */
const REPAIR_MAX = 128 << 10;

/**
 * jsonrepair, refused (throws) for text over REPAIR_MAX or opening more than REPAIR_DEPTH levels it does not close: a hostile
 * or damaged body (a line of 500,000 `{`) would take minutes to repair into what the depth bound cuts anyway.
 */
export function repairBounded(text: string, repair: (text: string) => string): string {
  // jsonrepair looks ahead from each quote it cannot place: a large body full of stray quotes is quadratic (160 KB:
  // 1.1 s). A large body only cut short (a paste that stopped) is closed here instead, in one pass.
  if (text.length > REPAIR_MAX) {
    const closed = closeTruncated(text);
    if (closed !== null) return closed;
    throw new Error(`${Math.round(text.length / 1024)} KB, over the ${REPAIR_MAX >> 10} KB jsonrepair is tried on, and not JSON cut short; not repaired`);
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > REPAIR_DEPTH) throw new Error(`nested deeper than ${REPAIR_DEPTH} levels; not repaired`);
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return repair(text);
}

/**
 * JSON cut short, closed: the open string, then every open object and array; a dangling `,` dropped, a dangling
 * `"key":` given null, a member cut before its value (`"phoneNumber"`) dropped back to the last `,`, `{` or `[`.
 * Null when that does not make JSON (the text was damaged some other way).
 */
function closeTruncated(text: string): string | null {
  const open: string[] = [];
  let inString = false;
  /** The last `,`, `{` or `[` outside strings, and what was open after it. */
  let cut: { at: number; open: string[] } | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123) open.push('}');
    else if (c === 91) open.push(']');
    else if (c === 125 || c === 93) {
      if (open.pop() !== String.fromCharCode(c)) return null;
    }
    if ((c === 44 || c === 123 || c === 91) && open.length <= 64) cut = { at: i, open: [...open] };
  }
  if (open.length === 0 && !inString) return null;
  // A cut inside an escape (`"a\\`) loses the backslash.
  let whole = inString ? `${text.replace(/\\$/, '')}"` : text.trimEnd();
  if (whole.endsWith(',')) whole = whole.slice(0, -1);
  else if (whole.endsWith(':')) whole += 'null';
  const tries = [whole + [...open].reverse().join('')];
  if (cut) tries.push(text.slice(0, text.charCodeAt(cut.at) === 44 ? cut.at : cut.at + 1) + [...cut.open].reverse().join(''));
  for (const attempt of tries) {
    try {
      JSON.parse(attempt);
      return attempt;
    } catch {
      // the next way of closing it
    }
  }
  return null;
}

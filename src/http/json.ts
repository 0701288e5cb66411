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
  // jsonrepair looks ahead from each quote it cannot place: a large body full of stray quotes is quadratic (160 KB: 1.1 s).
  if (text.length > REPAIR_MAX) throw new Error(`${Math.round(text.length / 1024)} KB, over the ${REPAIR_MAX >> 10} KB a repair is tried on; not repaired`);
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

/** Bodies nested deeper than this are cut: nothing real comes close, and every walk of a body stays bounded. */
export const MAX_DEPTH = 200;
export const DEPTH_MARK = `[nested deeper than ${MAX_DEPTH} levels, not kept]`;

/**
 * A parsed JSON value with everything below `MAX_DEPTH` replaced by a marker string, in place and without
 * recursion (JSON.parse takes 100,000 levels; JSON.stringify and every recursive walk after it do not).
 * Returns whether something was cut.
 */
export function cutDeep(value: unknown): boolean {
  let cut = false;
  const stack: [Record<string, unknown>, number][] = value && typeof value === 'object' ? [[value as Record<string, unknown>, 1]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (!child || typeof child !== 'object') continue;
      if (depth >= MAX_DEPTH) {
        node[key] = DEPTH_MARK;
        cut = true;
      } else stack.push([child as Record<string, unknown>, depth + 1]);
    }
  }
  return cut;
}

/** JSON.parse with the depth bound applied; throws as JSON.parse does. */
export function parseBounded(text: string): unknown {
  const value = JSON.parse(text);
  cutDeep(value);
  return value;
}

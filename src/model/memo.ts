/**
 * `fn` with its answers remembered per key, for the same few URLs asked about on every request. The memory
 * is bounded: past `limit` keys it starts afresh (a recording can see ever new factor ids and tokens).
 */
export function memoize<V>(fn: (key: string) => V, limit = 4096): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined && !seen.has(key)) {
      if (seen.size >= limit) seen.clear();
      seen.set(key, (value = fn(key)));
    }
    return value as V;
  };
}

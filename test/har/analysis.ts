/**
 * An analysis JSON without what necessarily differs between two imports of the same evidence:
 * capture and exchange ids, where each step came from (file and line or entry), capture metadata.
 * What remains (transactions, steps, statuses, tokens, findings and their evidence) must be equal.
 */
export function comparableAnalysis(analysis: unknown): unknown {
  const drop = new Set(['captures', 'captureId', 'exchangeId', 'exchangeIds', 'sourceRef', 'file', 'createdAt', 'contentHash']);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k)).map(([k, x]) => [k, walk(x)]));
    }
    // Transaction ids are `<capture>.<n>`: only the capture part differs.
    if (typeof v === 'string') {
      // The verdict's text names places: `step 4 of 1.1`.
      const text = v.replace(/\bof \d+\.(\d+)\b/g, 'of T.$1');
      return text.replace(/\b\d+\.(\d+)\b(?=\D|$)/g, (m, n) => (/^\d+\.\d+$/.test(text) ? `T.${n}` : m));
    }
    return v;
  };
  return walk(analysis);
}

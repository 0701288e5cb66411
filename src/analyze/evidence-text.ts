/** Compact `key: value` text of a finding's evidence for tables; long values are cut, never expanded. */
export function evidenceEntries(evidence: Record<string, unknown>, maxValue = 80): [string, string][] {
  return Object.entries(evidence).map(([key, value]) => [key, clip(valueText(value), maxValue)]);
}

export function evidenceText(evidence: Record<string, unknown>, maxValue = 80): string {
  return evidenceEntries(evidence, maxValue)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unprintable]';
  }
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

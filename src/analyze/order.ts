import type { Finding } from '../model/finding.js';
import { compareSeverity } from '../model/severity.js';

/** Findings, most severe first, then in evidence order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(b.severity, a.severity) ||
      (a.transaction ?? '').localeCompare(b.transaction ?? '', 'en', { numeric: true }) ||
      (a.step ?? 0) - (b.step ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

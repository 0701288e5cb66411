import type { Finding } from '../model/finding.js';
import { compareSeverity } from '../model/severity.js';

/** Transaction ids (`2.10`) compared as numbers, as `localeCompare(b, 'en', { numeric: true })`; one collator for all. */
const compareIds = new Intl.Collator('en', { numeric: true }).compare;
/** `a.localeCompare(b)`, one collator for all. */
export const compareText = new Intl.Collator().compare;

/** Findings, most severe first, then in evidence order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSeverity(b.severity, a.severity) ||
      compareIds(a.transaction ?? '', b.transaction ?? '') ||
      (a.step ?? 0) - (b.step ?? 0) ||
      compareText(a.rule, b.rule),
  );
}

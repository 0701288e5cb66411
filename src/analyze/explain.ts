import { RULES } from './rules.js';
import type { Basis, RuleMeta } from '../model/rule.js';
import type { Finding } from '../model/finding.js';

/** What a report says about a finding's rule: from the rule registry, or the finding alone when the rule is unknown. */
export interface Explanation {
  summary: string;
  rationale: string | null;
  basis: Basis | null;
  docs: string;
}

const registry = new Map<string, RuleMeta>(RULES.map((rule) => [rule.meta.id, rule.meta]));

/** A rule missing from the registry (renamed, from a newer analysis.json) still renders with its own message. */
export function explain(finding: Finding): Explanation {
  const meta = registry.get(finding.rule);
  if (!meta) return { summary: finding.message, rationale: null, basis: null, docs: finding.docs };
  return { summary: meta.summary, rationale: meta.rationale, basis: meta.messageBasis?.[finding.messageId] ?? meta.basis, docs: finding.docs || meta.docs };
}

/** A finding's own basis: its message's when the rule gives one, else the rule's. */
export function findingBasis(finding: Finding): Basis | null {
  return explain(finding).basis;
}

const BASIS_TEXT: Record<Basis, string> = {
  documented: "checked against behaviour Okta documents",
  sdk: "rests on Okta's SDK behaviour, not on the API reference",
  forum: 'rests on developer reports; Okta does not document it',
  inferred: 'rests on behaviour authtrail infers; Okta does not document it',
  evidence: "about the evidence itself (mixed attempts, secrets in clear), not about Okta's behaviour",
};

export function basisText(basis: Basis | null): string {
  return basis ? BASIS_TEXT[basis] : 'unknown rule: no basis recorded';
}

import type { Finding } from '../../model/finding.js';
import { cssToken, html, type Html } from './escape.js';
import { evidenceEntries } from '../../analyze/evidence-text.js';
import { basisText, explain } from '../../analyze/explain.js';
import { safeLink } from '../link.js';
import { sortFindings } from '../../analyze/order.js';

function where(f: Finding): string {
  if (f.transaction === null) return 'evidence as a whole';
  return f.step === null ? `transaction ${f.transaction}` : `step ${f.step}`;
}

/** One finding as a card: what it means, why it matters, whether Okta documents it, the values compared. */
export function findingCard(f: Finding): Html {
  const x = explain(f);
  const link = safeLink(x.docs);
  const evidence = evidenceEntries(f.evidence, 160);
  return html`<article class="finding sev-${cssToken(f.severity)}" data-rule="${f.rule}">
<header><span class="sev">${f.severity}</span> <code class="rule">${f.rule}</code> <span class="where">${where(f)}</span></header>
<p class="message">${f.message}</p>
${x.rationale ? html`<p class="why"><b>Why it matters:</b> ${x.rationale}</p>` : ''}
<p class="basis basis-${cssToken(x.basis ?? 'unknown')}"><b>Okta:</b> ${basisText(x.basis)}${link ? html` · <a href="${link}" rel="noreferrer noopener">${x.docs}</a>` : x.docs ? html` · ${x.docs}` : ''}</p>
${evidence.length ? html`<table class="evidence"><tbody>${evidence.map(([k, v]) => html`<tr><th scope="row">${k}</th><td><code>${v}</code></td></tr>`)}</tbody></table>` : ''}
</article>`;
}

export function findingCards(findings: readonly Finding[]): Html {
  return html`${sortFindings(findings).map(findingCard)}`;
}

/** The evidence table of every finding, for readers who scan rather than read cards. */
export function findingsTable(findings: readonly Finding[]): Html {
  if (findings.length === 0) return html`<p class="muted">No findings.</p>`;
  return html`<table class="grid findings"><thead><tr><th>Severity</th><th>Rule</th><th>Tx</th><th>Step</th><th>Message</th><th>Evidence</th></tr></thead><tbody>
${sortFindings(findings).map(
  (f) => html`<tr class="sev-${cssToken(f.severity)}"><td><span class="sev">${f.severity}</span></td><td><code>${f.rule}</code></td><td>${f.transaction ?? ''}</td><td class="num">${f.step ?? ''}</td><td>${f.message}</td><td class="ev">${evidenceEntries(f.evidence).map(([k, v]) => html`<div><b>${k}</b>: <code>${v}</code></div>`)}</td></tr>`,
)}
</tbody></table>`;
}

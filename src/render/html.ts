import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import { isSeverity, SEVERITIES } from '../model/severity.js';
import { cssToken, html, raw, type Html } from './html/escape.js';
import { findingCards, findingsTable } from './html/findings.js';
import { laneChart } from './html/lanes.js';
import { stepList, timelineTable } from './html/steps.js';
import { CSS } from './html/style.js';
import { severityCounts, story, summaryLine, transactionTitle } from './summary.js';
import { verdictOf, verdictParts } from './verdict.js';
import { formatGenerated, timeNote, type RenderOptions } from './time.js';
import { timeline } from './timeline-rows.js';
import { systemLogSummary } from './systemlog.js';
import { findingsOn, shownTransactions } from './findings-of.js';

/**
 * Nothing may load from anywhere: the file travels with a ticket and is opened on machines that must not
 * call out. The policy also stops any markup that escaping somehow missed from fetching or running.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function transactionSection(t: TransactionJson, analysis: AnalysisJson, options: RenderOptions, index: number): Html {
  const { rows, timed } = timeline(t, analysis.findings, options);
  const stray = findingsOn(analysis.findings, t.id).filter((f) => f.step === null || !t.steps.some((s) => s.step === f.step));
  const who = t.user.login ?? t.user.id;
  return html`<section class="transaction" id="${`transaction-${index + 1}`}">
<h2>Transaction ${t.id}${who ? html` <span class="muted">· ${who}</span>` : ''}<span class="outcome outcome-${cssToken(t.outcome)}">${t.outcome}</span></h2>
<p class="meta">${rows.length} step${rows.length === 1 ? '' : 's'}${t.user.id && t.user.login ? html` · user id <code>${t.user.id}</code>` : ''} · capture ${t.captureId}</p>
<div class="lane-wrap">${laneChart(t, rows)}</div>
${stray.length ? html`<div class="step-findings loose">${findingCards(stray)}</div>` : ''}
${stepList(rows, timed)}
<h3>Timeline table</h3>
${timelineTable(rows, timed)}
</section>`;
}

/** A story entry that starts with a severity (`medium secret-exposed ×3 at ...`) gets its chip. */
function storyItem(item: string): Html {
  const [first, ...rest] = item.split(' ');
  return isSeverity(first) ? html`<li class="sev-${first}"><span class="sev">${first}</span> ${rest.join(' ')}</li>` : html`<li>${item}</li>`;
}

/** The ticket's story; findings in their short form, since each card below carries the full message. */
function storyBlock(analysis: AnalysisJson): Html {
  const s = story(analysis);
  const list = (title: string, items: string[], cls: string) => (items.length ? html`<h3>${title}</h3><ul class="${cls}">${items.map(storyItem)}</ul>` : '');
  return html`<div class="prose">
<p class="opening">${s.opening}</p>
${analysis.findings.length === 0 && analysis.transactions.length > 0 ? html`<p>No rule reported anything: the flow matches the state machine Okta documents.</p>` : ''}
${list('Findings that matter', s.matter, 'matter')}
${list('Lower-severity findings', s.minorSummaries, 'minor')}
${list('What Okta documents', s.basis, 'basis')}
${list('Rules that failed', s.failures, 'failures')}
</div>`;
}

/** The answer first, then the parts of the verdict that ground it. */
function verdictBlock(analysis: AnalysisJson): Html {
  const v = verdictOf(analysis);
  return html`<section class="verdict"><h2>Verdict</h2>
<p class="answer"><strong>Answer:</strong> ${v.answer}</p>
${verdictParts(v).map((p) => html`<h3>${p.title}</h3>${p.items.length ? html`<ul>${p.items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p>None.</p>`}`)}
</section>`;
}

/** The System Log join: counts, steps without an event, events without a step. */
function systemLogSection(analysis: AnalysisJson): Html | string {
  const lines = systemLogSummary(analysis);
  if (!lines) return '';
  const [head, ...rest] = lines;
  return html`<section class="system-log"><h2>Okta System Log</h2><p>${head}</p>${rest.length ? html`<ul>${rest.map((l) => html`<li>${l}</li>`)}</ul>` : ''}</section>`;
}

/** The `html` format and `report.html`: one self-contained page, safe to attach to a ticket. */
export function renderHtml(analysis: AnalysisJson, options: RenderOptions = {}): string {
  const counts = severityCounts(analysis.findings);
  const timed = analysis.transactions.some((t) => t.steps.some((s) => s.startedAt));
  const known = new Set(analysis.transactions.map((t) => t.id));
  const { shown, left } = shownTransactions(analysis);
  const loose = analysis.findings.filter((f) => f.transaction === null || !known.has(f.transaction));
  const title = analysis.transactions.length === 1 ? `authtrail report · ${transactionTitle(analysis.transactions[0])}` : 'authtrail report';
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main>
<h1>authtrail report</h1>
${verdictBlock(analysis)}
<p class="summary">${summaryLine(analysis)}</p>
<div class="counts">${[...SEVERITIES].reverse().map((s) => html`<span class="count sev-${s}">${counts[s]} ${s}</span>`)}</div>
${storyBlock(analysis)}
<p class="meta">${timeNote(options, timed)} Evidence: ${analysis.captures.map((c, i) => html`${i ? ', ' : ''}<code>${c.file}</code> (capture ${c.id}, ${c.sourceKind}${c.raw ? ', stored raw' : ''})`)}. Tokens are shown as fingerprints, never in clear.</p>
${shown.map((t, i) => transactionSection(t, analysis, options, i))}${left ? html`<p class="meta">${left}</p>` : ''}
${loose.length ? html`<section class="transaction"><h2>Findings about the evidence as a whole</h2>${findingCards(loose)}</section>` : ''}
${systemLogSection(analysis)}${analysis.ruleErrors.length ? html`<section><h2>Rules that failed</h2><ul>${analysis.ruleErrors.map((e) => html`<li><code>${e.rule}</code>: ${e.message}</li>`)}</ul></section>` : ''}
<section class="evidence-tables"><h2>All findings</h2>${findingsTable(analysis.findings)}</section>
<footer>Generated by authtrail at ${formatGenerated(options)}. Severity: high, medium, low, info. Lanes: one row per status; ↻ marks a rotated stateToken; ▲/▼ mark passwordChanged moving forward or back. Each rule is explained by <code>authtrail explain RULE-ID</code> and in authtrail's docs/rules/RULE-ID.md.</footer>
</main>
</body>
</html>
`;
  return page.value;
}

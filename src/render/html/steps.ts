import type { TimelineRow } from '../timeline-rows.js';
import { passwordMark } from '../timeline-rows.js';
import { breakable, cssToken, html, type Html } from './escape.js';
import { findingCards } from './findings.js';
import { stepEvents } from '../systemlog.js';

function statusChip(status: string): Html {
  return html`<span class="status status-${cssToken(status)}">${status}</span>`;
}

/** One step: the request, the status transition and what changed, with the findings that concern it beside it. */
function stepItem(r: TimelineRow, timed: boolean): Html {
  const { step } = r;
  const error = step.httpStatus === null || step.httpStatus >= 400;
  const pwClass = r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? ` pw-${r.passwordChange}` : '';
  return html`<li class="step${r.findings.length ? ' has-findings' : ''}">
<div class="step-head">
<span class="step-no">${step.step}</span>
<span class="op"><code>${step.method} ${step.operation}</code></span>
${timed && r.time ? html`<span class="time">${r.time}${r.delta ? html` <b>${r.delta}</b>` : ''}</span>` : ''}
</div>
<div class="transition">${statusChip(step.statusBefore)}<span class="arrow">→</span>${statusChip(step.statusAfter)}
<span class="http${error ? ' http-error' : ''}">${r.http}</span></div>
<dl class="facts">
${r.token ? html`<div><dt>stateToken</dt><dd><code class="${step.stateToken.rotated ? 'rotated' : ''}">${r.token}</code>${step.stateToken.rotated ? ' rotated' : r.tokenChanged ? ' new' : ''}</dd></div>` : ''}
${r.passwordChanged ? html`<div class="${pwClass.trim()}"><dt>passwordChanged</dt><dd>${r.passwordChanged}${passwordMark(r.passwordChange)}</dd></div>` : ''}
${r.expiresAt ? html`<div><dt>expiresAt</dt><dd>${r.expiresAt}</dd></div>` : ''}
${step.factorResult ? html`<div><dt>factorResult</dt><dd>${step.factorResult}</dd></div>` : ''}
<div><dt>path</dt><dd><code>${step.path}</code></dd></div>
<div><dt>source</dt><dd>${step.sourceRef}</dd></div>${systemLogFact(stepEvents(step))}
</dl>
${r.findings.length ? html`<div class="step-findings">${findingCards(r.findings)}</div>` : ''}
</li>`;
}

/** Okta's side of the step, when a System Log was analyzed. */
function systemLogFact(events: string[] | null): Html | string {
  if (!events) return '';
  return html`<div class="system-log"><dt>System Log</dt><dd>${events.map((e, i) => html`${i ? html`<br>` : ''}<code>${e}</code>`)}</dd></div>`;
}

export function stepList(rows: readonly TimelineRow[], timed: boolean): Html {
  return html`<ol class="steps">${rows.map((r) => stepItem(r, timed))}</ol>`;
}

/** The full timeline as a table: the evidence a support engineer copies from. */
export function timelineTable(rows: readonly TimelineRow[], timed: boolean): Html {
  return html`<table class="grid timeline"><thead><tr><th>Step</th>${timed ? html`<th>Time</th><th>+</th>` : ''}<th>Operation</th><th>Status</th><th>HTTP</th><th>stateToken</th><th>passwordChanged</th><th>expiresAt</th><th>factorResult</th><th class="src">Source</th></tr></thead><tbody>
${rows.map(
  (r) => html`<tr><td class="num">${r.step.step}</td>${timed ? html`<td>${r.time}</td><td>${r.delta}</td>` : ''}<td><code>${r.step.operation}</code></td><td>${r.status}</td><td>${r.http}</td><td><code>${r.token}</code></td><td>${r.passwordChanged}${passwordMark(r.passwordChange)}</td><td>${r.expiresAt}</td><td>${r.step.factorResult ?? ''}</td><td class="src">${breakable(r.step.sourceRef)}</td></tr>`,
)}
</tbody></table>`;
}

import type { TransactionJson } from '../../model/analysis.js';
import type { Finding } from '../../model/finding.js';
import { compareSeverity, type Severity } from '../../model/severity.js';
import type { TimelineRow } from '../timeline-rows.js';
import { cssToken, html, type Html } from './escape.js';

const LABEL_W = 170;
const LANE_H = 30;
const TOP = 26;

/** Long flows (push polling) get narrower columns and shorter labels, so the chart stays a few screens wide. */
function layout(steps: number): { colW: number; opChars: number; tokenChars: number; withTime: boolean } {
  if (steps <= 8) return { colW: 118, opChars: 18, tokenChars: 14, withTime: true };
  if (steps <= 16) return { colW: 84, opChars: 11, tokenChars: 9, withTime: true };
  return { colW: 46, opChars: 0, tokenChars: 0, withTime: false };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** Statuses in the order the transaction first reaches them: one horizontal lane each. */
function lanesOf(t: TransactionJson): string[] {
  const lanes: string[] = [];
  const add = (s: string) => {
    if (!lanes.includes(s)) lanes.push(s);
  };
  if (t.steps[0]) add(t.steps[0].statusBefore);
  for (const s of t.steps) add(s.statusAfter);
  return lanes;
}

function worst(findings: readonly Finding[]): Severity | null {
  return findings.reduce<Severity | null>((w, f) => (w === null || compareSeverity(f.severity, w) > 0 ? f.severity : w), null);
}

function shortTime(formatted: string): string {
  // `2022-11-03 09:22:47Z` → `11-03 09:22`: the lane has room for a short form; the table has the full one.
  const m = /^\d{4}-(\d\d-\d\d) (\d\d:\d\d)/.exec(formatted);
  return m ? `${m[1]} ${m[2]}` : formatted.slice(0, 16);
}

/**
 * The transaction as a swimlane chart: one lane per status, a path from step to step, then a stateToken lane
 * (one colour per token, ↻ where it rotated) and a passwordChanged lane (▲ advanced, ▼ went back).
 */
export function laneChart(t: TransactionJson, rows: readonly TimelineRow[]): Html {
  const lanes = lanesOf(t);
  const n = rows.length;
  const { colW, opChars, tokenChars, withTime } = layout(n);
  // Room on the right for the last step's HTTP label (`403 E0000068`).
  const width = LABEL_W + (n + 1) * colW + 40;
  const tokenY = TOP + lanes.length * LANE_H + 10;
  const pwY = tokenY + LANE_H;
  const height = pwY + LANE_H + 6;
  const x = (i: number) => LABEL_W + colW / 2 + i * colW;
  const y = (status: string) => TOP + lanes.indexOf(status) * LANE_H + LANE_H / 2;
  const points = [{ x: x(0), y: y(rows[0]?.step.statusBefore ?? lanes[0]) }, ...rows.map((r, i) => ({ x: x(i + 1), y: y(r.step.statusAfter) }))];
  const tokens = [...new Set(rows.map((r) => r.step.stateToken.fingerprint).filter((f): f is string => f !== null))];

  const laneBands = lanes.map(
    (s, i) => html`<g class="lane"><rect x="0" y="${TOP + i * LANE_H}" width="${width}" height="${LANE_H}" class="${i % 2 ? 'odd' : 'even'}"/>
<text x="8" y="${TOP + i * LANE_H + LANE_H / 2 + 4}" class="lane-label">${s}</text></g>`,
  );
  const columns = rows.map(
    (r, i) => html`<text x="${x(i + 1)}" y="16" class="col-label" text-anchor="middle">${opChars ? `${r.step.step}. ${clip(r.step.operation, opChars)}` : r.step.step}</text>`,
  );
  const segments = rows.map((r, i) => {
    const a = points[i];
    const b = points[i + 1];
    const error = (r.step.httpStatus ?? 0) >= 400 || r.step.httpStatus === null;
    return html`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="edge${error ? ' edge-error' : ''}"/>`;
  });
  const dots = rows.map((r, i) => {
    const p = points[i + 1];
    const sev = worst(r.findings);
    const label = r.http;
    return html`<g class="dot"><circle cx="${p.x}" cy="${p.y}" r="6" class="node${sev ? ` sev-${cssToken(sev)}` : ''}"><title>${`Step ${r.step.step}: ${r.status} (${label})${r.findings.length ? ` · ${r.findings.length} finding(s)` : ''}`}</title></circle>
${colW >= 84 || r.step.httpStatus !== 200 ? html`<text x="${p.x + 9}" y="${p.y - 7}" class="http">${label}</text>` : ''}${sev ? html`<text x="${p.x - 4}" y="${p.y + 17}" class="flag sev-${cssToken(sev)}">${r.findings.length}⚑</text>` : ''}</g>`;
  });
  const tokenCells = rows.map((r, i) => {
    const fp = r.step.stateToken.fingerprint;
    if (!fp) return html`<text x="${x(i + 1)}" y="${tokenY + 19}" class="none" text-anchor="middle">—</text>`;
    const k = tokens.indexOf(fp) % 6;
    return html`<rect x="${x(i + 1) - colW / 2 + 3}" y="${tokenY + 5}" width="${colW - 6}" height="${LANE_H - 10}" rx="4" class="tok tok-${k}"/>
<text x="${x(i + 1)}" y="${tokenY + 19}" text-anchor="middle" class="tok-label">${r.step.stateToken.rotated ? '↻ ' : ''}${tokenChars ? clip(fp, tokenChars) : ''}<title>${fp}</title></text>`;
  });
  const pwCells = rows.map((r, i) => {
    if (!r.passwordChanged) return html`<text x="${x(i + 1)}" y="${pwY + 19}" class="none" text-anchor="middle">—</text>`;
    const mark = r.passwordChange === 'advanced' ? '▲ ' : r.passwordChange === 'regressed' ? '▼ ' : '';
    const cls = r.passwordChange === 'advanced' || r.passwordChange === 'regressed' ? `pw-${r.passwordChange}` : 'pw-same';
    const label = withTime ? shortTime(r.passwordChanged) : mark ? '' : '=';
    return html`<text x="${x(i + 1)}" y="${pwY + 19}" text-anchor="middle" class="${cls}">${mark}${label}<title>${r.passwordChanged}</title></text>`;
  });
  return html`<svg class="lanes" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title>${`Status lanes of transaction ${t.id}`}</title>
${laneBands}
<rect x="0" y="${tokenY}" width="${width}" height="${LANE_H}" class="aux"/><text x="8" y="${tokenY + 19}" class="lane-label">stateToken</text>
<rect x="0" y="${pwY}" width="${width}" height="${LANE_H}" class="aux"/><text x="8" y="${pwY + 19}" class="lane-label">passwordChanged</text>
${columns}${segments}
<circle cx="${points[0].x}" cy="${points[0].y}" r="4" class="start"/>
${dots}${tokenCells}${pwCells}
</svg>`;
}

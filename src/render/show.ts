import type { AnalysisJson, StepJson, TransactionJson } from '../model/analysis.js';
import type { Exchange } from '../model/exchange.js';
import type { Finding } from '../model/finding.js';
import { escapeMd } from './markdown.js';
import { transactionTitle } from './summary.js';
import { stepEvents } from './systemlog.js';
import { samlLine } from '../protocols/saml/summary.js';
import { sortFindings } from '../analyze/order.js';
import { findingsOn } from './findings-of.js';

/** One step as `show 1.1:4` prints it: the redacted exchange, the status move and the findings on it. */
export interface StepView {
  transaction: string;
  step: StepJson;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number | null; headers: Record<string, string>; body: unknown; transportError: string | null };
  findings: Finding[];
}

export function stepView(t: TransactionJson, step: StepJson, exchange: Exchange, findings: readonly Finding[]): StepView {
  return {
    transaction: t.id,
    step,
    request: { method: exchange.method, url: exchange.url, headers: exchange.requestHeaders, body: exchange.requestBody },
    response: { status: exchange.responseStatus, headers: exchange.responseHeaders, body: exchange.responseBody, transportError: exchange.transportError },
    findings: sortFindings(findingsOn(findings, t.id).filter((f) => f.step === step.step)),
  };
}

const pretty = (body: unknown) => (body === null || body === undefined ? '(no body)' : typeof body === 'string' ? body : JSON.stringify(body, null, 2));
const headerLines = (h: Record<string, string>) => Object.entries(h).map(([k, v]) => `${k}: ${v}`);

export function renderStepText(v: StepView): string {
  const s = v.step;
  const lines = [
    `Step ${s.step} of ${v.transaction}: ${s.operation}, ${s.statusBefore} → ${s.statusAfter}${s.errorCode ? ` (${s.errorCode})` : ''}${s.factorResult ? ` (${s.factorResult})` : ''}`,
    `source: ${s.sourceRef}`,
    ...(s.saml ? [samlLine(s.saml)] : []),
    '',
    `${v.request.method} ${v.request.url}`,
    ...headerLines(v.request.headers),
    '',
    pretty(v.request.body),
    '',
    `HTTP ${v.response.status ?? '—'}${v.response.transportError ? ` (${v.response.transportError})` : ''}`,
    ...headerLines(v.response.headers),
    '',
    pretty(v.response.body),
    '',
    ...(s.events ? ['Okta System Log:', ...stepEvents(s)!.map((e) => `- ${e}`), ''] : []),
    v.findings.length ? 'Findings on this step:' : 'No finding on this step.',
    ...v.findings.map((f) => `- ${f.severity} ${f.rule}: ${f.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderStepMarkdown(v: StepView): string {
  const s = v.step;
  const fence = (text: string, lang = '') => [`\`\`\`\`${lang}`, text, '````'];
  const lines = [
    `## Step ${s.step} of ${v.transaction}: \`${s.operation}\``,
    '',
    `Status \`${s.statusBefore}\` → \`${s.statusAfter}\`, HTTP ${v.response.status ?? '—'}${s.errorCode ? `, ${escapeMd(s.errorCode)}` : ''}. Source: ${escapeMd(s.sourceRef)}.`,
    '',
    '### Request',
    '',
    ...fence([`${v.request.method} ${v.request.url}`, ...headerLines(v.request.headers)].join('\n'), 'http'),
    '',
    ...fence(pretty(v.request.body), 'json'),
    '',
    '### Response',
    '',
    ...fence([`HTTP ${v.response.status ?? '—'}`, ...headerLines(v.response.headers)].join('\n'), 'http'),
    '',
    ...fence(pretty(v.response.body), 'json'),
    '',
    ...(s.events ? ['### Okta System Log', '', ...stepEvents(s)!.map((e) => `- ${escapeMd(e)}`), ''] : []),
    '### Findings',
    '',
    ...(v.findings.length ? v.findings.map((f) => `- **${f.severity}** \`${f.rule}\`: ${escapeMd(f.message)}`) : ['No finding on this step.']),
  ];
  return `${lines.join('\n')}\n`;
}

/** One transaction's steps, one line each, with the findings counted per step. */
export function renderTransactionText(t: TransactionJson, analysis: AnalysisJson, markdown: boolean): string {
  const rows = t.steps.map((s) => {
    const n = findingsOn(analysis.findings, t.id).filter((f) => f.step === s.step).length;
    return [String(s.step), s.operation, `${s.statusBefore} → ${s.statusAfter}`, s.httpStatus === null ? '—' : String(s.httpStatus), s.errorCode ?? '', n ? String(n) : ''];
  });
  const head = ['#', 'operation', 'status', 'HTTP', 'error', 'findings'];
  if (markdown) {
    return `## ${escapeMd(transactionTitle(t))}\n\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.map(escapeMd).join(' | ')} |`).join('\n')}\n\nOne step: \`authtrail show ${t.id}:N\`.\n`;
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return `${transactionTitle(t)}\n${[head, ...rows].map(line).join('\n')}\n\nOne step: authtrail show ${t.id}:N\n`;
}

import { RULES } from './rules.js';
import type { AnalysisJson, Unanalyzed } from '../model/analysis.js';
import { type Capture, transportErrorLabel } from '../model/exchange.js';
import type { FailedSteps } from './index.js';
import { unitsWord } from '../ingest/source.js';
import { unreadText } from '../protocols/org.js';
import type { Finding } from '../model/finding.js';
import type { Basis } from '../model/rule.js';
import { compareSeverity } from '../model/severity.js';
import type { Verdict, VerdictItem } from '../model/verdict.js';
import { evidenceText } from './evidence-text.js';
import { explain, findingBasis } from './explain.js';
import { sortFindings } from './order.js';

/** Evidence rules whose findings mean the steps come from more than one attempt, with what each saw. */
const MIXED: Record<string, string> = {
  'password-changed-regressed': 'passwordChanged',
  'expires-at-regressed': 'expiresAt',
  'timeline-inconsistent': 'timestamps',
  'identity-mismatch': 'masked values',
};

const RECAPTURE = 'capture one run again with `authtrail record`';
const sanitize = (n: number) => `rotate ${n === 1 ? 'it' : 'them'}, \`authtrail sanitize\` before posting`;
/** An id the poster masked elsewhere: nothing to rotate, and sanitize keeps ids (the analysis needs them). */
const EDIT_ID = 'the rest of the evidence masks it; mask it in the original post too';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const stepsOf = (list: readonly Finding[]) => [...new Set(list.flatMap((f) => (f.step === null ? [] : [f.step])))].sort((a, b) => a - b);

function place(transaction: string | null, steps: readonly number[]): string {
  if (transaction === null) return 'the evidence';
  if (steps.length === 0) return `transaction ${transaction}`;
  return `step${steps.length > 1 ? 's' : ''} ${steps.join(', ')} of ${transaction}`;
}

/** A message's sentences: a full stop, then space and a capital (`e.g. x` and `E0000080.` inside keep their sentence). */
const sentencesOf = (message: string) => message.split(/(?<=\.)\s+(?=[A-Z])/);

/** The first sentence of a message: what the rule saw, before why it matters. */
const firstSentence = (message: string) => sentencesOf(message)[0]!.trim();

/** The sentence of a message that says what Okta documents, or the rule's summary. */
function documentedText(f: Finding): string {
  const sentence = sentencesOf(f.message).find((s) => /Okta documents/.test(s));
  if (!sentence) return explain(f).summary;
  // `Okta documents this edge (A -> B): what it means.` reads best as the meaning first.
  const edge = /^Okta documents th(?:is|e) edge \(([^)]+)\)([:;]) (.*?)\.?$/.exec(sentence);
  if (!edge) return sentence;
  return `${edge[2] === ':' ? edge[3] : explain(f).summary} (documented: ${edge[1]})`;
}

function byKey(findings: readonly Finding[], key: (f: Finding) => string): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = key(f);
    const list = groups.get(k);
    if (list) list.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()];
}

/** `calls not analyzed (/api/v1/sessions, /api/v1/users/me)`: where secrets stood in calls no transaction holds. */
function unanalyzedPlace(list: readonly Finding[]): string {
  const calls = [...new Set(list.flatMap((f) => (Array.isArray(f.evidence.calls) ? f.evidence.calls.map(String) : [])))];
  return `calls not analyzed (${calls.slice(0, 3).join(', ')}${calls.length > 3 ? `, ${calls.length - 3} more` : ''})`;
}

/** `lines not read as calls (thread.md:5, thread.md:22)`: where secrets stood in a paste outside every call it read. */
function textPlace(list: readonly Finding[]): string {
  const lineNo = (ref: string) => Number(/:(\d+)$/.exec(ref)?.[1] ?? 0);
  const lines = [...new Set(list.flatMap((f) => (Array.isArray(f.evidence.lines) ? f.evidence.lines.map(String) : [])))].sort((a, b) => lineNo(a) - lineNo(b));
  return `lines not read as calls (${lines.slice(0, 3).join(', ')}${lines.length > 3 ? `, ${lines.length - 3} more` : ''})`;
}

/** Where a secret-exposed finding stands: its steps, the calls not analyzed, or the paste's other lines. */
function exposedPlace(list: readonly Finding[]): string {
  const first = list[0]!;
  if (first.transaction !== null) return place(first.transaction, stepsOf(list));
  if (Array.isArray(first.evidence.lines)) return textPlace(list);
  if (Array.isArray(first.evidence.calls)) return unanalyzedPlace(list);
  return place(first.transaction, stepsOf(list));
}

function evidenceItems(findings: readonly Finding[]): VerdictItem[] {
  const items: VerdictItem[] = [];
  const mixed = findings.filter((f) => f.rule in MIXED);
  for (const list of byKey(mixed, (f) => f.transaction ?? '')) {
    const seen = [...new Set(list.map((f) => MIXED[f.rule]))];
    items.push({
      rules: [...new Set(list.map((f) => f.rule))],
      transaction: list[0].transaction,
      steps: stepsOf(list),
      text: `${place(list[0].transaction, stepsOf(list))} mix attempts (${seen.join(', ')} disagree)`,
      action: RECAPTURE,
    });
  }
  // A secret in clear (evidence.field) and an identifier left unmasked where the rest masks it (evidence.kind).
  // The steps first, then the calls no transaction holds (those findings have no place in the timeline).
  const exposed = findings.filter((f) => f.rule === 'secret-exposed');
  const ordered = [...exposed.filter((f) => f.transaction !== null), ...exposed.filter((f) => f.transaction === null)];
  for (const [list, shown, action] of [
    [ordered.filter((f) => f.evidence.field !== undefined || f.evidence.kind === undefined), 'in clear', sanitize] as const,
    [ordered.filter((f) => f.evidence.field === undefined && f.evidence.kind !== undefined), 'unmasked', () => EDIT_ID] as const,
  ]) {
    if (list.length === 0) continue;
    const names = [...new Set(list.map((f) => String(f.evidence.field ?? f.evidence.kind ?? 'a secret')))];
    const places = byKey(list, (f) => f.transaction ?? (Array.isArray(f.evidence.lines) ? '\u0000lines' : Array.isArray(f.evidence.calls) ? '\u0000calls' : '')).map(exposedPlace);
    items.push({ rules: ['secret-exposed'], transaction: null, steps: [], text: `${names.join(', ')} ${shown} at ${places.join('; ')}`, action: action(names.length) });
  }
  for (const list of byKey(findings.filter((f) => !(f.rule in MIXED) && f.rule !== 'secret-exposed'), (f) => f.rule)) {
    items.push({ rules: [list[0].rule], transaction: list[0].transaction, steps: stepsOf(list), text: `${list[0].rule} at ${place(list[0].transaction, stepsOf(list))}: ${explain(list[0]).summary}`, action: RECAPTURE });
  }
  return items;
}

const registry = new Map(RULES.map((r) => [r.meta.id, r.meta]));
const explains = (f: Finding) => registry.get(f.rule)?.explains?.includes(f.messageId) ?? false;
/** Whether the finding is about the client app's behaviour rather than Okta's (RuleMeta.subject). */
const aboutClient = (f: Finding) => {
  if (f.subject === 'client') return true;
  const meta = registry.get(f.rule);
  return (meta?.messageSubject?.[f.messageId] ?? meta?.subject) === 'client';
};

/** Which part of the verdict a finding belongs to, from its own basis and severity. */
function part(f: Finding, basis: Basis | null): 'documented' | 'departures' | 'inferred' | 'client' | 'evidence' | null {
  if (basis === 'evidence') return 'evidence';
  if (explains(f)) return 'documented';
  // What the app does wrong is no departure of Okta's, however severe: it is named as the client's.
  if (aboutClient(f)) return compareSeverity(f.severity, 'medium') >= 0 ? 'client' : null;
  // Behaviour no document states either way is neither explained nor a departure: it is named on its own.
  if (basis === 'inferred' && compareSeverity(f.severity, 'low') >= 0) return 'inferred';
  // Other info and low findings are context; they stay in the tables.
  return compareSeverity(f.severity, 'medium') >= 0 ? 'departures' : null;
}

function answer(v: Omit<Verdict, 'answer'>, transactions: number, findings: number, unread: number, unanswered: number, cut: number, unreadUnits = 0, failed = 0): string {
  const mixed = v.evidence.some((i) => i.rules.some((r) => r in MIXED));
  const exposed = v.evidence.some((i) => i.rules.includes('secret-exposed'));
  const missing = unanswered > 0 ? `does not show what Okta answered to ${plural(unanswered, 'request')}` : '';
  // What was not read bounds every answer: "nothing departs" is only about the exchanges that were analyzed.
  const notRead = unread > 0 ? `${plural(unread, 'call')} to the Okta org ${unread === 1 ? 'was' : 'were'} not analyzed` : '';
  const suffixOf = (list: string[]) => {
    const problems = list.filter(Boolean).join(' and ');
    return problems || notRead ? `; ${[problems ? `the evidence ${problems}` : '', notRead].filter(Boolean).join('; ')}.` : '.';
  };
  // A file cut short (--partial) bounds every answer too: what followed the damage was never read.
  // So do the parts of a file the import could not read: they may hold the departure.
  const base = [cut > 0 ? `is cut short (${cut === 1 ? 'a file' : `${cut} files`} read with --partial)` : '', unreadUnits > 0 ? `has ${plural(unreadUnits, 'part')} authtrail could not read` : '', mixed ? 'mixes attempts' : '', exposed ? 'exposes secrets' : ''];
  const partly = cut > 0 || unreadUnits > 0;
  const suffix = suffixOf([...base, missing]);
  if (transactions === 0) return `nothing to judge: no transaction authtrail reads in the evidence${suffix}`;
  const confirmed = v.departures.filter((d) => !d.unconfirmed);
  const rules = (list: VerdictItem[]) => [...new Set(list.flatMap((d) => d.rules))].join(', ');
  const client = v.client ?? [];
  const clientToo = client.length > 0 ? `; the client also does what the docs advise against (${rules(client)})` : '';
  if (confirmed.length > 0) return `possibly an Okta bug or an unseen policy: ${plural(confirmed.length, 'departure')} from documented behaviour (${rules(confirmed)})${clientToo}${suffix}`;
  // A request without its response was judged by no rule: "nothing departs" would claim what was not seen.
  if (unanswered > 0 && v.documented.length === 0 && (v.inferred ?? []).length === 0 && client.length === 0) {
    const why = failed === 0 ? '' : failed === unanswered ? ` (${unanswered === 1 ? 'it' : 'they'} failed on the way)` : ` (${failed} failed on the way)`;
    return `cannot tell from this evidence: what Okta answered to ${plural(unanswered, 'request')} is not shown${why}; nothing else departs from Okta's documented behaviour${suffixOf(base)}`;
  }
  if (client.length > 0) {
    return `${partly ? 'no Okta departure in what was read' : 'not an Okta bug'}: the client does what the docs forbid or advise against (${rules(client)}), ${v.departures.length > 0 ? 'and the departures seen come from mixed attempts' : "nothing of Okta's departs from its documented behaviour"}${suffix}`;
  }
  if (findings === 0 && unread === 0 && !partly) return 'not an Okta bug: the flow matches the state machine Okta documents.';
  if (findings === 0) return `no departure in what was analyzed${suffix}`;
  const inferred = v.inferred ?? [];
  if (inferred.length > 0) return `not a departure from what Okta documents, but ${plural(inferred.length, 'behaviour')} Okta documents neither way (${rules(inferred)})${suffix}`;
  // Cut evidence cannot clear Okta: what followed the damage may hold the departure.
  const cleared = partly ? 'no departure in what was read' : 'not an Okta bug';
  if (v.documented.length === 0) return `${cleared}: nothing departs from Okta's documented behaviour${suffix}`;
  return `${cleared} (documented behaviour)${suffix}`;
}

/** The evidence item naming the calls to the Okta org that no protocol analyzed. */
function unreadItem(unanalyzed: Unanalyzed | undefined): VerdictItem[] {
  if (!unanalyzed || unanalyzed.count === 0) return [];
  const n = unanalyzed.count;
  return [{
    rules: [],
    transaction: null,
    steps: [],
    text: `${plural(n, 'exchange')} with the Okta org ${n === 1 ? 'was' : 'were'} not analyzed: ${unreadText(unanalyzed.calls)}`,
    action: 'authtrail reads authn, Identity Engine and OAuth calls; see --include',
  }];
}

/** The evidence items naming the files cut short whose first part was kept (`--partial`). */
function incompleteItems(captures: readonly { incomplete?: string }[]): VerdictItem[] {
  return captures.filter((c) => c.incomplete).map((c) => ({
    rules: [],
    transaction: null,
    steps: [],
    text: c.incomplete!,
    action: 'export the capture again in full: a HAR saved while requests were still running, or a copy cut off, loses its end',
  }));
}

/** The evidence items naming the units of a file the import found but could not read (Capture.unreadUnits). */
function unreadUnitItems(captures: readonly Pick<Capture, 'file' | 'unreadUnits'>[]): VerdictItem[] {
  return captures.filter((c) => c.unreadUnits && c.unreadUnits.count > 0).map((c) => {
    const u = c.unreadUnits!;
    const where = u.refs.length > 0 ? ` (${u.refs.slice(0, 3).join(', ')}${u.count > 3 && u.refs.length >= 3 ? ', …' : ''})` : '';
    return {
      rules: [],
      transaction: null,
      steps: [],
      text: `${u.count} of ${u.of} ${unitsWord(u.unit, u.of)} of ${c.file} could not be read${where}: no rule judged ${u.count === 1 ? 'it' : 'them'}`,
      action: `\`authtrail import ${c.file} --db :memory:\` prints the import's warnings on why; give each call whole, its request with its response`,
    };
  });
}

/** What to do about calls that failed on the way, from what the errors say. */
function failedAction(errors: readonly string[]): string {
  const all = errors.join('\n');
  const advice: string[] = [];
  if (/underlying connection was closed|could not create ssl\/tls|ssl connection could not be established/i.test(all)) {
    advice.push('Windows PowerShell 5 offers TLS 1.0 unless told, and Okta accepts only TLS 1.2 and later: run `[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12` first, or use PowerShell 7');
  } else if (/ssl|tls|certificate|CERT_|self.signed/i.test(all)) advice.push("a TLS failure: a proxy or antivirus that intercepts TLS needs its CA trusted by the client (curl --cacert, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE)");
  if (/resolve|ENOTFOUND|EAI_AGAIN|no such host|name or service not known|gaierror|could not be resolved/i.test(all)) advice.push('the org name did not resolve: check the org URL (https://{yourOktaDomain}) and the DNS or proxy settings');
  advice.push('make the call again once Okta is reachable (see status.okta.com) and check any proxy or firewall in between: a failed call says nothing of how Okta behaves');
  return advice.join('; ');
}

/** The evidence item naming the requests that failed on the way (see AnalysisResult.failed). */
function failedItem(failed: FailedSteps | undefined): VerdictItem[] {
  if (!failed || failed.count === 0) return [];
  const shown = failed.first.slice(0, 3).map((f) => `step ${f.step} of ${f.transaction} (${failureLabel(f.error)})`);
  const more = failed.count - shown.length;
  return [{
    rules: [],
    transaction: failed.first.length === 1 ? failed.first[0]!.transaction : null,
    steps: failed.first.length === 1 ? [failed.first[0]!.step] : [],
    text: `${plural(failed.count, 'request')} failed on the way, so no answer of Okta's is in the evidence: ${shown.join(', ')}${more > 0 ? `, ${more} more` : ''}`,
    action: failedAction(failed.first.map((f) => f.error)),
  }];
}

/** A transport error as the verdict quotes it: as a step's label, the cmdlet of a PowerShell error record left out too. */
function failureLabel(error: string): string {
  return transportErrorLabel(error.replace(/^\s*(?:Invoke-RestMethod|Invoke-WebRequest)\s*:\s*/i, ''), 60);
}

/** The evidence item naming the requests whose response the evidence does not show. */
function unansweredItem(n: number): VerdictItem[] {
  if (n === 0) return [];
  return [{
    rules: [],
    transaction: null,
    steps: [],
    text: `${plural(n, 'request')} ${n === 1 ? 'has' : 'have'} no response in the evidence: only its HTTP status, a page that is not Okta's JSON (a gateway's, proxy's or outage's HTML error page), or a failure on the way (its step names the error): no rule could judge ${n === 1 ? 'it' : 'them'}`,
    action: "add each request's response with its body (curl -i output, the Response: block, a HAR saved with content), or capture the flow with `authtrail record`; a request that failed on the way (connection refused, reset, aborted) needs the call made again once Okta is reachable; an HTML error page from a gateway or proxy in front of Okta means the request may never have reached it (check the proxy, and status.okta.com)",
  }];
}

/**
 * The verdict of an analysis: the answer first, each part built from the findings. `unanswered`: requests
 * the evidence shows no response to (AnalysisResult.unanswered; absent from older documents).
 */
export function buildVerdict(analysis: Pick<AnalysisJson, 'findings' | 'unanalyzed'> & Partial<Pick<AnalysisJson, 'captures'>> & { transactions: { length: number }; unanswered?: number; failed?: FailedSteps }): Verdict {
  const parts: Omit<Verdict, 'answer'> & { inferred: VerdictItem[]; client: VerdictItem[] } = { documented: [], departures: [], inferred: [], client: [], evidence: [] };
  const sorted = sortFindings(analysis.findings);
  const evidence = sorted.filter((f) => part(f, findingBasis(f)) === 'evidence');
  const unanswered = analysis.unanswered ?? 0;
  const incomplete = incompleteItems(analysis.captures ?? []);
  const unreadUnits = unreadUnitItems(analysis.captures ?? []);
  parts.evidence = [...incomplete, ...unreadUnits, ...evidenceItems(evidence), ...unreadItem(analysis.unanalyzed), ...failedItem(analysis.failed), ...unansweredItem(unanswered - (analysis.failed?.count ?? 0))];
  const mixedTx = new Set(evidence.filter((f) => f.rule in MIXED).map((f) => f.transaction));
  for (const list of byKey(sorted.filter((f) => part(f, findingBasis(f)) === 'documented'), (f) => `${f.rule}|${f.transaction}`)) {
    parts.documented.push({ rules: [list[0].rule], transaction: list[0].transaction, steps: stepsOf(list), text: `${place(list[0].transaction, stepsOf(list))}: ${documentedText(list[0])}` });
  }
  for (const list of byKey(sorted.filter((f) => part(f, findingBasis(f)) === 'inferred'), (f) => `${f.rule}|${f.transaction}`)) {
    parts.inferred.push({ rules: [list[0].rule], transaction: list[0].transaction, steps: stepsOf(list), text: `${list[0].rule} at ${place(list[0].transaction, stepsOf(list))}: ${explain(list[0]).summary}` });
  }
  for (const list of byKey(sorted.filter((f) => part(f, findingBasis(f)) === 'client'), (f) => `${f.rule}|${f.transaction}`)) {
    parts.client.push({ rules: [list[0].rule], transaction: list[0].transaction, steps: stepsOf(list), text: `${list[0].rule} at ${place(list[0].transaction, stepsOf(list))}: ${explain(list[0]).summary}` });
  }
  for (const f of sorted.filter((x) => part(x, findingBasis(x)) === 'departures')) {
    const steps = f.step === null ? [] : [f.step];
    const unconfirmed = mixedTx.has(f.transaction);
    parts.departures.push({
      rules: [f.rule],
      transaction: f.transaction,
      steps,
      text: `${f.rule} at ${place(f.transaction, steps)}${unconfirmed ? ' (unconfirmed, mixed attempts)' : ''}: ${explain(f).summary}`,
      seen: firstSentence(f.message),
      values: evidenceText(f.evidence, 40),
      ...(unconfirmed ? { unconfirmed } : {}),
    });
  }
  const { inferred, client, ...rest } = parts;
  const shown = { documented: rest.documented, departures: rest.departures, ...(inferred.length ? { inferred } : {}), ...(client.length ? { client } : {}), evidence: rest.evidence };
  const units = (analysis.captures ?? []).reduce((n, c) => n + (c.unreadUnits?.count ?? 0), 0);
  return { ...shown, answer: answer(shown, analysis.transactions.length, analysis.findings.length, analysis.unanalyzed?.count ?? 0, unanswered, incomplete.length, units, analysis.failed?.count ?? 0) };
}

import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { type BodyResult, PasteLines, readBodyAt } from './json-block.js';
import { inferStatus } from './status.js';
import { type Line, isProse, toLines } from './text.js';
import type { TextImport } from './types.js';

interface Found {
  line: Line;
  body: BodyResult;
  url: string;
  why: string;
}

// Where the prose before the object names the call (`Success message from the verify endpoint:`).
const NAMED: [RegExp, string][] = [
  [/verif/i, '/api/v1/authn/factors/{factorId}/verify'],
  [/activat/i, '/api/v1/authn/factors/{factorId}/lifecycle/activate'],
  [/enrol/i, '/api/v1/authn/factors'],
  [/reset[_ ]password/i, '/api/v1/authn/credentials/reset_password'],
  [/change[_ ]password/i, '/api/v1/authn/credentials/change_password'],
  [/unlock/i, '/api/v1/authn/recovery/unlock'],
  [/recovery[_ /]token/i, '/api/v1/authn/recovery/token'],
  [/\b(?:password|sign[- ]?in|log[- ]?in|primary auth)/i, '/api/v1/authn'],
];
// No call named: the path carries no operation, so rules that need the request have nothing to go on.
const UNKNOWN = '/api/v1/authn/(response-only)';
const AUTHN_KEYS = ['status', 'stateToken', 'sessionToken', 'errorCode', 'factorResult', 'recoveryToken'];

/**
 * Authn responses pasted with no request or endpoint line at all, each with the call it answered, guessed.
 * `before`: only documents starting before that line number are wanted (the rest is not read at all);
 * `max`: no more than that many are wanted (detection asks for one).
 */
export function findResponseOnly(lines: Line[], before = Infinity, max = Infinity): Found[] {
  const out: Found[] = [];
  // One list of the lines for every document: readBodyAt reads each from its index (a copy each was quadratic).
  const paste = new PasteLines(lines.map((l) => l.text));
  for (let i = 0; i < lines.length && out.length < max; i++) {
    if (lines[i]!.no >= before) break;
    if (!/^\s*\{/.test(lines[i]!.text)) continue;
    const { next, ...body } = readBodyAt(paste, i);
    const value = body.body as Record<string, unknown> | null;
    if (body.error || value === null || typeof value !== 'object') continue;
    if (isIdxAnswer(value)) {
      const { url, why } = inferIdx(lines.slice(Math.max(0, i - 3), i), lines.slice(Math.max(0, i - 8), i));
      out.push({ line: lines[i]!, body, url, why });
      if (next === undefined) break;
      i += Math.max(next - i, 1) - 1;
      continue;
    }
    if (!AUTHN_KEYS.some((k) => k in value)) continue;
    const { url, why } = infer(lines.slice(Math.max(0, i - 3), i), value, lines.slice(Math.max(0, i - 8), i));
    out.push({ line: lines[i]!, body, url, why });
    if (next === undefined) break;
    i += Math.max(next - i, 1) - 1;
  }
  return out;
}

/** An Identity Engine answer: its stateHandle with the remediation, version or intent IDX answers carry. */
function isIdxAnswer(body: Record<string, unknown>): boolean {
  return typeof body.stateHandle === 'string' && ('remediation' in body || 'version' in body || 'intent' in body || 'successWithInteractionCode' in body);
}

// Where the prose before an IDX answer names the call (`Response from identify:`).
const IDX_NAMED: [RegExp, string][] = [
  [/introspect/i, '/idp/idx/introspect'],
  [/identify/i, '/idp/idx/identify'],
  [/challenge\/answer|\banswer/i, '/idp/idx/challenge/answer'],
  [/challenge/i, '/idp/idx/challenge'],
  [/enroll/i, '/idp/idx/credential/enroll'],
  [/recover/i, '/idp/idx/recover'],
  [/poll/i, '/idp/idx/challenge/poll'],
  [/cancel/i, '/idp/idx/cancel'],
];

/** The IDX call an answer came from: a line above naming `/idp/idx/…`, else the prose, else unknown. */
function inferIdx(before: Line[], near: Line[]): { url: string; why: string } {
  for (let k = near.length - 1; k >= 0; k--) {
    const named = /(?:https?:\/\/[\w.-]+(?::\d+)?)?\/idp\/idx(?:\/[\w.-]+)+/.exec(near[k]!.text);
    if (named) return { url: named[0], why: `operation from the endpoint named at line ${near[k]!.no}` };
  }
  const prose = before.map((l) => l.text).filter((t) => isProse(t)).join(' ');
  for (const [re, url] of IDX_NAMED) if (re.test(prose)) return { url, why: 'operation inferred from the text before it' };
  return { url: '/idp/idx/(response-only)', why: 'operation unknown' };
}

function infer(before: Line[], body: Record<string, unknown>, near: Line[] = []): { url: string; why: string } {
  // A line just above naming the endpoint (the script's call, `POST …/api/v1/authn/factors/…/verify`) says more than prose.
  for (let k = near.length - 1; k >= 0; k--) {
    const named = /(?:https?:\/\/[\w.-]+(?::\d+)?)?\/api\/v1\/authn(?:\/[\w{}.$-]+)*/.exec(near[k]!.text);
    if (named) return { url: named[0], why: `operation from the endpoint named at line ${near[k]!.no}` };
  }
  const prose = before.map((l) => l.text).filter((t) => isProse(t)).join(' ');
  const factor = ((body._embedded as Record<string, unknown> | undefined)?.factor as Record<string, unknown> | undefined)?.id;
  const fill = (u: string) => u.replace('{factorId}', typeof factor === 'string' ? factor : '(unknown)');
  for (const [re, url] of NAMED) if (re.test(prose)) return { url: fill(url), why: 'operation inferred from the text before it' };
  if ('factorResult' in body && body.status === 'MFA_CHALLENGE') return { url: fill(NAMED[0]![1]), why: 'operation inferred from factorResult' };
  return { url: UNKNOWN, why: 'operation unknown' };
}

/** Reads a paste that holds only responses: one exchange each, whose request is unknown. */
export function parseResponseOnly(text: string, file: string): TextImport {
  const found = findResponseOnly(toLines(text, true));
  if (found.length === 0) throw new InputError(`${file}: no Okta authn request/response found`, file);
  const report = newReport('responses');
  report.found = found.length;
  const exchanges: RawExchange[] = found.map((f, k) => {
    const inferred = inferStatus(f.body.body);
    return {
      method: 'POST',
      url: f.url,
      requestHeaders: {},
      requestBody: null,
      responseStatus: inferred.status,
      responseHeaders: {},
      responseBody: f.body.body,
      transportError: null,
      startedAt: null,
      durationMs: null,
      sourceRef: `${file}:${f.line.no}`,
      group: 't1',
      label: String(k + 1),
      notes: [`response only: the request is not in the paste; ${f.why}`, inferred.note, ...f.body.notes.map((n) => `response: ${n}`)],
    };
  });
  report.imported = exchanges.length;
  return { exchanges, report };
}

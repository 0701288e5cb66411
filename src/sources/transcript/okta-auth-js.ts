import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { readBody } from './json-block.js';
import { ownField } from './node-output.js';
import { bracketDepth } from './script-values.js';
import { inferStatus } from './status.js';
import type { TextImport } from './types.js';

/**
 * What okta-auth-js (the Classic authn API: `signInWithCredentials`, `forgotPassword`, `tx.verify`, …) prints
 * in Node when a script logs its results: `AuthTransaction { data: { …the authn response… }, status, … }` for
 * an answer and `AuthApiError: … { errorCode, …, xhr: { status, responseJSON } }` for an error. The SDK sends
 * the requests itself, so the paste holds the answers and, when the script is pasted too, the calls: each
 * answer is read as the response of the SDK call made before it (in order), else of the call its status
 * implies, with the stateToken the SDK sends (the previous answer's) and the call's literal arguments.
 */

/** An answer printed by the SDK: where it starts, its body lines, and the HTTP status when the dump gives it. */
export interface SdkDump {
  line: number;
  body: string[];
  status: number | null;
  error: boolean;
  /** The whole transaction when the body came from its `data`: the SDK also prints `user` and `factors` on it. */
  transaction?: string[];
}

interface SdkCall {
  line: number;
  method: string;
  args: string;
}

const TRANSACTION = /^\s*(?:[\w$.[\]'"]+\s*[:=]\s*|>\s*)?AuthTransaction\s*\{\s*$/;
const API_ERROR = /^\s*(?:Uncaught\s+)?(?:\(node:\d+\)\s*)?(?:\w+:\s*)?AuthApiError(?:\s*\[[^\]]*\])?:\s*(.*)$/;
/** The SDK's authn calls, on the client (`authClient.…`) or on a transaction (`tx.…`, `factor.…`). */
const CALL = /\.(signInWithCredentials|signIn|forgotPassword|unlockAccount|verifyRecoveryToken|verify|answer|resetPassword|changePassword|skip|cancel|poll|resend|activate|enroll|resume|prev|unlock)\s*\(/g;

/** The SDK dumps in `lines`, in order. */
export function findSdkDumps(lines: readonly string[]): SdkDump[] {
  const out: SdkDump[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (TRANSACTION.test(text)) {
      const end = blockEnd(lines, i);
      const block = ['{', ...lines.slice(i + 1, end + 1)];
      const reindented = reindent(block);
      // okta-auth-js 5+ keeps the response under `data`; older versions print its fields on the transaction.
      const data = ownField(reindented, 0, 'data');
      out.push({ line: i + 1, body: data ?? reindented, status: null, error: false, ...(data ? { transaction: reindented } : {}) });
      i = end;
      continue;
    }
    if (API_ERROR.test(text)) {
      // The stack trace first, then the error's own fields in the block its last line opens: only stack
      // lines may stand between (an error named in prose is not a dump of one).
      let open = i;
      while (open < lines.length && open < i + 40 && !/\{\s*$/.test(lines[open]!) && (open === i || /^\s*at\s|^\s*$/.test(lines[open]!))) open++;
      if (open >= lines.length || open >= i + 40 || !/\{\s*$/.test(lines[open]!) || (open > i && !/^\s*(?:at\s.*)?\{\s*$/.test(lines[open]!))) continue;
      const end = blockEnd(lines, open);
      const block = reindent(['{', ...lines.slice(open + 1, end + 1)]);
      const xhr = ownField(block, 0, 'xhr');
      const xhrBlock = xhr ? reindent(['{', ...xhr.slice(1)]) : null;
      const json = xhrBlock ? ownField(xhrBlock, 0, 'responseJSON') : null;
      const status = xhrBlock ? /^(\d{3}),?$/.exec(ownField(xhrBlock, 0, 'status')?.[0] ?? '')?.[1] : undefined;
      // Without the response the error's own fields (errorCode, errorSummary, …) are the body Okta sent.
      const fields = block.filter((l) => !/^\s{2}xhr:/.test(l));
      out.push({ line: i + 1, body: json ?? (xhr ? withoutField(block, 'xhr') : fields), status: status ? Number(status) : null, error: true });
      i = end;
    }
  }
  return out;
}

/** The line that closes the block opened on `lines[at]`. */
function blockEnd(lines: readonly string[], at: number): number {
  let depth = 0;
  for (let j = at; j < lines.length; j++) {
    depth += bracketDepth(j === at ? lines[j]!.replace(/^.*?(\{\s*)$/, '$1') : lines[j]!);
    if (depth <= 0) return j;
  }
  return lines.length - 1;
}

/** The block's lines shifted so its fields sit two spaces in (ownField reads util.inspect's indentation). */
function reindent(block: string[]): string[] {
  // The closing bracket sits at the opener's indentation: only the fields say how deep the block is.
  const inner = block.slice(1).filter((l) => l.trim() !== '' && !/^\s*[}\]],?\s*$/.test(l));
  // A loop, not Math.min(...): a dump of 100k lines would overflow the stack as arguments.
  let least = Infinity;
  for (const l of inner) least = Math.min(least, /^\s*/.exec(l)![0].length);
  const shift = Number.isFinite(least) ? least - 2 : 0;
  return [block[0]!, ...block.slice(1).map((l) => (shift > 0 ? l.slice(Math.min(shift, /^\s*/.exec(l)![0].length)) : shift < 0 ? ' '.repeat(-shift) + l : l))];
}

function withoutField(block: string[], name: string): string[] {
  const out: string[] = [];
  let skip = 0;
  for (const l of block) {
    if (skip > 0) {
      skip += bracketDepth(l);
      continue;
    }
    if (new RegExp(`^\\s{2}${name}:`).test(l)) {
      skip = bracketDepth(l);
      continue;
    }
    out.push(l);
  }
  return out;
}

/** The SDK calls in the code lines (those outside the dumps), in order, with their argument text. */
function findCalls(text: string, dumps: readonly SdkDump[], lines: readonly string[]): SdkCall[] {
  const inDump = new Set<number>();
  for (const d of dumps) for (let n = d.line; n <= d.line + Math.max(d.body.length, 1) + 2 && n <= lines.length; n++) inDump.add(n);
  const calls: SdkCall[] = [];
  let offset = 0;
  const lineAt: number[] = [];
  for (let n = 0; n < lines.length; n++) {
    lineAt.push(offset);
    offset += lines[n]!.length + 1;
  }
  // Matches come in text order: the line pointer only moves forward (a restart per match was quadratic).
  let line = 0;
  for (const m of text.matchAll(CALL)) {
    while (line + 1 < lineAt.length && lineAt[line + 1]! <= m.index!) line++;
    if (inDump.has(line + 1) || /^\s*(?:at\s|\/\/|#)/.test(lines[line]!)) continue;
    calls.push({ line: line + 1, method: m[1]!, args: argsOf(text, m.index! + m[0].length) });
  }
  return calls;
}

/** The text between a call's parentheses (from just after its `(`). */
function argsOf(text: string, from: number): string {
  let depth = 1;
  let quote: string | null = null;
  for (let i = from; i < text.length && i < from + 2000; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(from, i).trim();
  }
  return '';
}

type Body = Record<string, unknown>;
const obj = (v: unknown): Body => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : {});

/** The factor a verify, poll or activate acts on: the answer's own factor, else the one before it. */
function factorId(answer: Body, before: Body | null): string {
  const own = obj(obj(answer._embedded).factor).id;
  if (typeof own === 'string') return own;
  const prev = obj(obj(before?._embedded).factor).id;
  if (typeof prev === 'string') return prev;
  const factors = obj(before?._embedded).factors;
  if (Array.isArray(factors) && factors.length === 1 && typeof obj(factors[0]).id === 'string') return obj(factors[0]).id as string;
  return '(unknown)';
}

/** The endpoint an SDK method calls (okta-auth-js's authn API), given the answer before it and its own. */
function pathOf(method: string, answer: Body, before: Body | null): string | null {
  const factor = () => factorId(answer, before);
  switch (method) {
    case 'signIn':
    case 'signInWithCredentials':
    case 'resume':
      return '/api/v1/authn';
    case 'forgotPassword':
      return '/api/v1/authn/recovery/password';
    case 'unlockAccount':
      return '/api/v1/authn/recovery/unlock';
    case 'verifyRecoveryToken':
      return '/api/v1/authn/recovery/token';
    case 'answer':
      return '/api/v1/authn/recovery/answer';
    case 'resetPassword':
      return '/api/v1/authn/credentials/reset_password';
    case 'changePassword':
      return '/api/v1/authn/credentials/change_password';
    case 'skip':
      return '/api/v1/authn/skip';
    case 'cancel':
      return '/api/v1/authn/cancel';
    case 'prev':
      return '/api/v1/authn/previous';
    case 'enroll':
      return '/api/v1/authn/factors';
    case 'activate':
      return `/api/v1/authn/factors/${factor()}/lifecycle/activate`;
    case 'resend':
      return `/api/v1/authn/factors/${factor()}/verify/resend`;
    case 'verify':
    case 'poll':
      // A recovery factor (SMS, call) is verified on the recovery path.
      if (before?.status === 'RECOVERY_CHALLENGE') return `/api/v1/authn/recovery/factors/${String(before.factorType ?? 'sms').toLowerCase()}/verify`;
      return `/api/v1/authn/factors/${factor()}/verify`;
    default:
      return null;
  }
}

/** The call an answer's status implies when the script is not pasted (or its calls do not line up). */
function impliedMethod(answer: Body, before: Body | null): string | null {
  if (before === null) {
    if (answer.status === 'RECOVERY_CHALLENGE' || (answer.status === 'RECOVERY' && answer.recoveryType)) return 'forgotPassword';
    return 'signIn';
  }
  switch (before.status) {
    case 'MFA_REQUIRED':
    case 'MFA_CHALLENGE':
    case 'RECOVERY_CHALLENGE':
      return 'verify';
    case 'RECOVERY':
      return 'answer';
    case 'PASSWORD_RESET':
      return 'resetPassword';
    case 'PASSWORD_EXPIRED':
      return 'changePassword';
    case 'MFA_ENROLL':
      return 'enroll';
    case 'MFA_ENROLL_ACTIVATE':
      return 'activate';
    default:
      return null;
  }
}

/** Methods that start a transaction: no stateToken is sent. */
const STARTS = new Set(['signIn', 'signInWithCredentials', 'forgotPassword', 'unlockAccount', 'verifyRecoveryToken']);

/**
 * util.inspect prints `data._embedded` two levels deep (`user: [Object], factors: [Array]`), but the SDK's
 * transaction carries the same user and factors one level up, where they print whole: they fill the gaps.
 */
function fillEmbedded(answer: Body, transaction: string[] | undefined): string[] {
  if (!transaction) return [];
  const read = readBody(transaction);
  if (read.error || !read.body || typeof read.body !== 'object') return [];
  const top = read.body as Body;
  const embedded = obj(answer._embedded);
  const filled: string[] = [];
  for (const [field, check] of [['user', (v: unknown) => typeof obj(v).id === 'string'], ['factors', (v: unknown) => Array.isArray(v) && v.length > 0], ['factor', (v: unknown) => typeof obj(v).id === 'string']] as const) {
    if (check(embedded[field]) || !check(top[field])) continue;
    embedded[field] = top[field];
    filled.push(field);
  }
  if (filled.length > 0) answer._embedded = embedded;
  return filled;
}

/** The literal arguments of a call as an object, when they are one (`{ passCode: '123456' }`); else null. */
function literalArgs(args: string): Body | null {
  if (!/^\{[\s\S]*\}$/.test(args)) return null;
  const read = readBody(args.split('\n'));
  return read.error || !read.body || typeof read.body !== 'object' ? null : (read.body as Body);
}

/** Reads okta-auth-js output (see above): one exchange per answer the SDK printed. */
export function parseOktaAuthJs(text: string, file: string): TextImport {
  const lines = text.split(/\r?\n/);
  const dumps = findSdkDumps(lines);
  if (dumps.length === 0) throw new InputError(`${file}: no okta-auth-js output found`, file);
  const calls = findCalls(text, dumps, lines);
  // The org, when the paste names it (the client's issuer, a link in an answer); else paths alone, as for other answers-only pastes.
  const origin = /https:\/\/[\w-]+(?:\.[\w-]+)*\.(?:okta|oktapreview|okta-emea|okta-gov|okta-mil)\.com/.exec(text)?.[0] ?? '';
  // The script pasted whole and then its output: the calls line up with the answers one for one.
  const paired = calls.length === dumps.length;
  const report = newReport('answers');
  report.found = dumps.length;
  const exchanges: RawExchange[] = [];
  let before: Body | null = null;
  dumps.forEach((dump, k) => {
    const read = readBody(dump.body);
    if (read.error || !read.body || typeof read.body !== 'object') {
      report.warnings.push({ ref: `${file}:${dump.line}`, message: `an okta-auth-js answer that does not read as an object (${read.error ?? 'no body'}); left out` });
      return;
    }
    const answer = read.body as Body;
    // Links printed as `[Object]` are unknown, not absent: no rule may read them as "none published".
    if (dump.body.some((l) => /^\s*_links:.*\[(?:Object|Array)\]/.test(l))) {
      delete answer._links;
      read.notes.push('_links not printed in full by console.log (its depth limit): not read');
    }
    const filled = fillEmbedded(answer, dump.transaction);
    if (filled.length > 0) read.notes.push(`_embedded.${filled.join(', _embedded.')} from the transaction's own fields (console.log cut them short under data)`);
    const call = paired ? calls[k]! : null;
    const method = call?.method ?? impliedMethod(answer, before);
    const path = method ? pathOf(method, answer, before) : null;
    const notes = [
      call ? `request rebuilt from the okta-auth-js call ${call.method}() at line ${call.line}` : `printed by okta-auth-js without its request; ${method ? `the call (${method}) is inferred from the status before it` : 'the call is unknown'}`,
      ...read.notes.map((n) => `response: ${n}`),
    ];
    const request: Body = { ...(call ? literalArgs(call.args) ?? {} : {}) };
    if (call && Object.keys(request).length === 0 && call.args !== '') notes.push(`the arguments (${call.args.slice(0, 60)}) are not literal: not read`);
    // The SDK sends the transaction's stateToken, which the answer before this one carried.
    if (method && !STARTS.has(method) && typeof before?.stateToken === 'string' && request.stateToken === undefined) {
      request.stateToken = before.stateToken;
      notes.push("the stateToken sent is the one the SDK's transaction held (from the previous answer)");
    }
    const inferred = inferStatus(answer);
    const status = dump.status ?? (dump.error ? inferred.status : 200);
    if (dump.status === null) notes.push(dump.error ? inferred.note : 'HTTP status not printed: 200 (the SDK printed a transaction, not an error)');
    exchanges.push({
      method: 'POST',
      url: `${origin}${path ?? '/api/v1/authn/(response-only)'}`,
      requestHeaders: {},
      requestBody: Object.keys(request).length > 0 ? request : null,
      responseStatus: status,
      responseHeaders: {},
      responseBody: answer,
      transportError: null,
      startedAt: null,
      durationMs: null,
      sourceRef: `${file}:${dump.line}`,
      group: 't1',
      label: String(k + 1),
      notes,
    });
    if (!dump.error) before = answer;
  });
  if (calls.length > 0 && !paired) {
    report.warnings.push({ ref: `${file}:${calls[0]!.line}`, message: `${calls.length} okta-auth-js calls but ${dumps.length} printed answers: each answer's call is inferred from the status before it` });
  }
  report.imported = exchanges.length;
  return { exchanges, report };
}

import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { readBody } from './json-block.js';
import { closingAt } from './log.js';
import { inferStatus } from './status.js';
import type { TextImport } from './types.js';

/**
 * A Markdown (or Jira) table of the calls, one row per step, as tickets and forum posts summarise a flow:
 * `| # | Request | Response |` with `POST /api/v1/authn {…}` and `200 {…}` in the cells, or the method,
 * endpoint, status and bodies in columns of their own. Columns are told apart by their header: request-side
 * (method, endpoint, URL, path, request, request body) and response-side (status, HTTP, response, result).
 */

export interface TableRow {
  line: number;
  request: string;
  response: string;
}

const ROW = /^\s*\|(.*)\|\s*$/;
const DIVIDER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const REQUEST_HEAD = /\b(?:method|verb|endpoint|url|path|uri|call|request|req|api|operation)\b/i;
const RESPONSE_HEAD = /\b(?:status|http|code|response|res|result|answer|returned|reply)\b/i;
const CALL = /\b(GET|POST|PUT|PATCH|DELETE)\b\s*[`*_]*\s*((?:https?:\/\/[^\s`|*]+)?\/api\/v1\/authn[^\s`|*]*|https?:\/\/[^\s`|*]+\/(?:oauth2|idp\/idx)[^\s`|*]*|\/(?:oauth2|idp\/idx)[^\s`|*]*)/;
const PATH_ONLY = /((?:https?:\/\/[^\s`|*]+)?\/api\/v1\/authn[^\s`|*]*)/;

function cells(line: string): string[] {
  const m = ROW.exec(line);
  if (!m) return [];
  // `\|` is a pipe inside a cell (GitHub's escape).
  return m[1]!.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

/** The rows of every table whose header names a request side and a response side. */
export function findTableRows(lines: readonly string[]): TableRow[] {
  const out: TableRow[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    // Markdown: a header row, then `|---|---|`. Jira wiki: `||Request||Response||`, no divider.
    const jira = /^\s*\|\|.*\|\|\s*$/.test(lines[i]!);
    if (!jira && (!ROW.test(lines[i]!) || !DIVIDER.test(lines[i + 1]!))) continue;
    const head = jira ? lines[i]!.trim().slice(2, -2).split('||').map((c) => c.trim()) : cells(lines[i]!);
    const side = head.map((h) => (RESPONSE_HEAD.test(h) && !/\brequest\b/i.test(h) ? 'response' : REQUEST_HEAD.test(h) ? 'request' : null));
    if (!side.includes('request') || !side.includes('response')) continue;
    let j = jira ? i + 1 : i + 2;
    for (; j < lines.length && ROW.test(lines[j]!); j++) {
      const row = cells(lines[j]!);
      const pick = (s: string) => row.filter((_, k) => side[k] === s).join(' ');
      const request = pick('request');
      if (!CALL.test(request) && !PATH_ONLY.test(request)) continue;
      out.push({ line: j + 1, request, response: pick('response') });
    }
    i = j - 1;
  }
  return out;
}

/** The first JSON object in a cell (inside backticks or not), read leniently; null when there is none. */
function bodyIn(cell: string): { body: unknown; notes: string[] } | null {
  const text = cell.replace(/`/g, ' ').replace(/<br\s*\/?>/gi, ' ');
  const open = text.indexOf('{');
  if (open < 0) return null;
  const end = closingAt(text, open);
  if (end < 0) return null;
  const read = readBody([text.slice(open, end)]);
  return read.error ? null : { body: read.body, notes: read.notes };
}

export function parseMarkdownTable(text: string, file: string): TextImport {
  const rows = findTableRows(text.split(/\r?\n/));
  if (rows.length === 0) throw new InputError(`${file}: no table of Okta calls found`, file);
  const report = newReport('rows');
  report.found = rows.length;
  const exchanges: RawExchange[] = [];
  for (const [k, row] of rows.entries()) {
    const call = CALL.exec(row.request);
    const path = call?.[2] ?? PATH_ONLY.exec(row.request)?.[1];
    if (!path) continue;
    const request = bodyIn(row.request.slice(row.request.indexOf(path) + path.length));
    const response = bodyIn(row.response);
    // The status: a lone three-digit number in the response cells, not one inside the body.
    const status = /(?:^|[\s`*(])([1-5]\d\d)(?=[\s`*),:]|$)/.exec(row.response.replace(/\{[\s\S]*\}/, ' '))?.[1];
    const notes = [`a row of a table of calls (line ${row.line})`];
    let responseStatus: number | null = status ? Number(status) : null;
    if (responseStatus === null && response) {
      const inferred = inferStatus(response.body);
      responseStatus = inferred.status;
      notes.push(inferred.note);
    }
    if (request) notes.push(...request.notes.map((n) => `request: ${n}`));
    if (response) notes.push(...response.notes.map((n) => `response: ${n}`));
    if (!response && responseStatus !== null) notes.push('the row gives the status only, not the body');
    exchanges.push({
      method: call?.[1] ?? 'POST',
      url: path,
      requestHeaders: {},
      requestBody: request?.body ?? null,
      responseStatus,
      responseHeaders: {},
      responseBody: response?.body ?? null,
      transportError: null,
      startedAt: null,
      durationMs: null,
      sourceRef: `${file}:${row.line}`,
      group: 't1',
      label: String(k + 1),
      notes,
    });
  }
  report.imported = exchanges.length;
  return { exchanges, report };
}

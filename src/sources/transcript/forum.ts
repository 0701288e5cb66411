import { newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { readSide, type Side } from './blocks.js';
import { bodyWarnings, leftOutNote, repairWarning, unreadableBodies } from './json-block.js';
import { wrapContinuations } from './wrapped.js';
import { opensTransaction } from './groups.js';
import { inferStatus } from './status.js';
import { parseHeading, parseMarker, type Heading } from './steps.js';
import { remarkCall } from './prose-calls.js';
import { type Line, toLines } from './text.js';
import type { TextImport } from './types.js';
import { normalizeUrl } from './url.js';

interface Block {
  kind: 'request' | 'response';
  status: number | null;
  line: number;
  first: string;
  lines: Line[];
}

interface Step {
  heading: Heading;
  number: number;
  group: string;
  request: Side | null;
  response: Side | null;
  extra: number;
}

/**
 * Reads a transcript pasted into a forum post or ticket: numbered steps naming an endpoint, each with
 * `Request:` / `Response:` blocks of (often damaged) JSON. Numbering that restarts starts a new transcript,
 * so a thread quoting the same flow twice gives two groups that are never linked together.
 */
export function parseForumTranscript(text: string, file: string): TextImport {
  const steps = findSteps(toLines(text, true));
  if (steps.length === 0) {
    throw new InputError(
      `${file}: no Okta authn request/response found; expected numbered steps naming an endpoint ` +
        '(e.g. "1. /api/v1/authn") followed by Request: and Response: blocks',
      file,
    );
  }
  const report = newReport('steps');
  report.found = steps.length;
  const exchanges: RawExchange[] = [];
  const unreadable: RawExchange[] = [];
  for (const step of steps) {
    const ref = `${file}:${step.heading.line.no} (step ${step.number})`;
    // A side beyond repair loses its body only: the other side, the status and the headers are still evidence
    // (a mangled request under a clean response is judged on the response). Both beyond repair: left out.
    const broken = [step.request, step.response].filter((s) => s?.error);
    // Both sides beyond repair, or a broken request with no response under it: nothing to keep.
    const leftOut = broken.length === 2 || (broken[0] === step.request && !step.response);
    for (const side of broken) {
      const which = side === step.request ? 'request' : 'response';
      report.warnings.push({ ref: `${file}:${side!.line} (step ${step.number})`, message: repairWarning(which, side!.error!, leftOut ? 'step left out' : null) });
      side!.notes.push(leftOutNote(side!.error!));
      if (leftOut) break;
    }
    if (leftOut) {
      unreadable.push(toExchange(step, file));
      continue;
    }
    if (step.extra) report.warnings.push({ ref, message: `${step.extra} further Request/Response block(s) ignored` });
    for (const side of [step.request, step.response]) {
      if (!side) continue;
      for (const message of bodyWarnings(side === step.request ? 'request' : 'response', side)) {
        report.warnings.push({ ref: `${file}:${side.line} (step ${step.number})`, message });
      }
    }
    exchanges.push(toExchange(step, file));
  }
  report.imported = exchanges.length;
  return { exchanges, report, unreadable };
}

function findSteps(lines: Line[]): Step[] {
  const heads: { heading: Heading; index: number }[] = [];
  // A link a hard wrap cut goes on at the start of a line (`https://…/api/v1/authn/…`): no heading there.
  const continued = wrapContinuations(lines.map((l) => l.text));
  lines.forEach((line, index) => {
    const heading = continued.has(index) ? null : parseHeading(line);
    // A sentence wrapped over lines or ended at the URL, with nothing of a request below: a remark (prose-calls.ts).
    if (heading && !remarkCall(lines, index)) heads.push({ heading, index });
  });
  const steps: Step[] = [];
  let group = 0;
  let prev: number | null = null;
  let first = '';
  heads.forEach(({ heading, index }, k) => {
    const segment = lines.slice(index + 1, heads[k + 1]?.index ?? lines.length);
    const inline: Line[] = heading.inline ? [{ no: heading.line.no, text: heading.inline }] : [];
    const sides = readSides([...inline, ...segment]);
    if (!sides) return;
    const url = normalizeUrl(heading.endpoint).url;
    const call = `${url} ${JSON.stringify(sides.request?.body ?? null)}`;
    // Without numbers, the call that opened the group made again (same body) starts another copy.
    const again = heading.number === null && prev !== null && call === first && opensTransaction(url);
    const number: number = heading.number ?? (again ? 1 : (prev ?? 0) + 1);
    if (prev === null || number < prev || (number === 1 && (heading.number !== null || again))) {
      group++;
      first = call;
    }
    prev = number;
    steps.push({ heading, number, group: `t${group}`, ...sides });
  });
  return steps;
}

/** The request and response of one step; null when the heading has no block under it (a prose list). */
function readSides(segment: Line[]): Pick<Step, 'request' | 'response' | 'extra'> | null {
  const pre: Line[] = [];
  const blocks: Block[] = [];
  // DevTools' copy of a request's Headers pane gives the status in its General section, before the Payload
  // and Response parts (`Status Code: 200 OK`): the status of the Response block below, which holds the body.
  const responseBelow = (from: number) => segment.slice(from + 1).some((l) => /^\s*(?:\*\*|#+\s*)?(?:response|resp)\b/i.test(l.text) && parseMarker(l.text)?.kind === 'response');
  let heldStatus: number | null = null;
  segment.forEach((line, at) => {
    const marker = parseMarker(line.text);
    const current = blocks[blocks.length - 1];
    if (marker?.kind === 'response' && marker.status !== null && marker.rest === '' && /^\s*status\s+code\s*:/i.test(line.text) && responseBelow(at)) {
      heldStatus = marker.status;
      return;
    }
    if (marker?.kind === 'response' && marker.status === null && heldStatus !== null) {
      blocks.push({ kind: 'response', status: heldStatus, line: line.no, first: marker.rest, lines: [] });
      heldStatus = null;
      return;
    }
    if (marker && current?.kind === 'response' && marker.kind === 'response' && marker.rest === '' &&
        current.status === null && current.first === '' && current.lines.every((l) => l.text.trim() === '')) {
      current.status = marker.status;
      return;
    }
    if (marker?.neutral && current?.kind === 'response' && !hasJson(current)) {
      current.first = marker.rest;
      return;
    }
    if (marker) blocks.push({ kind: marker.kind, status: marker.status, line: line.no, first: marker.rest, lines: [] });
    else if (current) current.lines.push(line);
    else pre.push(line);
  });
  const unlabelled = pre.some((l) => /^\s*[{[]/.test(l.text));
  if (blocks.length === 0 && !unlabelled) return null;
  // An empty `Request:` line after the response introduces the next exchange (its heading is the line after).
  const res = blocks.find((b) => b.kind === 'response' && hasContent(b)) ?? blocks.find((b) => b.kind === 'response');
  // A request block below the response is the next call's (`sent {…} to verify` in the prose after it), not
  // this step's, when the step's own body stands unlabelled before the markers.
  const mine = (b: Block) => b.kind === 'request' && !(unlabelled && res && blocks.indexOf(b) > blocks.indexOf(res));
  const req = blocks.find((b) => mine(b) && hasContent(b)) ?? blocks.find((b) => mine(b) && b === blocks[0]);
  let request = req ? readSide(req.line, null, req.first, req.lines) : null;
  if (!request && unlabelled) {
    request = readSide(pre[0]!.no, null, '', pre);
    request.notes.push('unlabelled block read as the request');
  }
  let response = res ? readSide(res.line, res.status, res.first, res.lines) : null;
  const second = request?.rest ?? [];
  if (!response && !request?.error && second.some((l) => /^\s*[{[]/.test(l))) {
    // Two JSON documents under one heading and no Response: marker: the second is the response.
    response = readSide(request!.line, null, '', second.map((text) => ({ no: request!.line, text })));
    response.notes.push('second unlabelled block read as the response');
  }
  if (!evidence(request) && !evidence(response)) return null;
  const extra = blocks.filter((b) => b !== req && b !== res && hasContent(b)).length;
  return { request, response, extra };
}

/** A side that holds an exchange: a JSON body (or a body beyond repair), a status or headers; not a prose remark. */
function evidence(side: Side | null): boolean {
  if (!side) return false;
  return side.error !== undefined || side.status !== null || Object.keys(side.headers).length > 0 ||
    (typeof side.body === 'object' && side.body !== null);
}

function hasContent(block: Block): boolean {
  return block.status !== null || hasJson(block);
}

function hasJson(block: Block): boolean {
  return /^\s*[{[]/.test(block.first) || block.lines.some((l) => /^\s*[{[]/.test(l.text));
}

function toExchange(step: Step, file: string): RawExchange {
  const notes: string[] = [];
  const url = normalizeUrl(step.heading.endpoint);
  if (url.note) notes.push(url.note);
  if (!step.heading.method) notes.push('method not given: POST assumed');
  for (const n of step.request?.notes ?? []) notes.push(`request: ${n}`);
  for (const n of step.response?.notes ?? []) notes.push(`response: ${n}`);
  let status: number | null = null;
  if (step.response) {
    status = step.response.status;
    // A body beyond repair says nothing of the status: it stays unknown (the step is then unanswered).
    if (status === null && !step.response.error) {
      const inferred = inferStatus(step.response.body);
      status = inferred.status;
      notes.push(inferred.note);
    }
  } else {
    notes.push('no response in the transcript');
  }
  return {
    method: step.heading.method ?? 'POST',
    url: url.url,
    requestHeaders: step.request?.headers ?? {},
    requestBody: step.request?.body ?? null,
    responseStatus: status,
    responseHeaders: step.response?.headers ?? {},
    responseBody: step.response?.body ?? null,
    transportError: null,
    startedAt: null,
    durationMs: null,
    sourceRef: `${file}:${step.heading.line.no}`,
    group: step.group,
    label: String(step.number),
    notes,
    ...unreadableOf(step),
  };
}

/** The step's bodies beyond repair, for their secrets (RawExchange.unreadable). */
function unreadableOf(step: Step): Pick<RawExchange, 'unreadable'> {
  const unreadable = unreadableBodies(step.request, step.response);
  return unreadable ? { unreadable } : {};
}

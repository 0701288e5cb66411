import type { Evidence, Exposure } from '../model/exchange.js';
import { samlOfExchange } from '../protocols/saml/decode.js';
import { paramOfXml, readSamlXml } from '../protocols/saml/xml.js';
import { samlSkeleton } from '../protocols/saml/skeleton.js';
import { classifyField, isSecretHeaderValue } from '../redact/policy.js';
import type { Redactor } from '../redact/redactor.js';
import type { ProfileHints } from '../redact/shape.js';
import { entraRequestToRaw } from '../sources/entra/request.js';
import { readTraceJson, type TraceKind } from '../sources/saml-tracer/detect.js';
import type { Tally } from './tally.js';

type Obj = Record<string, any>;
type Where = Exposure['where'];
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const HEADERS: [string, Where][] = [['requestHeaders', 'request.header'], ['responseHeaders', 'response.header'], ['request_headers', 'request.header'], ['response_headers', 'response.header']];

/**
 * A SAML-tracer or Entra Auth Tracer export with every secret masked by the import pipeline's redactor:
 * URLs, headers, `get`/`post` pairs, `postData`, `request_body`. The decoded SAML XML is replaced by a
 * skeleton holding only what authtrail keeps of it; Entra's `*_analysis` objects, which repeat the
 * request's values, are removed. Exports are a few MB: read whole, written as one chunk.
 */
export async function* sanitizeTraceChunks(path: string, display: string, kind: TraceKind, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  const { doc, requests } = await readTraceJson(path, display, kind);
  const hints: ProfileHints = new Map();
  requests.forEach((request, i) => {
    const ev: Evidence = { exposures: [], passwords: [], notes: [] };
    if (isObj(request)) {
      // Entra exports carry SAML only encoded: its skeleton goes where SAML-tracer keeps the decoded XML.
      if (kind === 'entra') addEntraSkeleton(request);
      sanitizeRequest(request, redactor, hints, ev);
    }
    tally.add(`requests[${i}]`, ev.exposures);
  });
  yield `${JSON.stringify(doc, null, 2)}\n`;
}

function sanitizeRequest(r: Obj, redactor: Redactor, hints: ProfileHints, ev: Evidence): void {
  if (typeof r.url === 'string') r.url = redactor.redactUrl(r.url, 'url', ev);
  for (const [key, where] of HEADERS) {
    if (!Array.isArray(r[key])) continue;
    r[key] = r[key].map((h: unknown) => {
      const pair = Array.isArray(h);
      const name = String(pair ? h[0] : (h as Obj)?.name ?? '');
      const value = pair ? h[1] : (h as Obj)?.value;
      if (typeof value !== 'string') return h;
      const masked = isSecretHeaderValue(name, value) ? redactor.redactHeaderValue(name, value, where, ev) : redactor.redactField('', value, where, name, ev, hints);
      return pair ? [h[0], masked] : { ...(h as Obj), value: masked };
    });
  }
  // `get` repeats the URL's query, already counted: masked the same way into a scratch evidence.
  const repeat: Evidence = { exposures: [], passwords: [], notes: [] };
  for (const [key, into] of [['get', repeat], ['post', ev]] as const) {
    if (!Array.isArray(r[key])) continue;
    r[key] = r[key].map((p: unknown) => (Array.isArray(p) && typeof p[1] === 'string' ? [p[0], redactor.redactField(classifyField(String(p[0])) ? String(p[0]) : '', p[1], key === 'get' ? 'url' : 'request.body', String(p[0]), into, hints)] : p));
  }
  if (isObj(r.postData)) r.postData = redactor.redactBody(r.postData, 'request.body', '', Array.isArray(r.post) ? repeat : ev, hints);
  else if (typeof r.postData === 'string' && r.postData !== '{overwritten}') r.postData = redactor.redactText(r.postData, 'request.body', ev, hints);
  for (const [key, where] of [['request_body', 'request.body'], ['response_body', 'response.body']] as const) {
    if (isObj(r[key])) r[key] = redactor.redactBody(r[key], where, '', ev, hints);
  }
  if (typeof r.saml === 'string' && r.saml !== '') r.saml = skeletonOf(r.saml);
  for (const key of Object.keys(r)) if (key.endsWith('_analysis')) delete r[key];
}

function addEntraSkeleton(r: Obj): void {
  try {
    const m = samlOfExchange(entraRequestToRaw(r, ''));
    const skeleton = m && samlSkeleton(m);
    if (skeleton) r.saml = skeleton;
  } catch {
    // A request the importer would skip has no message to keep.
  }
}

/** The decoded message reduced to its routing and timing fields (null when it could not be read). */
function skeletonOf(xml: string): string | null {
  return samlSkeleton(readSamlXml(xml, paramOfXml(xml), 'tracer'));
}

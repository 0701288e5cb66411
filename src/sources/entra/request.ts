import { parseBodyText } from '../../http/body.js';
import type { RawExchange } from '../../model/exchange.js';
import { readSamlXml } from '../../protocols/saml/xml.js';
import { toHeaderMap } from '../har/headers.js';
import { BadRequestError } from '../saml-tracer/request.js';

type Obj = Record<string, unknown>;

/**
 * `request_body` in its three forms (okta-idx.md 3.2): `formData` (value lists) becomes a form string,
 * `json` its data, `raw` its text. All clear: the pipeline redacts them like any other body.
 */
function requestBody(value: unknown): unknown {
  if (!value || typeof value !== 'object') return null;
  const b = value as Obj;
  if (b.type === 'formData' && b.data && typeof b.data === 'object') {
    const form = new URLSearchParams();
    for (const [name, values] of Object.entries(b.data as Obj)) for (const v of Array.isArray(values) ? values : [values]) form.append(name, String(v));
    return form.toString();
  }
  if (b.type === 'json') return b.data !== undefined ? b.data : typeof b.raw === 'string' ? parseBodyText(b.raw) : null;
  if (typeof b.data === 'string') return parseBodyText(b.data);
  return null;
}

function isoTime(value: unknown): string | null {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * One Entra Auth Tracer request as an exchange. Its `*_analysis` objects are the extension's own opinions
 * and may quote clear values: they are not read.
 */
export function entraRequestToRaw(entry: unknown, ref: string): RawExchange {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new BadRequestError('request is not an object');
  const r = entry as Obj;
  if (typeof r.url !== 'string' || r.url === '') throw new BadRequestError('request has no url');
  const code = typeof r.status_code === 'number' && r.status_code > 0 ? r.status_code : null;
  const failure = r.status === 'error' ? `${typeof r.error === 'string' && r.error ? r.error : 'request failed'}` : code === null ? 'no response when the export was made' : null;
  const raw: RawExchange = {
    method: typeof r.method === 'string' && r.method !== '' ? r.method.toUpperCase() : 'GET',
    url: r.url,
    requestHeaders: toHeaderMap(r.request_headers),
    requestBody: requestBody(r.request_body),
    responseStatus: failure === null ? code : null,
    responseHeaders: failure === null ? toHeaderMap(r.response_headers) : {},
    // In the schema but never filled: the extension cannot read response bodies under Manifest V3.
    responseBody: null,
    transportError: failure,
    startedAt: isoTime(r.timestamp),
    durationMs: null,
    sourceRef: ref,
    group: 'entra',
  };
  if (typeof r.flow_type === 'string' && r.flow_type !== '') raw.notes = [`flow_type ${r.flow_type}`];
  // Not Entra's: what `authtrail sanitize` keeps of a SAML message whose value it masked.
  if (typeof r.saml === 'string' && r.saml !== '') {
    const param = /(?:^|[?&])SAMLRequest=/.test(`${r.url}&${typeof raw.requestBody === 'string' ? raw.requestBody : ''}`) ? 'SAMLRequest' : 'SAMLResponse';
    raw.priorEvidence = { exposures: [], passwords: [], saml: readSamlXml(r.saml, param, 'tracer') };
  }
  return raw;
}

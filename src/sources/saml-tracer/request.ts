import type { RawExchange } from '../../model/exchange.js';
import type { SamlMessage } from '../../model/saml.js';
import { paramOfXml, readSamlXml } from '../../protocols/saml/xml.js';
import { toHeaderMap } from '../har/headers.js';

type Obj = Record<string, unknown>;

/** A request entry too broken to be an exchange; the source warns and moves on. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/**
 * The form body: `post` pairs (values `{hash:…}` under the default mask profile), else a `postData` object
 * of value lists, else the legacy raw string. `"{overwritten}"` alone says a body existed but was masked.
 */
function formBody(r: Obj): string | null {
  const form = new URLSearchParams();
  if (Array.isArray(r.post)) {
    for (const pair of r.post) if (Array.isArray(pair)) form.append(String(pair[0] ?? ''), String(pair[1] ?? ''));
    return form.toString();
  }
  if (typeof r.postData === 'string') return r.postData === '{overwritten}' ? null : r.postData;
  if (r.postData && typeof r.postData === 'object') {
    for (const [name, values] of Object.entries(r.postData as Obj)) for (const v of Array.isArray(values) ? values : [values]) form.append(name, String(v));
    return form.toString();
  }
  return null;
}

/** The tracer's decoded XML as a SAML message: which parameter carried it is read from the form or query. */
function tracerSaml(r: Obj, body: string | null, url: string): SamlMessage | null {
  if (typeof r.saml !== 'string' || r.saml === '' || (r.protocol !== undefined && r.protocol !== 'SAML-P')) return null;
  const names = `${body ?? ''}&${url}`;
  const param = /(?:^|[?&])SAMLRequest=/.test(names) ? 'SAMLRequest' : /(?:^|[?&])SAMLResponse=/.test(names) ? 'SAMLResponse' : paramOfXml(r.saml);
  return readSamlXml(r.saml, param, 'tracer');
}

/**
 * One SAML-tracer request (okta-idx.md 3.1.2) as an exchange. No per-request time exists in the format;
 * no response body is ever captured. The decoded `saml` XML is read into the evidence summary and never kept.
 */
export function tracerRequestToRaw(entry: unknown, ref: string): RawExchange {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new BadRequestError('request is empty (an export bug of older SAML-tracer versions)');
  const r = entry as Obj;
  if (typeof r.url !== 'string' || r.url === '') throw new BadRequestError('request has no url');
  const status = typeof r.responseStatus === 'number' && r.responseStatus > 0 ? r.responseStatus : null;
  const body = formBody(r);
  const raw: RawExchange = {
    method: typeof r.method === 'string' && r.method !== '' ? r.method.toUpperCase() : 'GET',
    url: r.url,
    requestHeaders: toHeaderMap(r.requestHeaders),
    requestBody: body,
    responseStatus: status,
    responseHeaders: toHeaderMap(r.responseHeaders),
    responseBody: null,
    transportError: status === null ? 'no response in the export' : null,
    startedAt: null,
    durationMs: null,
    sourceRef: ref,
    group: 'saml-tracer',
  };
  const saml = tracerSaml(r, body, r.url);
  if (saml) raw.priorEvidence = { exposures: [], passwords: [], saml };
  return raw;
}

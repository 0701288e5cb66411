import { inflateRawSync } from 'node:zlib';
import type { RawExchange } from '../../model/exchange.js';
import type { SamlMessage } from '../../model/saml.js';
import { MAX_XML_CHARS, readSamlXml, undecoded } from './xml.js';

export const SAML_PARAMS = ['SAMLRequest', 'SAMLResponse'] as const;
type Param = (typeof SAML_PARAMS)[number];

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

/**
 * Decodes one SAMLRequest/SAMLResponse value: base64, then raw DEFLATE when it is not XML yet (the redirect
 * binding deflates, saml-bindings 3.4.4.1; the POST binding does not). Inflation is capped so a small
 * value cannot expand into gigabytes.
 */
export function decodeSamlValue(value: string, param: Param, binding: 'redirect' | 'post'): SamlMessage {
  const v = value.trim();
  if (/^\{(?:hash|obf):/.test(v)) return undecoded(param, binding, 'value masked by the exporter');
  if (/\*{2,}|…|#[0-9a-f]{12}$/.test(v)) return undecoded(param, binding, 'value masked in the evidence');
  if (v.length > MAX_XML_CHARS * 2 || !BASE64.test(v)) return undecoded(param, binding, 'value is not base64');
  const bytes = Buffer.from(v, 'base64');
  let xml = bytes.toString('utf8');
  if (!xml.trimStart().startsWith('<')) {
    try {
      xml = inflateRawSync(bytes, { maxOutputLength: MAX_XML_CHARS }).toString('utf8');
    } catch {
      return undecoded(param, binding, 'value is neither XML nor deflated XML');
    }
  }
  return readSamlXml(xml, param, binding);
}

/** The SAML parameter of a query or form body, when it has one (SAMLResponse first: a form carries one). */
function fromParams(params: URLSearchParams): { param: Param; value: string } | null {
  for (const param of [...SAML_PARAMS].reverse()) {
    const value = params.get(param);
    if (value !== null) return { param, value };
  }
  return null;
}

function formOf(body: unknown): URLSearchParams | null {
  if (typeof body !== 'string' || !/SAML(?:Request|Response)=/.test(body)) return null;
  try {
    return new URLSearchParams(body);
  } catch {
    return null;
  }
}

/** Whether an exchange carries a SAML message at all, cheaply (the recorder asks of every exchange). */
export function carriesSaml(e: Pick<RawExchange, 'url' | 'requestBody'>): boolean {
  return /[?&]SAML(?:Request|Response)=/.test(e.url) || (typeof e.requestBody === 'string' && /(?:^|&)SAML(?:Request|Response)=/.test(e.requestBody));
}

/**
 * The SAML message of a clear exchange (redirect binding in the URL, POST binding in the form body), or
 * null when it carries none. Run at ingest before redaction, which leaves only a fingerprint of the value.
 */
export function samlOfExchange(e: Pick<RawExchange, 'url' | 'requestBody'>): SamlMessage | null {
  if (!carriesSaml(e)) return null;
  const form = formOf(e.requestBody);
  const posted = form && fromParams(form);
  if (posted) return decodeSamlValue(posted.value, posted.param, 'post');
  const q = e.url.indexOf('?');
  if (q < 0) return null;
  const query = fromParams(new URLSearchParams(e.url.slice(q + 1).replace(/#.*$/s, '')));
  return query ? decodeSamlValue(query.value, query.param, 'redirect') : null;
}

import { readFileSync, statSync } from 'node:fs';
import type { Evidence } from '../model/exchange.js';
import { InputError } from '../model/errors.js';
import type { Redactor } from '../redact/redactor.js';
import { decodeText } from '../sources/har/text-coding.js';
import type { Tally } from './tally.js';

/** A JSON document is parsed whole: above this it is no collection or environment export. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/**
 * Any other JSON document (a Postman collection or environment, an Insomnia export, an app's JSON log): parsed,
 * walked with the redactor's JSON rules (secret-named keys, name/value pairs such as Postman's
 * `{"key": "password", "value": …}`, credentials in any value, secrets named inside strings) and written back
 * indented by two spaces. Places in the tally are JSON paths.
 */
export async function* sanitizeJsonChunks(path: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  const size = statSync(path).size;
  if (size > MAX_JSON_BYTES) throw new InputError(`${path}: ${Math.round(size / 2 ** 20)} MB of JSON that is not HAR; sanitize reads JSON documents up to ${MAX_JSON_BYTES >> 20} MB`, path);
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(readFileSync(path)).text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message}); fix it or sanitize it as text under another extension`, path);
  }
  const ev: Evidence = { exposures: [], passwords: [], notes: [] };
  // 'request.body': strings are searched for secrets named inside them, as in a request body.
  const clean = redactor.redactBody(doc, 'request.body', '', ev, new Map());
  // Each secret is listed at its JSON path (`item[0].request.header[0].value authorization`); the unit counted
  // is the document ('2 values masked in 1 of 1 document'). 'request.body' above is how it is read, not where.
  for (const x of ev.exposures) tally.add(x.path || '(a string value)', [{ ...x, path: undefined }], 'text');
  tally.seen = 1;
  tally.units = ev.exposures.length > 0 ? 1 : 0;
  yield `${JSON.stringify(clean, null, 2)}\n`;
}

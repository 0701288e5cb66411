import { type ImportSource, type LeftOut, newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import { readTraceJson } from '../saml-tracer/detect.js';
import { traceExchanges } from '../saml-tracer/requests.js';
import type { TraceSourceOptions } from '../saml-tracer/index.js';
import { entraRequestToRaw } from './request.js';

/**
 * An Entra Auth Tracer JSON export (darrenjrobinson/EntraAuthTracer 1.x) as an import source. Its bodies and
 * headers are exported unredacted (passwords, passcodes, SAMLResponse, Authorization): the ingest pipeline
 * redacts them before anything is written, and records what stood in clear for `secret-exposed`.
 */
export async function openEntraSource(path: string, options: TraceSourceOptions = {}, file = path): Promise<ImportSource> {
  const { doc, requests, contentHash } = await readTraceJson(path, file, 'entra');
  const meta = doc.export_metadata;
  if (!meta || typeof meta !== 'object' || typeof (meta as Record<string, unknown>).extension_version !== 'string') {
    throw new InputError(`${file}: no "export_metadata.extension_version", so not an Entra Auth Tracer export; export it again as JSON from Entra Auth Tracer`, file);
  }
  const report = newReport('requests');
  const leftOut: LeftOut[] = [];
  const exchanges = () => traceExchanges(requests, file, report, options.include, entraRequestToRaw, leftOut);
  return { kind: 'entra', file, contentHash, report, exchanges: { [Symbol.iterator]: exchanges }, leftOut };
}

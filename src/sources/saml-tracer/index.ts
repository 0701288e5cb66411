import { type ImportSource, type LeftOut, newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import { readTraceJson } from './detect.js';
import { tracerRequestToRaw } from './request.js';
import { traceExchanges } from './requests.js';

export { detectTrace, traceKindOf, type TraceKind } from './detect.js';

export interface TraceSourceOptions {
  include?: readonly string[];
}

/**
 * A SAML-tracer export (simplesamlphp/SAML-tracer 1.x, and the legacy add-on's) as an import source.
 * Requests outside `--include` are counted, except those carrying a SAML message: ACS and SSO URLs are
 * every SP's own.
 */
export async function openSamlTracerSource(path: string, options: TraceSourceOptions = {}, file = path): Promise<ImportSource> {
  const { requests, contentHash } = await readTraceJson(path, file, 'saml-tracer');
  for (const [i, r] of requests.entries()) {
    if (r && typeof r === 'object' && !('url' in r && 'method' in r)) {
      throw new InputError(`${file}: requests[${i}] has no url or method, so this is not a SAML-tracer export; export it again from SAML-tracer`, file);
    }
  }
  const report = newReport('requests');
  const leftOut: LeftOut[] = [];
  const exchanges = () => traceExchanges(requests, file, report, options.include, tracerRequestToRaw, leftOut);
  return { kind: 'saml-tracer', file, contentHash, report, exchanges: { [Symbol.iterator]: exchanges }, leftOut };
}

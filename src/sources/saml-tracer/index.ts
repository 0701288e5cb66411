import { type ImportSource, newReport } from '../../ingest/source.js';
import type { RawExchange } from '../../model/exchange.js';
import { InputError } from '../../model/errors.js';
import { includeMatcher } from '../../protocols/include.js';
import { UnreadTally } from '../../protocols/org.js';
import { carriesSaml } from '../../protocols/saml/decode.js';
import { readTraceJson } from './detect.js';
import { BadRequestError, tracerRequestToRaw } from './request.js';

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
  const included = includeMatcher(options.include);
  // Calls to the org left outside --include are named in the analysis ("never silently clean").
  const unread = new UnreadTally();
  function* exchanges(): Generator<RawExchange> {
    for (const [i, entry] of requests.entries()) {
      report.found++;
      const ref = `${file}#requests[${i}]`;
      try {
        const raw = tracerRequestToRaw(entry, ref);
        if (!included(raw.url) && !carriesSaml(raw) && !raw.priorEvidence?.saml) {
          report.outside++;
          unread.add(raw.url, raw.responseHeaders['content-type'] ?? null);
          continue;
        }
        unread.sawOrg(raw.url);
        report.imported++;
        yield raw;
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        report.warnings.push({ ref, message: `${error.message}; request skipped` });
      }
    }
    report.unread = unread.result();
  }
  return { kind: 'saml-tracer', file, contentHash, report, exchanges: { [Symbol.iterator]: exchanges } };
}

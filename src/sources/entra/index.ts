import { type ImportSource, newReport } from '../../ingest/source.js';
import { InputError } from '../../model/errors.js';
import type { RawExchange } from '../../model/exchange.js';
import { includeMatcher } from '../../protocols/include.js';
import { UnreadTally } from '../../protocols/org.js';
import { carriesSaml } from '../../protocols/saml/decode.js';
import { readTraceJson } from '../saml-tracer/detect.js';
import { BadRequestError } from '../saml-tracer/request.js';
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
  const included = includeMatcher(options.include);
  // Calls to the org left outside --include are named in the analysis ("never silently clean").
  const unread = new UnreadTally();
  function* exchanges(): Generator<RawExchange> {
    for (const [i, entry] of requests.entries()) {
      report.found++;
      const ref = `${file}#requests[${i}]`;
      try {
        const raw = entraRequestToRaw(entry, ref);
        if (!included(raw.url) && !carriesSaml(raw)) {
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
  return { kind: 'entra', file, contentHash, report, exchanges: { [Symbol.iterator]: exchanges } };
}

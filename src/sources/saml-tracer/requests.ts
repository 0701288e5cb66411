import { type LeftOut, type SourceReport } from '../../ingest/source.js';
import type { RawExchange } from '../../model/exchange.js';
import { includeMatcher } from '../../protocols/include.js';
import { UnreadTally } from '../../protocols/org.js';
import { carriesSaml } from '../../protocols/saml/decode.js';
import { BadRequestError } from './request.js';

/**
 * The exchanges of a browser-extension trace (SAML-tracer, Entra Auth Tracer), one per `requests[i]`: those
 * outside `--include` are counted (and named when they went to the Okta org), except those carrying a SAML
 * message, since ACS and SSO URLs are every SP's own. A request that cannot be read is a warning. The calls to
 * the org left out go to `leftOut` once the export is read, for the secrets they show (see ImportSource.leftOut).
 */
export function* traceExchanges(
  requests: readonly unknown[],
  file: string,
  report: SourceReport,
  include: readonly string[] | undefined,
  toRaw: (entry: unknown, ref: string) => RawExchange,
  leftOut: LeftOut[],
): Generator<RawExchange> {
  const included = includeMatcher(include);
  const unread = new UnreadTally<RawExchange>();
  for (const [i, entry] of requests.entries()) {
    report.found++;
    const ref = `${file}#requests[${i}]`;
    try {
      const raw = toRaw(entry, ref);
      if (!included(raw.url) && !carriesSaml(raw) && !raw.priorEvidence?.saml) {
        report.outside++;
        unread.add(raw.url, raw.responseHeaders['content-type'] ?? null, false, raw);
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
  for (const exchange of unread.items()) leftOut.push({ exchange, reason: 'outside' });
}

import { type SourceReport } from '../../ingest/source.js';
import type { RawExchange } from '../../model/exchange.js';
import { includeMatcher } from '../../protocols/include.js';
import { UnreadTally } from '../../protocols/org.js';
import { carriesSaml } from '../../protocols/saml/decode.js';
import { BadRequestError } from './request.js';

/**
 * The exchanges of a browser-extension trace (SAML-tracer, Entra Auth Tracer), one per `requests[i]`: those
 * outside `--include` are counted (and named when they went to the Okta org), except those carrying a SAML
 * message, since ACS and SSO URLs are every SP's own. A request that cannot be read is a warning.
 */
export function* traceExchanges(
  requests: readonly unknown[],
  file: string,
  report: SourceReport,
  include: readonly string[] | undefined,
  toRaw: (entry: unknown, ref: string) => RawExchange,
): Generator<RawExchange> {
  const included = includeMatcher(include);
  const unread = new UnreadTally();
  for (const [i, entry] of requests.entries()) {
    report.found++;
    const ref = `${file}#requests[${i}]`;
    try {
      const raw = toRaw(entry, ref);
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

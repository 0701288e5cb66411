import type { RawExchange } from '../../model/exchange.js';
import type { SourceReport } from '../../ingest/source.js';

/** What each text reader returns: the exchanges it could recover and the counts and warnings about the rest. */
export interface TextImport {
  exchanges: RawExchange[];
  report: SourceReport;
  /** Exchanges left out whole as beyond repair, with their bodies' texts (RawExchange.unreadable): for their secrets only. */
  unreadable?: RawExchange[];
}

import { analyze } from '../../src/analyze/index.js';
import { ingestSource } from '../../src/ingest/pipeline.js';
import type { SourceReport } from '../../src/ingest/source.js';
import type { Exchange } from '../../src/model/exchange.js';
import { openHarSource } from '../../src/sources/har/index.js';
import { openStore } from '../../src/store/store.js';

/**
 * What a golden file records of an import: each stored exchange (after redaction) and the transactions
 * the analyzer rebuilds from them. Keyed fingerprints differ per database key, so each distinct fingerprint
 * becomes `#1`, `#2`... in order of appearance: equal tokens must still map to equal labels.
 */
export interface ImportSummary {
  report: Pick<SourceReport, 'unit' | 'found' | 'imported' | 'outside'> & { warnings: string[] };
  exchanges: Record<string, unknown>[];
  transactions: { group: string; outcome: string; steps: string[] }[];
}

function fingerprintLabeller(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => text.replace(/#([0-9a-f]{12})\b/g, (_m, fp: string) => {
    if (!seen.has(fp)) seen.set(fp, `#${seen.size + 1}`);
    return seen.get(fp)!;
  });
}

export function summarizeExchanges(exchanges: Exchange[], report: SourceReport, file: string): ImportSummary {
  const label = fingerprintLabeller();
  const stable = (v: unknown) => JSON.parse(label(JSON.stringify(v ?? null)).replaceAll(file, '<file>'));
  const result = analyze(exchanges, []);
  return {
    report: {
      unit: report.unit,
      found: report.found,
      imported: report.imported,
      outside: report.outside,
      warnings: report.warnings.map((w) => `${w.ref}: ${w.message}`.replaceAll(file, '<file>')),
    },
    exchanges: exchanges.map((e) => {
      const body = (e.responseBody ?? {}) as Record<string, unknown>;
      return stable({
        seq: e.seq,
        method: e.method,
        url: e.url.replace(/^https?:\/\/[^/]+/, ''),
        status: e.responseStatus,
        oktaStatus: typeof body === 'object' ? (body.status ?? null) : null,
        requestBody: e.requestBody,
        responseStateToken: typeof body === 'object' ? (body.stateToken ?? null) : null,
        secretHeaders: Object.fromEntries(Object.entries(e.requestHeaders).filter(([k]) => /authorization|cookie/.test(k))),
        transportError: e.transportError,
        startedAt: e.startedAt,
        durationMs: e.durationMs,
        notes: e.notes ?? [],
        exposed: [...new Set(e.evidence.exposures.map((x) => `${x.where}:${x.field}`))].sort(),
        sourceRef: e.sourceRef,
      });
    }),
    transactions: result.transactions.map((t) => ({
      group: t.group.replaceAll(file, '<file>'),
      outcome: t.outcome,
      steps: t.steps.map((s) => `${s.operation}: ${s.statusBefore} -> ${s.statusAfter}`),
    })),
  };
}

/** Imports a HAR through the real pipeline into the SQLite file `db` and summarizes what was stored. */
export async function importHarSummary(path: string, db: string, display = path): Promise<ImportSummary> {
  const store = openStore(db);
  try {
    const source = await openHarSource(path, {}, display);
    const { captureId } = await ingestSource(store, source, { force: true });
    return summarizeExchanges(store.exchanges([captureId]), source.report, display);
  } finally {
    store.close();
  }
}

import type { AnalysisResult, StreamedAnalysis } from './index.js';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import type { Transaction } from '../model/transaction.js';
import { pathOf } from '../protocols/okta-authn/operations.js';
import { unreadTotal } from '../protocols/org.js';
import { systemLogEventJson } from '../model/systemlog.js';
import { buildVerdict } from './verdict.js';

/** The stable JSON document (schemaVersion 1) every other format is rendered from. */
export function toJson(result: AnalysisResult): AnalysisJson {
  return documentOf(result, result.transactions.map(transactionJson), result.transactions.length);
}

/**
 * The document of a streamed analysis (see analyzeUnits), with the `transactions` given or, by default, an
 * empty list: its writer puts there the transactions it was handed, each through `transactionJson`, in the
 * order they came.
 */
export function streamedJson(result: StreamedAnalysis, transactions: TransactionJson[] = []): AnalysisJson {
  return documentOf(result, transactions, result.transactionCount);
}

/** One transaction as the document shows it. */
export function transactionJson(t: Transaction): TransactionJson {
  return {
    id: t.id,
    captureId: t.captureId,
    user: t.user,
    outcome: t.outcome,
    steps: t.steps.map((s) => ({
      step: s.step,
      exchangeId: s.exchange.id,
      method: s.exchange.method,
      path: pathOf(s.exchange.url),
      operation: s.operation,
      statusBefore: s.statusBefore,
      statusAfter: s.statusAfter,
      httpStatus: s.httpStatus,
      errorCode: s.errorCode,
      stateToken: { fingerprint: s.tokenFingerprint, rotated: s.rotated },
      passwordChanged: s.passwordChanged,
      expiresAt: s.expiresAt,
      factorResult: s.factorResult,
      startedAt: s.exchange.startedAt,
      sourceRef: s.exchange.sourceRef,
      ...(s.exchange.transportError ? { transportError: s.exchange.transportError } : {}),
      ...(s.oauth ? { oauth: s.oauth } : {}),
      ...(s.events ? { events: s.events.map(systemLogEventJson) } : {}),
      ...(s.saml ? { saml: s.saml } : {}),
    })),
  };
}

function documentOf(
  result: Pick<AnalysisResult, 'captures' | 'findings' | 'ruleErrors' | 'unread' | 'systemLog' | 'unanswered' | 'failed'>,
  transactions: TransactionJson[],
  transactionCount: number,
): AnalysisJson {
  const doc: AnalysisJson = {
    schemaVersion: 1,
    captures: result.captures,
    transactions,
    findings: result.findings,
    ruleErrors: result.ruleErrors,
    unanalyzed: { count: unreadTotal(result.unread), calls: result.unread },
  };
  if (result.systemLog) doc.systemLog = { ...result.systemLog, unmatched: result.systemLog.unmatched.map(systemLogEventJson) };
  // The verdict comes first: it is the answer, the rest is how it was reached.
  const { schemaVersion, ...rest } = doc;
  return { schemaVersion, verdict: buildVerdict({ ...doc, transactions: { length: transactionCount }, unanswered: result.unanswered ?? 0, failed: result.failed }), ...rest };
}

/**
 * Items (at least one) as JSON.stringify(document, null, 2) writes them in an array one level down in the
 * document, separated by `,\n`: stringified in place, so no line needs indenting after.
 */
export function itemsText(list: readonly unknown[]): string {
  return JSON.stringify({ k: list }, null, 2).slice(ITEMS.length, -'\n  ]\n}'.length);
}

/** What JSON.stringify({ k: [...] }, null, 2) writes before the first item. */
const ITEMS = '{\n  "k": [\n';

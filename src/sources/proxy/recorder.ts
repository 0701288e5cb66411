import { analyze, type AnalysisResult } from '../../analyze/index.js';
import { beginLiveCapture, type LiveCapture } from '../../ingest/pipeline.js';
import { InputError } from '../../ingest/source.js';
import type { RawExchange } from '../../model/exchange.js';
import { SEVERITIES, type Severity } from '../../model/severity.js';
import type { Store } from '../../store/store.js';
import { DEFAULT_INCLUDE, includeMatcher } from '../include.js';
import type { UpstreamAgentOptions } from './agents.js';
import { defaultCaDir, loadOrCreateCa } from './ca.js';
import { startForwardProxy, type ForwardStats } from './forward.js';
import { LiveAnalysis, type LiveLine } from './live.js';
import { DEFAULT_INTERCEPT } from './matchers.js';
import { parseTarget, startReverseProxy, type RecordingProxy } from './reverse.js';

/**
 * `authtrail record` as a library: a proxy whose recorded exchanges go through the one ingest pipeline
 * (redaction, batched SQLite writes) and the live analysis. The CLI and `authtrail demo` only print.
 */

export interface RecorderOptions extends UpstreamAgentOptions {
  store: Store;
  mode: 'reverse' | 'forward';
  /** Reverse mode: the Okta org origin. */
  target?: string;
  host: string;
  port: number;
  include?: readonly string[];
  /** Forward mode: host globs to intercept. */
  intercept?: string | string[];
  caDir?: string;
  cors?: boolean;
  /** Store secrets in clear. */
  raw?: boolean;
  /** One call per recorded exchange, in batches a few milliseconds after the response. */
  onLine?(line: LiveLine): void;
  onNotice?(message: string): void;
}

export interface RecordSummary {
  captureId: number;
  exchanges: number;
  forwarded: number;
  transportErrors: number;
  clientAborts: number;
  transactions: number;
  findings: Record<Severity, number>;
  analysis: AnalysisResult;
  dbPath: string;
  forward?: ForwardStats;
}

export interface Recorder {
  url: string;
  mode: 'reverse' | 'forward';
  captureId: number;
  /** Forward mode: the CA certificate clients must trust, and whether this run created it. */
  ca?: { certPath: string; created: boolean };
  /** Stops accepting, finishes in-flight requests, writes everything, analyzes the capture. */
  stop(): Promise<RecordSummary>;
}

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  if (options.mode === 'reverse' && !options.target) throw new InputError('reverse mode needs --target, the Okta org origin (e.g. https://dev-123.okta.com)');
  const target = options.target ? parseTarget(options.target) : null;
  const include = includeMatcher(options.include?.length ? options.include : DEFAULT_INCLUDE);
  // Exchanges that finish before the capture row exists (a request racing the start) wait here.
  let sink: ((raw: RawExchange) => void) | null = null;
  const early: RawExchange[] = [];
  const common = {
    ...options,
    include: (path: string) => include(path),
    cors: Boolean(options.cors),
    onExchange: (raw: RawExchange) => (sink ? sink(raw) : early.push(raw)),
  };
  let proxy: RecordingProxy & { forward?: ForwardStats };
  let ca: Recorder['ca'];
  if (options.mode === 'forward') {
    const authority = await loadOrCreateCa(options.caDir ?? defaultCaDir());
    ca = { certPath: authority.certPath, created: authority.created };
    proxy = await startForwardProxy({ ...common, intercept: options.intercept ?? DEFAULT_INTERCEPT, ca: authority });
  } else {
    proxy = await startReverseProxy({ ...common, target: target! });
  }
  // The capture row is written only once the port is ours: a failed start leaves nothing in the database.
  const file = target ? `proxy:${proxy.url} -> ${target}` : `proxy:${proxy.url} (forward)`;
  const capture: LiveCapture = beginLiveCapture(options.store, { file, raw: options.raw });
  const captureRow = options.store.capture(capture.captureId)!;
  const live = options.onLine ? new LiveAnalysis(captureRow, options.onLine) : null;
  sink = (raw) => {
    const exchange = capture.add(raw);
    live?.push(exchange);
  };
  for (const raw of early.splice(0)) sink(raw);

  return {
    url: proxy.url,
    mode: options.mode,
    captureId: capture.captureId,
    ...(ca ? { ca } : {}),
    async stop() {
      await proxy.stop();
      capture.close();
      live?.flush();
      const captures = options.store.captures([capture.captureId]);
      const analysis = analyze(options.store.exchanges([capture.captureId]), captures);
      const findings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      for (const f of analysis.findings) findings[f.severity]++;
      return {
        captureId: capture.captureId,
        exchanges: captures[0]?.exchangeCount ?? 0,
        forwarded: proxy.stats.forwarded,
        transportErrors: proxy.stats.transportErrors,
        clientAborts: proxy.stats.clientAborts,
        transactions: analysis.transactions.length,
        findings,
        analysis,
        dbPath: options.store.path,
        ...(proxy.forward ? { forward: proxy.forward } : {}),
      };
    },
  };
}

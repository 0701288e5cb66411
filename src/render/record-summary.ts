import type { RecordSummary } from '../record/recorder.js';
import type { Severity } from '../model/severity.js';
import { SEVERITIES } from '../model/severity.js';
import { verdictText } from './verdict.js';

/** What `record` and `demo` print when the recording stops: counts, where the capture is, then the verdict. */
export function formatRecordSummary(summary: RecordSummary, width = 100): string {
  const severities = [...SEVERITIES].reverse().map((s: Severity) => `${summary.findings[s]} ${s}`);
  const lines = [
    `recorded ${summary.exchanges} exchange${summary.exchanges === 1 ? '' : 's'} (capture ${summary.captureId}), ` +
      `${summary.transactions} transaction${summary.transactions === 1 ? '' : 's'}; findings: ${severities.join(', ')}`,
    `forwarded without recording: ${summary.forwarded}; upstream errors: ${summary.transportErrors}; client aborts: ${summary.clientAborts}` +
      (summary.websockets ? `; WebSocket connections passed through, not recorded: ${summary.websockets}` : '') +
      (summary.refused ? `; refused before reading (head over 64 KB or not HTTP), not forwarded: ${summary.refused}` : ''),
  ];
  if (summary.forward) lines.push(`forward: ${summary.forward.intercepted} intercepted, ${summary.forward.tunnels} tunnelled, ${summary.forward.closedWithoutRequest} closed without a request`);
  lines.push(summary.dbPath === ':memory:' ? 'database: in memory (nothing kept)' : `database: ${summary.dbPath} (authtrail analyze --capture ${summary.captureId} --db ${summary.dbPath})`);
  // The answer last, where a reader who just pressed Ctrl-C looks.
  lines.push('', ...verdictText(summary.verdict, width));
  return lines.join('\n');
}

import type { LiveLine } from '../analyze/live.js';

/**
 * The live view's text, one line per exchange:
 * `17:53:43 POST credentials.reset_password 200  PASSWORD_RESET → MFA_REQUIRED  0wyJ…#b5142c (rotated)  ! info state-token-rotated`
 * Operations are padded to the longest of Classic authn's (`credentials.change_password`), so the columns line up.
 * Made on the recording worker, so that the proxy's thread only hands a finished string to stdout.
 */
export function formatLiveLine(line: LiveLine): string {
  const time = line.startedAt ? line.startedAt.slice(11, 19) : '--:--:--';
  const outcome = line.transportError ? `ERR ${line.transportError}` : `${line.httpStatus ?? '---'}${line.errorCode ? ` ${line.errorCode}` : ''}`;
  const move = line.statusBefore === line.statusAfter ? line.statusAfter : `${line.statusBefore} → ${line.statusAfter}`;
  const token = line.token ? `${line.token}${line.rotated ? ' (rotated)' : ''}` : '-';
  const parts = [time, line.method.padEnd(4), line.operation.padEnd(27), outcome.padEnd(13), move.padEnd(34), token];
  if (line.findings === null) return `${parts.join(' ')}  (busy: findings in the summary)`;
  const findings = line.findings.map((f) => `${f.severity} ${f.rule}`);
  return `${parts.join(' ')}${findings.length ? `  ! ${findings.join(', ')}` : ''}`;
}

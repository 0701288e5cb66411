import { transportErrorLabel } from '../model/exchange.js';
import type { StepJson, TransactionJson } from '../model/analysis.js';
import type { Finding } from '../model/finding.js';
import { toMs } from '../protocols/common/time.js';
import { formatTime, hasWallClock, relativeTimes, type RenderOptions } from './time.js';
import { findingsOn } from './findings-of.js';

export type PasswordChange = 'first' | 'same' | 'advanced' | 'regressed';

/** One step as every text format shows it: plain strings, escaped by the format. */
export interface TimelineRow {
  step: StepJson;
  time: string;
  delta: string;
  status: string;
  http: string;
  token: string;
  /** Token differs from the previous step's (new chain or rotation): worth showing in a diagram. */
  tokenChanged: boolean;
  passwordChanged: string;
  passwordChange: PasswordChange | null;
  expiresAt: string;
  findings: Finding[];
}

export interface Timeline {
  rows: TimelineRow[];
  /** false when the evidence has no request times (a pasted transcript): time columns are left out. */
  timed: boolean;
}

/** A transport error as a step's cell shows it: `Recv failure: Connection reset by peer`, cut to `max`. */
export function transportLabel(step: StepJson, max = 40): string {
  return transportErrorLabel(step.transportError ?? '', max);
}

export function httpLabel(step: StepJson): string {
  const status = step.httpStatus === null ? (step.transportError ? `failed: ${transportLabel(step)}` : 'no response') : String(step.httpStatus);
  return step.errorCode ? `${status} ${step.errorCode}` : status;
}

export function tokenLabel(step: StepJson): string {
  const fp = step.stateToken.fingerprint;
  if (!fp) return '';
  return step.stateToken.rotated ? `${fp} ↻` : fp;
}

/** As the rules compare times (toMs): a time that names no zone is no instant, and moves neither way. */
function compareIso(a: string, b: string): number {
  const ta = toMs(a);
  const tb = toMs(b);
  if (ta === null || tb === null) return a === b ? 0 : Number.NaN;
  return ta - tb;
}

function passwordChange(previous: string | null, current: string | null): PasswordChange | null {
  if (current === null) return null;
  if (previous === null) return 'first';
  const diff = compareIso(current, previous);
  // One is no instant (a date PowerShell printed without its zone, a value cut): whether it moved is unknown.
  if (Number.isNaN(diff)) return null;
  return diff === 0 ? 'same' : diff > 0 ? 'advanced' : 'regressed';
}

export function timeline(transaction: TransactionJson, findings: readonly Finding[], options: RenderOptions): Timeline {
  const starts = transaction.steps.map((s) => s.startedAt);
  const deltas = relativeTimes(starts);
  const own = findingsOn(findings, transaction.id);
  let lastPassword: string | null = null;
  let lastToken: string | null = null;
  const rows = transaction.steps.map((step, i) => {
    const change = passwordChange(lastPassword, step.passwordChanged);
    if (step.passwordChanged !== null) lastPassword = step.passwordChanged;
    const fp = step.stateToken.fingerprint;
    const tokenChanged = fp !== null && (fp !== lastToken || step.stateToken.rotated);
    if (fp !== null) lastToken = fp;
    return {
      step,
      time: formatTime(step.startedAt, options),
      delta: deltas[i],
      status: `${step.statusBefore} → ${step.statusAfter}`,
      http: httpLabel(step),
      token: tokenLabel(step),
      tokenChanged,
      passwordChanged: formatTime(step.passwordChanged, options),
      passwordChange: change,
      expiresAt: formatTime(step.expiresAt, options),
      findings: own.filter((f) => f.step === step.step),
    };
  });
  return { rows, timed: hasWallClock(starts) };
}

/** Short marker after a passwordChanged value in text tables. */
export function passwordMark(change: PasswordChange | null): string {
  switch (change) {
    case 'advanced':
      return ' (advanced)';
    case 'regressed':
      return ' (went back)';
    default:
      return '';
  }
}

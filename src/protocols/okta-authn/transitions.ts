import table from './okta-authn-transitions.json' with { type: 'json' };
import type { OperationId } from './operations.js';
import { CREDENTIAL_KEYS } from './operations.js';
import { isModelled } from './statuses.js';

/**
 * The allowed transitions of the Classic authn state machine as typed data, built from
 * okta-authn-transitions.json (provenance in its `_about`). Each JSON row is mapped to the operation ids
 * of operations.ts; a row the mapping does not know fails at load, so the table and the code cannot drift.
 */

export type TransitionBasis = 'DOC' | 'SDK' | 'FORUM' | 'INFER';

/** `ANY` = a request that starts its own transaction (`*` in the table): it does not depend on the current state. */
export const ANY = '*';
/** Any state in which a transaction is live. */
export const ANY_LIVE = '<live>';
/** The response keeps the request's status (get state). */
export const SAME = '<same>';

export interface TypicalError {
  http: number;
  codes: string[];
  note: string | null;
}

export interface Transition {
  id: string;
  from: string[];
  operations: OperationId[];
  /** Narrows a row by request body keys (M1 vs M2, A1 vs A2); rows without it match any body. */
  when?: { has?: readonly string[]; lacks?: readonly string[] };
  to: string[];
  errors: TypicalError[];
  basis: TransitionBasis[];
  notes: string | null;
  /** The path pattern as the reference writes it, for messages and docs. */
  path: string;
}

type RowMapping = Pick<Transition, 'operations' | 'when'>;

const ROWS: Record<string, RowMapping> = {
  A1: { operations: ['primary'], when: { lacks: ['token'] } },
  A2: { operations: ['primary'], when: { has: ['token'] } },
  A3: { operations: ['state', 'introspect'] },
  A4: { operations: ['step-up'] },
  P1: { operations: ['credentials.change_password'] },
  P2: { operations: ['skip'] },
  E1: { operations: ['factors.enroll'] },
  E2: { operations: ['skip'] },
  E3: { operations: ['factors.activate'] },
  E4: { operations: ['factors.activate.poll'] },
  E5: { operations: ['factors.resend'] },
  E6: { operations: ['previous'] },
  M1: { operations: ['factors.verify'], when: { lacks: CREDENTIAL_KEYS } },
  M2: { operations: ['factors.verify'], when: { has: CREDENTIAL_KEYS } },
  M3: { operations: ['factors.verify'] },
  M4: { operations: ['factors.verify.resend'] },
  M5: { operations: ['previous'] },
  R1: { operations: ['recovery.password', 'recovery.unlock'] },
  R2: { operations: ['recovery.password', 'recovery.unlock'] },
  R3: { operations: ['recovery.factors.verify'] },
  R4: { operations: ['recovery.factors.resend'] },
  R5: { operations: ['recovery.token'] },
  R6: { operations: ['recovery.answer'] },
  R7: { operations: ['credentials.reset_password'] },
  C1: { operations: ['cancel'] },
};

function parseFrom(value: string): string {
  if (value === '*') return ANY;
  if (value.startsWith('<any non-terminal')) return ANY_LIVE;
  return value.replace(/\(.*$/, '');
}

function parseError(text: string): TypicalError {
  const m = /^(\d{3})\s+([E0-9/]+)\s*(?:\((.*)\))?/.exec(text.trim());
  if (!m) return { http: 0, codes: [], note: text };
  return { http: Number(m[1]), codes: m[2].split('/').filter(Boolean), note: m[3] ?? null };
}

function build(): Transition[] {
  return table.transitions.map((row) => {
    const mapping = ROWS[row.id];
    if (!mapping) throw new Error(`okta-authn-transitions.json row ${row.id} has no operation mapping in transitions.ts`);
    return {
      id: row.id,
      from: row.from.map(parseFrom),
      ...mapping,
      to: row.to.map((s) => (s === '<same status>' ? SAME : s)),
      errors: row.errors.map(parseError),
      basis: row.basis.split('+') as TransitionBasis[],
      notes: 'notes' in row && typeof row.notes === 'string' ? row.notes : null,
      path: row.path,
    };
  });
}

export const TRANSITIONS: readonly Transition[] = build();

function fromMatches(from: readonly string[], status: string): boolean {
  if (from.includes(ANY)) return true;
  if (from.includes(ANY_LIVE)) return status !== 'START' && status !== 'CANCELLED' && status !== 'SUCCESS';
  return from.includes(status);
}

function bodyMatches(when: Transition['when'], keys: readonly string[]): boolean {
  if (!when) return true;
  if (when.has && !when.has.some((k) => keys.includes(k))) return false;
  if (when.lacks && when.lacks.some((k) => keys.includes(k))) return false;
  return true;
}

/** The rows of one status and operation, and what each choice of them (by body keys) allows, found once. */
interface Pair {
  rows: readonly Transition[];
  /** Whether any row is narrowed by body keys. */
  narrowed: boolean;
  /** Rows kept (bit i: rows[i]) -> the statuses they lead to. */
  outcomes: Map<number, readonly string[]>;
}

const pairs = new Map<string, Map<string, Pair>>();
// A pair's rows are held as bits of a 32-bit number.
if (TRANSITIONS.length > 31) throw new Error('okta-authn-transitions.json has more rows than transitions.ts can hold as bits');

/** The pair's rows, looked up by status then operation: rules ask for the same few pairs on every step. */
function pairOf(status: string, operation: string): Pair {
  let byOperation = pairs.get(status);
  if (!byOperation) {
    if (pairs.size >= 256) pairs.clear();
    pairs.set(status, (byOperation = new Map()));
  }
  let pair = byOperation.get(operation);
  if (!pair) {
    if (byOperation.size >= 256) byOperation.clear();
    const rows = TRANSITIONS.filter((t) => (t.operations as string[]).includes(operation) && fromMatches(t.from, status));
    byOperation.set(operation, (pair = { rows, narrowed: rows.some((t) => t.when), outcomes: new Map() }));
  }
  return pair;
}

/** Which of the pair's rows hold for these body keys, as bits (see transitionsFor); -1: all of them. */
function keptRows(pair: Pair, bodyKeys: Iterable<string> | undefined): number {
  if (!bodyKeys || !pair.narrowed) return -1;
  const keys = Array.isArray(bodyKeys) ? (bodyKeys as readonly string[]) : [...bodyKeys];
  let kept = 0;
  pair.rows.forEach((t, i) => {
    if (bodyMatches(t.when, keys)) kept |= 1 << i;
  });
  return kept === 0 ? -1 : kept;
}

const rowsKept = (pair: Pair, kept: number) => (kept === -1 ? [...pair.rows] : pair.rows.filter((_, i) => kept & (1 << i)));

/**
 * The rows that allow `operation` from `status`. With body keys, rows narrowed by `when` are filtered; if that
 * leaves none, all rows for the pair are kept (the body variant is a refinement, not a verdict).
 */
export function transitionsFor(status: string, operation: string, bodyKeys?: Iterable<string>): Transition[] {
  const pair = pairOf(status, operation);
  return rowsKept(pair, keptRows(pair, bodyKeys));
}

/** Operations some row of the table performs. */
const TABLE_OPERATIONS: ReadonlySet<string> = new Set(TRANSITIONS.flatMap((t) => t.operations));

/** Whether the table can judge this pair at all: a modelled status and a known operation. */
export function isJudgeable(status: string, operation: string): boolean {
  return isModelled(status) && status !== 'START' && operation !== 'unknown' && TABLE_OPERATIONS.has(operation);
}

/**
 * The statuses a successful call may lead to, `SAME` resolved to `status`. Empty when the pair is not allowed.
 * Shared between calls: copy it before changing it.
 */
export function allowedOutcomes(status: string, operation: string, bodyKeys?: Iterable<string>): readonly string[] {
  const pair = pairOf(status, operation);
  const kept = keptRows(pair, bodyKeys);
  let outcomes = pair.outcomes.get(kept);
  if (!outcomes) {
    const out = new Set<string>();
    for (const t of rowsKept(pair, kept)) for (const to of t.to) out.add(to === SAME ? status : to);
    pair.outcomes.set(kept, (outcomes = [...out]));
  }
  return outcomes;
}

/**
 * The operations the current state allows, for messages ("allowed there: ..."). Calls that start a transaction
 * of their own (primary, recovery) are allowed anywhere and left out.
 */
export function operationsFrom(status: string): OperationId[] {
  const out = new Set<OperationId>();
  for (const t of TRANSITIONS) if (!t.from.includes(ANY) && fromMatches(t.from, status)) for (const op of t.operations) out.add(op);
  return [...out];
}

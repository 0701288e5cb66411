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

function bodyMatches(when: Transition['when'], keys: ReadonlySet<string>): boolean {
  if (!when) return true;
  if (when.has && !when.has.some((k) => keys.has(k))) return false;
  if (when.lacks && when.lacks.some((k) => keys.has(k))) return false;
  return true;
}

/**
 * The rows that allow `operation` from `status`. With body keys, rows narrowed by `when` are filtered; if that
 * leaves none, all rows for the pair are kept (the body variant is a refinement, not a verdict).
 */
export function transitionsFor(status: string, operation: string, bodyKeys?: Iterable<string>): Transition[] {
  const rows = TRANSITIONS.filter((t) => (t.operations as string[]).includes(operation) && fromMatches(t.from, status));
  if (!bodyKeys) return rows;
  const keys = new Set(bodyKeys);
  const narrowed = rows.filter((t) => bodyMatches(t.when, keys));
  return narrowed.length > 0 ? narrowed : rows;
}

/** Whether the table can judge this pair at all: a modelled status and a known operation. */
export function isJudgeable(status: string, operation: string): boolean {
  return isModelled(status) && status !== 'START' && operation !== 'unknown' && TRANSITIONS.some((t) => (t.operations as string[]).includes(operation));
}

/** The statuses a successful call may lead to, `SAME` resolved to `status`. Empty when the pair is not allowed. */
export function allowedOutcomes(status: string, operation: string, bodyKeys?: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const t of transitionsFor(status, operation, bodyKeys)) for (const to of t.to) out.add(to === SAME ? status : to);
  return [...out];
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

import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import type { Report, Rule, RuleVisitor } from '../../src/model/rule.js';
import { ingestSource } from '../../src/ingest/pipeline.js';
import { newReport } from '../../src/ingest/source.js';
import type { HeaderMap, RawExchange } from '../../src/model/exchange.js';
import type { Finding } from '../../src/model/finding.js';
import type { Severity } from '../../src/model/severity.js';
import { openStore } from '../../src/store/store.js';

/**
 * A rule tester in the spirit of ESLint's RuleTester: each rule's test is a table of `valid` and `invalid`
 * cases, each a short exchange sequence run through the real pipeline (ingest with redaction into an
 * in-memory SQLite store, linking, timelines, analyze()) with only the rule under test enabled.
 */

export interface StepOptions {
  /** ISO start time of the request. */
  at?: string;
  /** Duration in ms. */
  ms?: number;
  headers?: HeaderMap;
  responseHeaders?: HeaderMap;
  /** Unit of evidence (one pasted transcript); default `g1`. */
  group?: string;
}

/**
 * One exchange, compactly: `step('POST /api/v1/authn/recovery/answer', {stateToken: 't1', answer: 'x'}, 200, {...})`.
 * The method defaults to POST; a path gets the origin `https://dev-1.okta.com`.
 */
export function step(line: string, request: unknown, status: number | null, response: unknown, options: StepOptions = {}): RawExchange {
  const m = /^(?:([A-Z]+)\s+)?(\S+)$/.exec(line.trim());
  if (!m) throw new Error(`rule-tester: cannot read step line "${line}"`);
  const url = m[2].startsWith('http') ? m[2] : `https://dev-1.okta.com${m[2]}`;
  return {
    method: m[1] ?? 'POST',
    url,
    requestHeaders: options.headers ?? {},
    requestBody: request,
    responseStatus: status,
    responseHeaders: options.responseHeaders ?? {},
    responseBody: response,
    transportError: null,
    startedAt: options.at ?? null,
    durationMs: options.ms ?? null,
    sourceRef: 'rule-tester',
    group: options.group ?? 'g1',
  };
}

export interface ExpectedFinding {
  step: number | null;
  messageId: string;
  /** Defaults to the rule's default severity. */
  severity?: Severity;
  /** 1-based index of the transaction in the analysis, when the case has more than one. */
  tx?: number;
}

export interface ValidCase {
  name: string;
  steps: RawExchange[];
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** What the tester compares: one line per finding, in the order analyze() sorts them. */
export interface SeenFinding {
  rule: string;
  tx: number;
  step: number | null;
  severity: Severity;
  messageId: string;
}

/** Refuses a table that cannot prove anything: too few cases, duplicates, message ids the rule lacks. */
export function validateCases(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  if (cases.valid.length < 1 || cases.invalid.length < 2) {
    throw new Error(`rule-tester: ${id} needs at least 1 valid and 2 invalid cases (has ${cases.valid.length} and ${cases.invalid.length})`);
  }
  const names = new Set<string>();
  const bodies = new Map<string, string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (names.has(c.name)) throw new Error(`rule-tester: ${id} has two cases named "${c.name}"`);
    names.add(c.name);
    const key = JSON.stringify(c.steps.map(({ sourceRef: _ref, ...rest }) => rest));
    const twin = bodies.get(key);
    if (twin) throw new Error(`rule-tester: ${id} cases "${twin}" and "${c.name}" have the same exchanges`);
    bodies.set(key, c.name);
    if (c.steps.length === 0) throw new Error(`rule-tester: ${id} case "${c.name}" has no exchange`);
  }
  for (const c of cases.invalid) {
    if (c.findings.length === 0) throw new Error(`rule-tester: ${id} invalid case "${c.name}" expects no finding; make it a valid case`);
    for (const f of c.findings) {
      if (!(f.messageId in rule.meta.messages)) {
        throw new Error(`rule-tester: ${id} case "${c.name}" expects message id "${f.messageId}", which the rule does not have (${Object.keys(rule.meta.messages).join(', ')})`);
      }
    }
  }
}

function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value as object)) deepFreeze(v, seen);
    Object.freeze(value);
  }
  return value;
}

/** The rule under test, wrapped so that any change it makes to what it is handed fails the case. */
function guarded(rule: Rule, reports: Report[]): Rule {
  const check = <T>(value: T, call: () => void) => {
    const before = structuredClone(value);
    deepFreeze(value);
    try {
      call();
    } catch (error) {
      if (error instanceof TypeError && /read.only|frozen|not extensible|Cannot (assign|add|delete|define)/i.test(error.message)) {
        throw new Error(`rule mutated its input: ${error.message}`);
      }
      throw error;
    }
    if (!isDeepStrictEqual(before, structuredClone(value))) throw new Error('rule mutated its input');
  };
  return {
    meta: rule.meta,
    create(context) {
      const visitor = rule.create({ report: (r) => (reports.push(r), context.report(r)) });
      const out: RuleVisitor = {};
      if (visitor.transaction) out.transaction = (tx) => check(tx, () => visitor.transaction!(tx));
      if (visitor.step) out.step = (step, tx) => check(tx, () => visitor.step!(step, tx));
      if (visitor.unit) out.unit = (unit) => check(unit, () => visitor.unit!(unit));
      if (visitor.unanalyzed) out.unanalyzed = (exchanges) => check(exchanges, () => visitor.unanalyzed!(exchanges));
      if (visitor.capture) out.capture = (capture) => check(capture, () => visitor.capture!(capture));
      if (visitor.end) out.end = () => visitor.end!();
      return out;
    },
  };
}

/** The placeholders of a message template: `{operation} answered {status}` → operation, status. */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** Runs one case through the real pipeline and returns the rule's findings; throws when the rule throws or mutates. */
export async function runCase(rule: Rule, steps: RawExchange[]): Promise<{ findings: Finding[]; seen: SeenFinding[] }> {
  const store = openStore(':memory:');
  try {
    const hash = createHash('sha256').update(JSON.stringify(steps)).digest('hex');
    await ingestSource(store, { kind: 'http', file: `rule-tester:${rule.meta.id}`, contentHash: hash, exchanges: steps, report: newReport('steps') });
    const reports: Report[] = [];
    const result = analyze(store.exchanges(), store.captures(), { rules: [guarded(rule, reports)] });
    if (result.ruleErrors.length > 0) throw new Error(`rule ${rule.meta.id} failed: ${result.ruleErrors.map((e) => e.message).join('; ')}`);
    const order = new Map(result.transactions.map((t, i) => [t.id, i + 1]));
    const seen = result.findings.map((f) => ({ rule: f.rule, tx: order.get(f.transaction ?? '') ?? 0, step: f.step, severity: f.severity, messageId: f.messageId }));
    // A message's data fills every placeholder of its template, and holds nothing that no message of the rule shows.
    const known = new Set(Object.values(rule.meta.messages).flatMap(placeholders));
    for (const r of reports) {
      const wanted = placeholders(rule.meta.messages[r.messageId] ?? '');
      const given = Object.keys(r.data ?? {});
      const missing = wanted.filter((k) => !given.includes(k));
      const stray = given.filter((k) => !known.has(k));
      if (missing.length || stray.length) throw new Error(`rule ${rule.meta.id} message ${r.messageId}: data lacks {${missing.join(', ')}} and holds unused {${stray.join(', ')}}`);
      for (const [key, value] of Object.entries(r.data ?? {})) {
        if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`rule ${rule.meta.id} message ${r.messageId}: data.${key} is ${typeof value}`);
      }
    }
    return { findings: result.findings, seen };
  } finally {
    store.close();
  }
}

function expected(rule: Rule, findings: ExpectedFinding[]): SeenFinding[] {
  return findings.map((f) => ({ rule: rule.meta.id, tx: f.tx ?? 1, step: f.step, severity: f.severity ?? rule.meta.severity, messageId: f.messageId }));
}

/** Registers the rule's table as vitest tests. */
export function ruleTester(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    it('has a well-formed table', () => {
      expect(() => validateCases(rule, cases)).not.toThrow();
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const { seen } = await runCase(rule, c.steps);
        expect(seen).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const { seen, findings } = await runCase(rule, c.steps);
        expect(seen).toEqual(expected(rule, c.findings));
        for (const f of findings) {
          expect(f.message).not.toMatch(/\{\w+\}/);
          expect(f.docs).toBe(`docs/rules/${rule.meta.id}.md`);
        }
      });
    }
  });
}

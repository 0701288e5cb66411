import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../src/model/rule.js';
import { stateTokenRotated } from '../../../src/protocols/okta-authn/rules/state-token-rotated.js';
import { runCase, step, validateCases } from '../../helpers/rule-tester.js';

const E = '2024-03-01T10:05:00.000Z';
const a = step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, { stateToken: '00aaaaaaaa1', expiresAt: E, status: 'MFA_REQUIRED' });
const b = step('/api/v1/authn', { stateToken: '00aaaaaaaa1' }, 200, { stateToken: '00bbbbbbbb2', expiresAt: E, status: 'MFA_REQUIRED' });
const c = step('/api/v1/authn/factors/emf1/verify', { stateToken: '00aaaaaaaa1' }, 200, { stateToken: '00cccccccc3', expiresAt: E, status: 'MFA_CHALLENGE' });

/** A rule that writes to the step it is given: the tester must refuse it. */
const mutating: Rule = {
  meta: { ...stateTokenRotated.meta, id: 'mutating-test-rule' },
  create() {
    return { transaction: (tx) => void ((tx.steps[0] as { operation: string }).operation = 'changed') };
  },
};

describe('rule tester', () => {
  it('accepts a well-formed table', () => {
    expect(() =>
      validateCases(stateTokenRotated, { valid: [{ name: 'v', steps: [a] }], invalid: [{ name: 'i1', steps: [b], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }, { name: 'i2', steps: [c], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] }),
    ).not.toThrow();
  });

  it('rejects two cases with the same exchanges', () => {
    expect(() =>
      validateCases(stateTokenRotated, { valid: [{ name: 'v', steps: [a] }], invalid: [{ name: 'i1', steps: [b], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }, { name: 'i2', steps: [{ ...b }], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] }),
    ).toThrow(/same exchanges/);
  });

  it('rejects two cases with the same name', () => {
    expect(() =>
      validateCases(stateTokenRotated, { valid: [{ name: 'x', steps: [a] }], invalid: [{ name: 'x', steps: [b], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }, { name: 'i2', steps: [c], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] }),
    ).toThrow(/two cases named "x"/);
  });

  it('rejects a message id the rule does not have', () => {
    expect(() =>
      validateCases(stateTokenRotated, { valid: [{ name: 'v', steps: [a] }], invalid: [{ name: 'i1', steps: [b], findings: [{ step: 1, messageId: 'noSuchMessage' }] }, { name: 'i2', steps: [c], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] }),
    ).toThrow(/noSuchMessage/);
  });

  it('rejects a table with fewer than two invalid cases or no valid case', () => {
    expect(() => validateCases(stateTokenRotated, { valid: [{ name: 'v', steps: [a] }], invalid: [{ name: 'i1', steps: [b], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] })).toThrow(/at least/);
    expect(() => validateCases(stateTokenRotated, { valid: [], invalid: [{ name: 'i1', steps: [b], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }, { name: 'i2', steps: [c], findings: [{ step: 1, messageId: 'rotatedElsewhere' }] }] })).toThrow(/at least/);
  });

  it('fails a rule that mutates its input', async () => {
    await expect(runCase(mutating, [a])).rejects.toThrow(/mutated its input/);
  });

  it('runs the real pipeline: findings carry filled messages and the docs link', async () => {
    const { findings, seen } = await runCase(stateTokenRotated, [b]);
    expect(seen).toEqual([{ rule: 'state-token-rotated', tx: 1, step: 1, severity: 'info', messageId: 'rotatedElsewhere' }]);
    expect(findings[0].message).toMatch(/#[0-9a-f]{8} -> #[0-9a-f]{8}/);
    expect(findings[0].docs).toBe('docs/rules/state-token-rotated.md');
    expect(JSON.stringify(findings)).not.toContain('00aaaaaaaa1');
  });
});

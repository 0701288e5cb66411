import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyze/index.js';
import { RULES } from '../../../src/analyze/rules.js';
import { ingestSource } from '../../../src/ingest/pipeline.js';
import { newReport } from '../../../src/ingest/source.js';
import type { RawExchange } from '../../../src/model/exchange.js';
import { openStore } from '../../../src/store/store.js';
import { step } from '../../helpers/rule-tester.js';

/** Evidence no rule was written for: wrong types, damaged values, odd paths. No rule may throw on it. */
const STRANGE: RawExchange[] = [
  step('/api/v1/authn', 'username=isaac&password=x', 200, 'not json at all'),
  step('/api/v1/authn', [1, 2, 3], 200, [{ status: 'SUCCESS' }]),
  step('/api/v1/authn', { stateToken: 42 }, 200, { status: 7, stateToken: { nested: true }, expiresAt: 'yesterday', _embedded: 'user' }),
  step('/api/v1/authn', { stateToken: '00abcdef12' }, 200, { status: 'MFA_REQUIRED', stateToken: '00abcdef12', expiresAt: 'not-a-date', _embedded: { user: { id: 7, passwordChanged: 'soon', profile: null }, factors: 'none' }, _links: [] }),
  step('/api/v1/authn/factors/%E0%A4%A/verify', { stateToken: '00abcdef12', passCode: 123456 }, 200, { status: 'MFA_CHALLENGE', stateToken: '00abcdef12', factorResult: 12, _embedded: { factor: [] }, _links: { next: 'x', cancel: [{ href: 5 }, null] } }),
  step('/api/v1/authn/factors/emf1/verify', { stateToken: '00abcdef12' }, null, null),
  step('GET /api/v1/authn/skip?stateToken=00abcdef12', null, 0, ''),
  step('/api/v1/authn/credentials/reset_password', { stateToken: '00abcdef12', newPassword: '' }, 200, { status: 'MFA_REQUIRED', _embedded: { policy: { complexity: { minLength: 'ten', excludeAttributes: 'firstName' } }, user: { passwordChanged: '2024-01-01T00:00:00Z' } } }),
  step('/api/v1/authn/recovery/token', { recoveryToken: null }, 200, { status: 'RECOVERY', recoveryToken: '', recoveryType: ['PASSWORD'] }),
  step('/API/V1/AUTHN/CANCEL', { stateToken: '00abcdef12' }, 200, null, { at: 'garbage', ms: -5 }),
  step('/api/v1/authn/factors/emf1/verify', { stateToken: '00abcdef12' }, 429, { errorCode: null, errorCauses: 'x' }, { at: '2024-03-01T10:00:00Z', ms: 1e12 }),
];

describe('rules on strange evidence', () => {
  it('no rule throws, whatever the bodies hold', async () => {
    const store = openStore(':memory:');
    const hash = createHash('sha256').update(JSON.stringify(STRANGE)).digest('hex');
    await ingestSource(store, { kind: 'har', file: 'strange', contentHash: hash, exchanges: STRANGE, report: newReport('entries') });
    const result = analyze(store.exchanges(), store.captures(), { rules: RULES });
    store.close();
    expect(result.transactions.reduce((n, t) => n + t.steps.length, 0)).toBe(STRANGE.length);
    expect(result.ruleErrors).toEqual([]);
    for (const f of result.findings) expect(f.message).not.toMatch(/\{\w+\}/);
  });
});

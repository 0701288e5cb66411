import { describe, expect, it } from 'vitest';
import table from '../../../src/protocols/okta-authn/okta-authn-transitions.json' with { type: 'json' };
import {
  ANY,
  OPERATIONS,
  TRANSITIONS,
  allowedOutcomes,
  classifyFactorResult,
  classifyStatus,
  factorIdOf,
  isJudgeable,
  pathOf,
  recognizeOperation,
  recoveryFactorOf,
  transitionsFor,
} from '../../../src/protocols/okta-authn/vocabulary.js';

describe('operations', () => {
  const cases: [string, string, string[], string][] = [
    ['POST', '/api/v1/authn', ['username', 'password'], 'primary'],
    ['POST', '/api/v1/authn', ['token'], 'primary'],
    ['POST', '/api/v1/authn', ['stateToken'], 'state'],
    ['POST', '/api/v1/authn', ['stateToken', 'username', 'password'], 'step-up'],
    ['POST', 'https://dev-1.okta.com/api/v1/authn/introspect', ['stateToken'], 'introspect'],
    ['POST', 'api/v1/authn/recovery/password', ['username'], 'recovery.password'],
    ['POST', '/api/v1/authn/recovery/unlock', ['username', 'factorType'], 'recovery.unlock'],
    ['POST', '/api/v1/authn/recovery/token', ['recoveryToken'], 'recovery.token'],
    ['POST', '/api/v1/authn/recovery/answer', ['stateToken', 'answer'], 'recovery.answer'],
    ['POST', '/api/v1/authn/recovery/factors/SMS/verify', ['stateToken', 'passCode'], 'recovery.factors.verify'],
    ['POST', '/api/v1/authn/recovery/factors/sms/resend', ['stateToken'], 'recovery.factors.resend'],
    ['POST', '/API/V1/AUTHN/credentials/reset_password', ['stateToken', 'newPassword'], 'credentials.reset_password'],
    ['POST', '/api/v1/authn/credentials/change_password', [], 'credentials.change_password'],
    ['POST', '/api/v1/authn/factors', ['stateToken', 'factorType'], 'factors.enroll'],
    ['POST', '/api/v1/authn/factors/ostf1/lifecycle/activate', ['stateToken', 'passCode'], 'factors.activate'],
    ['POST', '/api/v1/authn/factors/opf1/lifecycle/activate/poll', ['stateToken'], 'factors.activate.poll'],
    ['POST', '/api/v1/authn/factors/mbl1/lifecycle/activate/sms', ['stateToken'], 'factors.resend'],
    ['POST', '/api/v1/authn/factors/mbl1/lifecycle/resend', ['stateToken'], 'factors.resend'],
    ['POST', 'https://x.okta.com/api/v1/authn/factors/emf1/verify?rememberDevice=true&autoPush=false', ['stateToken'], 'factors.verify'],
    ['POST', '/api/v1/authn/factors/emf1/verify/resend', ['stateToken'], 'factors.verify.resend'],
    ['POST', '/api/v1/authn/previous', ['stateToken'], 'previous'],
    ['POST', '/api/v1/authn/skip/', ['stateToken'], 'skip'],
    ['POST', '/api/v1/authn/cancel#x', ['stateToken'], 'cancel'],
    ['OPTIONS', '/api/v1/authn', [], 'unknown'],
    ['POST', '/api/v1/users/me', [], 'unknown'],
    ['POST', '/api/v1/authnx', [], 'unknown'],
    ['POST', '/api/v1/authn/factors/emf1/explode', [], 'unknown'],
  ];
  for (const [method, path, keys, op] of cases) {
    it(`${method} ${path} {${keys.join(',')}} is ${op}`, () => expect(recognizeOperation(method, path, keys)).toBe(op));
  }

  it('recognises each operation from its own wire description', () => {
    for (const [id, op] of Object.entries(OPERATIONS)) {
      if (id === 'unknown') continue;
      const path = op.path.replace('{id}', 'emf1').replace('{sms|call}', 'sms');
      const keys = op.body.split('|')[0].replace(/\[.*?\]/g, '').split(',').map((k) => k.replace(/ only$/, '').trim()).filter(Boolean);
      expect(recognizeOperation('POST', path, keys), id).toBe(id);
    }
  });

  it('reads factor ids in their case and recovery factors lower-cased', () => {
    expect(factorIdOf('https://x/api/v1/authn/factors/emf5TBsuofo/verify?x=1')).toBe('emf5TBsuofo');
    expect(recoveryFactorOf('/api/v1/authn/recovery/factors/SMS/verify')).toBe('sms');
    expect(pathOf('https://dev.okta.com//api/v1/authn/skip/?a=b')).toBe('/api/v1/authn/skip');
  });
});

describe('statuses', () => {
  it('classifies documented, SDK, pseudo and unknown statuses', () => {
    expect(classifyStatus('MFA_REQUIRED')).toBe('documented');
    expect(classifyStatus('FACTOR_REQUIRED')).toBe('sdk');
    expect(classifyStatus('CANCELLED')).toBe('pseudo');
    expect(classifyStatus('SOMETHING_NEW')).toBe('unknown');
    expect(classifyStatus(null)).toBe('unknown');
    expect(classifyFactorResult('REJECTED')).toBe('known');
    expect(classifyFactorResult('MAYBE')).toBe('unknown');
    expect(classifyFactorResult(null)).toBe('absent');
  });
});

describe('transitions', () => {
  it('maps every row of the JSON table', () => {
    expect(TRANSITIONS.map((t) => t.id)).toEqual(table.transitions.map((r) => r.id));
    for (const t of TRANSITIONS) expect(t.operations.length).toBeGreaterThan(0);
    expect(TRANSITIONS.find((t) => t.id === 'A1')!.from).toEqual([ANY]);
  });

  it('allows the documented edges, including PASSWORD_RESET -> MFA_REQUIRED', () => {
    expect(allowedOutcomes('PASSWORD_RESET', 'credentials.reset_password')).toEqual(['SUCCESS', 'MFA_REQUIRED', 'MFA_ENROLL']);
    expect(allowedOutcomes('MFA_CHALLENGE', 'previous')).toEqual(['MFA_REQUIRED']);
    expect(allowedOutcomes('MFA_CHALLENGE', 'state')).toEqual(['MFA_CHALLENGE']);
    expect(allowedOutcomes('RECOVERY', 'cancel')).toEqual(['CANCELLED']);
  });

  it('narrows by body keys (verify with and without a code)', () => {
    expect(allowedOutcomes('MFA_REQUIRED', 'factors.verify', ['stateToken'])).toEqual(['MFA_CHALLENGE']);
    expect(allowedOutcomes('MFA_REQUIRED', 'factors.verify', ['stateToken', 'passCode'])).toEqual(['SUCCESS', 'PASSWORD_WARN', 'PASSWORD_EXPIRED']);
    expect(transitionsFor('START', 'primary', ['token']).map((t) => t.id)).toEqual(['A2']);
  });

  it('refuses what the table does not allow and does not judge what it does not know', () => {
    expect(allowedOutcomes('MFA_REQUIRED', 'credentials.reset_password')).toEqual([]);
    expect(allowedOutcomes('SUCCESS', 'cancel')).toEqual([]);
    expect(isJudgeable('FACTOR_REQUIRED', 'factors.verify')).toBe(false);
    expect(isJudgeable('UNKNOWN', 'factors.verify')).toBe(false);
    expect(isJudgeable('MFA_REQUIRED', 'unknown')).toBe(false);
    expect(isJudgeable('MFA_REQUIRED', 'factors.verify')).toBe(true);
  });

  it('parses typical errors', () => {
    const r4 = TRANSITIONS.find((t) => t.id === 'R4')!;
    expect(r4.errors).toEqual([{ http: 403, codes: ['E0000079'], note: null }, { http: 429, codes: ['E0000109', 'E0000133'], note: null }]);
    expect(TRANSITIONS.find((t) => t.id === 'R7')!.basis).toEqual(['DOC', 'FORUM']);
  });
});

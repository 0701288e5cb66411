import { describe, expect, it } from 'vitest';
import { isJsonType, parseBodyText } from '../../src/http/body.js';
import type { Exchange } from '../../src/model/exchange.js';
import { includeMatcher } from '../../src/protocols/include.js';
import { DEFAULT_INCLUDE, protocolOf } from '../../src/protocols/index.js';
import { classify, formsOf, handlesOf } from '../../src/protocols/okta-idx/ion.js';
import { body } from './flows.js';

const exchange = (method: string, path: string, requestBody: unknown): Exchange => ({
  id: 1, captureId: 1, seq: 1, sourceKind: 'har', evidence: { exposures: [], passwords: [], notes: [] },
  method, url: `https://dev-1.okta.com${path}`, requestHeaders: {}, requestBody, responseStatus: 200, responseHeaders: {}, responseBody: null,
  transportError: null, startedAt: null, durationMs: null, sourceRef: 'test', group: 'g1',
});

describe('the okta-idx protocol module', () => {
  it('is in the default --include: IDX, /interact, /token and the hosted redirect', () => {
    const included = includeMatcher();
    for (const path of ['/idp/idx/introspect', '/idp/idx/challenge/answer', '/oauth2/v1/interact', '/oauth2/aus1234/v1/interact', '/oauth2/v1/token', '/oauth2/default/v1/token', '/login/token/redirect']) {
      expect(included(`https://dev-1.okta.com${path}?x=1`), path).toBe(true);
    }
    expect(DEFAULT_INCLUDE).toContain('/idp/idx/**');
    // Not the Identity Engine module's: /authorize is the OAuth module's, and the default --include is the union.
    expect(protocolOf(exchange('GET', '/oauth2/v1/authorize', null))?.id).toBe('oauth');
    expect(included('https://dev-1.okta.com/api/v1/users/me')).toBe(false);
  });

  it('claims /token only for the interaction_code grant', () => {
    expect(protocolOf(exchange('POST', '/oauth2/v1/token', 'grant_type=interaction_code&interaction_code=abc'))?.id).toBe('okta-idx');
    expect(protocolOf(exchange('POST', '/oauth2/v1/token', { grant_type: 'interaction_code' }))?.id).toBe('okta-idx');
    expect(protocolOf(exchange('POST', '/oauth2/v1/token', 'grant_type=authorization_code&code=abc'))?.id ?? null).not.toBe('okta-idx');
    expect(protocolOf(exchange('POST', '/idp/idx/identify', { identifier: 'a' }))?.id).toBe('okta-idx');
    expect(protocolOf(exchange('GET', '/idp/idx/login/token/redirect?stateToken=x', null))?.id).toBe('okta-idx');
    expect(protocolOf(exchange('POST', '/api/v1/authn', { username: 'a' }))?.id).toBe('okta-authn');
  });

  it('reads application/ion+json; okta-version=1.0.0 as JSON', () => {
    expect(isJsonType('application/ion+json; okta-version=1.0.0')).toBe(true);
    expect(parseBodyText('{"version":"1.0.0"}', 'application/ion+json; okta-version=1.0.0')).toEqual({ version: '1.0.0' });
  });

  it('reads forms, nested actions and handles of a fixture', () => {
    const b = body('02', '02handle0000000000000000000000000000000000');
    expect(formsOf(b).map((f) => `${f.kind}:${f.name} ${f.method} ${f.path}`)).toEqual([
      'remediation:challenge-authenticator POST /idp/idx/challenge/answer',
      'action:currentAuthenticatorEnrollment-recover POST /idp/idx/recover',
      'action:cancel POST /idp/idx/cancel',
    ]);
    expect(handlesOf(b)).toEqual(['02handle0000000000000000000000000000000000']);
    expect(formsOf(body('07', 'h')).find((f) => f.name === 'select-authenticator-authenticate')?.options).toEqual(['fwftheidkwh282hv8g3', 'aidtheidkwh282hv8g3', 'aidtm56L8gXXHI1SD0g3']);
  });

  it('classifies responses as okta-idx.md section 1.8 does', () => {
    expect(classify(body('01', 'h'), 200)).toBe('PENDING');
    expect(classify(body('03', 'h'), 200)).toBe('SUCCESS_PENDING_EXCHANGE');
    expect(classify(body('04', 'h'), 400)).toBe('REJECTED_RETRY');
    expect(classify(body('09', 'h'), 200)).toBe('TERMINAL_INFO');
    expect(classify(body('10', 'h'), 401)).toBe('TERMINAL_ERROR');
    expect(classify({ version: '1.0.0', messages: { type: 'array', value: [{ class: 'ERROR', i18n: { key: 'tooManyRequests' } }] } }, 429)).toBe('ERROR');
    expect(classify({ interaction_handle: 'x' }, 200)).toBe('ERROR');
  });
});

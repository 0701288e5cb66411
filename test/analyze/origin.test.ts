import { describe, expect, it } from 'vitest';
import { hostOf, originPrefix } from '../../src/protocols/org.js';

/**
 * The unread tally skips `hostOf` for a URL that starts with the last counted URL's origin prefix: that is
 * only sound if every URL sharing the prefix has the same host, whatever its authority holds.
 */
describe('originPrefix', () => {
  const urls = [
    'https://dev-1.okta.com/api/v1/authn',
    'https://dev-1.okta.com/api/v1/authn/factors/x/verify?rememberDevice=true',
    'HTTPS://Dev-1.OKTA.com/api/v1/authn',
    'https://user:pw@dev-1.okta.com:8443/x',
    'https://dev-1.okta.com?x=/y',
    'https://dev-1.okta.com#frag/y',
    'https:///nohost/x',
    ' https://padded.example/x',
    'http://127.0.0.1:8080/api/v1/authn',
    '/api/v1/authn',
    'not a url',
    'https://dev-1.okta.com',
  ];

  it('gives the authority and its slash, or nothing when the URL has none', () => {
    expect(originPrefix('https://dev-1.okta.com/api/v1/authn')).toBe('https://dev-1.okta.com/');
    expect(originPrefix('https://user@h:1/x')).toBe('https://user@h:1/');
    expect(originPrefix('https://dev-1.okta.com')).toBe('');
    expect(originPrefix('/api/v1/authn')).toBe('');
  });

  it('every URL starting with a prefix has the host of the URL it came from', () => {
    let checked = 0;
    for (const a of urls) {
      const prefix = originPrefix(a);
      if (prefix === '') continue;
      for (const tail of ['', 'api/v1/authn', '?q=1', 'x#y', '@other.example/']) {
        expect(hostOf(prefix + tail), `${a} then ${tail}`).toBe(hostOf(a));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

import { describe, expect, it } from 'vitest';
import { javaMap } from '../../../src/sources/transcript/log.js';

/** Values the log reader takes out of SDK log lines (the whole formats are pastes 62-64 in pastes.test.ts). */
describe('a Java Map printed by toString', () => {
  it('reads flat, nested and list values, null, and values with spaces', () => {
    expect(javaMap('{username=jo@acme.com, password=Hunter2!x}')).toEqual({ username: 'jo@acme.com', password: 'Hunter2!x' });
    expect(javaMap('{stateToken=00ab, context={deviceToken=xyz, ip=1.2.3.4}, factors=[sms, call], relayState=null}')).toEqual({
      stateToken: '00ab',
      context: { deviceToken: 'xyz', ip: '1.2.3.4' },
      factors: ['sms', 'call'],
      relayState: null,
    });
    expect(javaMap('{answer=my first car, passCode=123456}')).toEqual({ answer: 'my first car', passCode: '123456' });
    expect(javaMap('{}')).toEqual({});
  });

  it('leaves text that is not a map as it is', () => {
    expect(javaMap('not a map')).toBe('not a map');
  });
});

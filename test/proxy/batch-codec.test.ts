import { describe, expect, it } from 'vitest';
import { packBatch, unpackBatch, type PendingExchange } from '../../src/sources/proxy/batch-codec.js';

function pending(seq: number, overrides: Partial<PendingExchange> = {}): PendingExchange {
  return {
    seq,
    method: 'POST',
    url: `https://dev-1.okta.com/api/v1/authn/factors/f${seq}/verify`,
    upstreamHost: 'dev-1.okta.com',
    requestHeaders: { 'content-type': 'application/json', 'user-agent': 'okta-auth-js/7.8 ünïcode', 'set-cookie': ['a=1', 'b=2'] },
    requestBody: [Buffer.from('{"stateToken":"00ab'), Buffer.from('cd","passCode":"123456"}')],
    requestBytes: 45,
    startedAt: '2026-11-29T17:55:00.000Z',
    durationMs: 12.5,
    notes: [],
    sourceRef: `proxy:127.0.0.1:8080#${seq}`,
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"status":"SUCCESS","é":"✓"}'), decoded: true, transportError: null },
    ...overrides,
  };
}

describe('recorder batch codec', () => {
  it('carries a batch across as one buffer: metadata, chunked and binary bodies, missing bodies', () => {
    const binary = Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0x0a, 0x22]);
    const items = [
      pending(1),
      pending(2, { requestBody: null, requestBytes: 0, notes: ['client closed the connection before the response'], response: { status: null, headers: {}, body: null, decoded: false, transportError: 'client aborted' } }),
      pending(3, { response: { status: 200, headers: { 'content-encoding': 'gzip' }, body: binary, decoded: false, transportError: null } }),
      pending(4, { requestBody: Buffer.alloc(0) }),
    ];
    const packed = packBatch(items);
    expect(packed).toBeInstanceOf(ArrayBuffer);
    const back = unpackBatch(packed);
    expect(back).toHaveLength(4);
    expect(Buffer.from(back[0]!.requestBody!).toString()).toBe('{"stateToken":"00abcd","passCode":"123456"}');
    expect(Buffer.from(back[0]!.response.body!).toString()).toBe('{"status":"SUCCESS","é":"✓"}');
    expect(back[0]!.requestHeaders).toEqual(items[0]!.requestHeaders);
    expect(back[0]).toMatchObject({ seq: 1, method: 'POST', url: items[0]!.url, upstreamHost: 'dev-1.okta.com', requestBytes: 45, durationMs: 12.5, sourceRef: 'proxy:127.0.0.1:8080#1' });
    expect(back[1]).toMatchObject({ requestBody: null, notes: ['client closed the connection before the response'], response: { status: null, body: null, transportError: 'client aborted' } });
    expect(Buffer.from(back[2]!.response.body!).equals(binary)).toBe(true);
    expect(back[2]!.response).toMatchObject({ decoded: false, headers: { 'content-encoding': 'gzip' } });
    expect(back[3]!.requestBody).toHaveLength(0);
    expect(unpackBatch(packBatch([]))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BatchEncoder, decodeBatch, type PendingExchange } from '../../src/sources/proxy/batch-codec.js';
import { createRing, RingReader, RingWriter } from '../../src/record/ring.js';

function pending(seq: number, overrides: Partial<PendingExchange> = {}): PendingExchange {
  return {
    seq,
    method: 'POST',
    url: `https://dev-1.okta.com/api/v1/authn/factors/f${seq}/verify`,
    upstreamHost: 'dev-1.okta.com',
    requestHeaders: ['Content-Type', 'application/json', 'User-Agent', 'okta-auth-js/7.8 ünïcode ✓', 'Cookie', 'a=1', 'Cookie', 'b=2'],
    requestBody: [Buffer.from('{"stateToken":"00ab'), Buffer.from('cd","passCode":"123456"}')],
    requestBytes: 45,
    startedAt: Date.parse('2026-11-29T17:55:00.000Z'),
    durationMs: 12.5,
    notes: [],
    label: 'proxy:127.0.0.1:8080',
    response: { status: 200, headers: ['Content-Type', 'application/json'], body: Buffer.from('{"status":"SUCCESS","é":"✓"}'), decoded: true, transportError: null },
    ...overrides,
  };
}

/** A whole batch through the encoder, as the proxy thread builds one exchange at a time. */
function encode(encoder: BatchEncoder, items: readonly PendingExchange[]): Buffer {
  for (const e of items) encoder.add(e);
  return encoder.take();
}

describe('recorder batch codec', () => {
  it('carries a batch across as bytes: metadata, raw headers, chunked and binary bodies, missing bodies', () => {
    const binary = Buffer.from([0x1f, 0x8b, 0x00, 0xff, 0x0a, 0x22]);
    const items = [
      pending(1),
      pending(2, { requestBody: null, requestBytes: 0, notes: ['client closed the connection before the response'], response: { status: null, headers: [], body: null, decoded: false, transportError: 'client aborted' } }),
      pending(3, { response: { status: 200, headers: ['Content-Encoding', 'gzip'], body: binary, decoded: false, transportError: null } }),
      pending(4, { requestBody: Buffer.alloc(0), url: 'https://dev-1.okta.com/api/v1/authn?x=ü'.repeat(50) }),
    ];
    const encoder = new BatchEncoder();
    const back = decodeBatch(Buffer.from(encode(encoder, items)));
    expect(back).toHaveLength(4);
    expect(Buffer.from(back[0]!.requestBody!).toString()).toBe('{"stateToken":"00abcd","passCode":"123456"}');
    expect(Buffer.from(back[0]!.response.body!).toString()).toBe('{"status":"SUCCESS","é":"✓"}');
    expect(back[0]!.requestHeaders).toEqual(items[0]!.requestHeaders);
    expect(back[0]).toMatchObject({ seq: 1, method: 'POST', url: items[0]!.url, upstreamHost: 'dev-1.okta.com', requestBytes: 45, durationMs: 12.5, startedAt: '2026-11-29T17:55:00.000Z', sourceRef: 'proxy:127.0.0.1:8080#1' });
    expect(back[1]).toMatchObject({ requestBody: null, notes: ['client closed the connection before the response'], response: { status: null, headers: [], body: null, transportError: 'client aborted' } });
    expect(Buffer.from(back[2]!.response.body!).equals(binary)).toBe(true);
    expect(back[2]!.response).toMatchObject({ decoded: false, headers: ['Content-Encoding', 'gzip'], transportError: null });
    expect(back[3]!.requestBody).toHaveLength(0);
    expect(back[3]!.url).toBe(items[3]!.url);
    expect(decodeBatch(encode(encoder, []))).toEqual([]);
    // NUL separates the strings on the wire: our own texts cannot smuggle one in.
    const [odd] = decodeBatch(encode(encoder, [pending(5, { notes: ['a\u0000b', ''], response: { status: null, headers: [], body: null, decoded: false, transportError: 'x\u0000y' } })]));
    expect(odd).toMatchObject({ notes: ['a b', ''], response: { transportError: 'x y', headers: [] }, requestHeaders: items[0]!.requestHeaders });
    // Exchanges added one by one as they finish come out as one batch, and the next batch starts empty.
    encoder.add(items[0]!);
    encoder.add(items[2]!);
    expect(encoder.count).toBe(2);
    expect(decodeBatch(Buffer.from(encoder.take())).map((e) => e.seq)).toEqual([1, 3]);
    expect(encoder.count).toBe(0);
    expect(encoder.take()).toHaveLength(0);
    // The encoder grows its buffer for a batch larger than it has seen, keeping what it holds.
    const big = Array.from({ length: 300 }, (_, i) => pending(i, { response: { status: 200, headers: [], body: Buffer.alloc(4096, i % 256), decoded: true, transportError: null } }));
    const decoded = decodeBatch(encode(encoder, big));
    expect(decoded.map((e) => e.seq)).toEqual(big.map((e) => e.seq));
    expect(decoded[299]!.response.body![4095]).toBe(299 % 256);
  });

  it('passes regions through a shared ring, wraps, and refuses to overwrite what the reader has not released', () => {
    const ring = createRing(1000);
    const writer = new RingWriter(ring);
    const reader = new RingReader(ring);
    const a = writer.write(Buffer.alloc(600, 1))!;
    expect(a).toEqual({ at: 0, length: 600 });
    expect(writer.write(Buffer.alloc(500, 2))).toBeNull();
    expect(reader.view(a.at, a.length).every((b) => b === 1)).toBe(true);
    reader.release(a.at, a.length);
    // 500 bytes do not fit before the end (400 left): the region starts at the beginning of the next lap.
    const b = writer.write(Buffer.alloc(500, 2))!;
    expect(b).toEqual({ at: 1000, length: 500 });
    expect(reader.view(b.at, b.length).every((x) => x === 2)).toBe(true);
    // Room is counted from the last release, skipped tail included: nothing unread is ever overwritten.
    expect(writer.write(Buffer.alloc(400, 3))).toBeNull();
    reader.release(b.at, b.length);
    const c = writer.write(Buffer.alloc(400, 3))!;
    expect(c).toEqual({ at: 1500, length: 400 });
    expect(reader.view(c.at, c.length).every((x) => x === 3)).toBe(true);
    expect(writer.write(Buffer.alloc(700, 4))).toBeNull();
    reader.release(c.at, c.length);
    expect(writer.write(Buffer.alloc(700, 4))).toEqual({ at: 2000, length: 700 });
    expect(writer.write(Buffer.alloc(2000))).toBeNull();
  });
});

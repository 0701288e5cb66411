import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRecordSummary } from '../../src/render/record-summary.js';
import { recordInto, request, tempDb } from './helpers.js';

/** An upstream that reads large heads and answers every call with a small authn-shaped body. */
async function upstream(): Promise<{ url: string; seen: number[]; close(): Promise<void> }> {
  const seen: number[] = [];
  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    seen.push((req.url ?? '').length);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"SUCCESS","sessionToken":"20111abcdefghijklmnopq"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('request heads larger than Node reads by default', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a 20 KB URL is forwarded and recorded; one over 64 KB gets 431 and a line saying why, counted at stop', async () => {
    const up = await upstream();
    cleanups.push(() => up.close());
    const db = tempDb();
    cleanups.push(() => db.cleanup());
    const { recorder } = await recordInto(db.path, { target: up.url });
    const long = await request(`${recorder.url}/api/v1/authn?x=${'a'.repeat(20 * 1024)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"u@example.com"}' });
    expect(long.status).toBe(200);
    expect(up.seen).toHaveLength(1);
    const huge = await request(`${recorder.url}/api/v1/authn?x=${'a'.repeat(70 * 1024)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(huge.status).toBe(431);
    expect(huge.body.toString()).toMatch(/authtrail recorder: the request's head \(URL and headers\) is over 64 KB; it was not forwarded or recorded/);
    expect(up.seen).toHaveLength(1);
    const summary = await recorder.stop();
    expect(summary.exchanges).toBe(1);
    expect(summary.refused).toBe(1);
    expect(formatRecordSummary(summary)).toMatch(/refused before reading \(head over 64 KB or not HTTP\), not forwarded: 1/);
  });
});

import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { recordInto, request, tempDb } from './helpers.js';

describe('recorder body limits', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('forwards a response over the record limit whole, and stores the exchange without its body, with a note', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    const upstream = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(big));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
    const db = tempDb();
    cleanups.push(() => db.cleanup());
    const { recorder } = await recordInto(db.path, { target: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
    const res = await request(`${recorder.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"a@b.c"}' });
    await recorder.stop();
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(big.length);
    const [stored] = db.store.exchanges();
    expect(stored!.responseStatus).toBe(200);
    expect(stored!.responseBody).toBeNull();
    expect(stored!.notes).toContain(`response body of ${big.length} bytes not kept`);
  });
});

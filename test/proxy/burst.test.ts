import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { defaultUsers } from '../../samples/mock-okta/users.js';
import { BurstHold } from '../../src/record/burst.js';
import { mockAndDbEach, recordInto } from './helpers.js';

/**
 * During a burst of traffic the recording worker holds batches and records them once it is over
 * (src/record/burst.ts); at a person's pace it records as exchanges come. Either way nothing is lost and
 * the exchanges are stored in the order they were made.
 */

describe('burst hold policy', () => {
  const options = { rate: 100, maxBytes: 1000, quietMs: 50, spanMs: 100 };

  it('holds only while more than `rate` exchanges arrived in the last second, up to maxBytes, and gives back in order', () => {
    // Batches that may span a second: none of these is a burst alone.
    const hold = new BurstHold<string>({ ...options, spanMs: 1000 });
    // 60 + 30 exchanges within a second: not above 100 a second.
    expect(hold.arrive(0, 60, 10)).toBe(false);
    expect(hold.arrive(500, 30, 10)).toBe(false);
    // 60 + 30 + 20 = 110 in the last second: a burst.
    expect(hold.arrive(900, 20, 10)).toBe(true);
    hold.hold('a', 400);
    expect(hold.arrive(950, 50, 10)).toBe(true);
    hold.hold('b', 500);
    // 900 bytes held: a batch of 200 more would pass the bound and is recorded (with what was held first).
    expect(hold.arrive(960, 50, 200)).toBe(false);
    expect(hold.holding).toBe(true);
    expect(hold.release()).toEqual(['a', 'b']);
    expect(hold.holding).toBe(false);
    // After the release the bound counts from zero again.
    expect(hold.arrive(970, 50, 200)).toBe(true);
    // Arrivals older than a second no longer count: 2.5 s later, 10 exchanges are a person's pace.
    expect(hold.arrive(3500, 10, 10)).toBe(false);
    expect(hold.heldBatches).toBe(2);
  });

  it('takes one batch of more than rate x spanMs exchanges for a burst at once', () => {
    const hold = new BurstHold<string>(options);
    // 11 exchanges in one batch (it spans at most 100 ms): over 100 a second.
    expect(hold.arrive(0, 11, 10)).toBe(true);
    expect(new BurstHold<string>(options).arrive(0, 10, 10)).toBe(false);
  });
});

describe('recorder under a burst of traffic', { timeout: 60_000 }, () => {
  const env = mockAndDbEach('clean');
  const user = defaultUsers()[0]!;
  const body = JSON.stringify({ username: user.login, password: user.password });

  /** POSTs a primary authentication; resolves with the response's stateToken. */
  function login(url: string, agent: http.Agent): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${url}/api/v1/authn`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString()) as { stateToken: string }).stateToken));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('holds batches during a burst, then records every exchange in order with a live line each', async () => {
    // A low rate, so the burst counts as one on a slow machine too.
    const notices: string[] = [];
    const { recorder, lines } = await recordInto(env.db.path, { target: env.mock.url, burst: { rate: 20, quietMs: 300, spanMs: 100 }, onNotice: (m) => notices.push(m) });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const tokens: string[] = [];
    // 800 sign-ins, 20 at a time: each wave starts when the previous one finished.
    for (let wave = 0; wave < 40; wave++) tokens.push(...(await Promise.all(Array.from({ length: 20 }, () => login(recorder.url, agent)))));
    agent.destroy();
    // Right after the burst the worker still holds (some of) it: fewer live lines than responses.
    const linesRightAfter = lines.length;
    const summary = await recorder.stop();
    expect(linesRightAfter).toBeLessThan(800);
    expect(summary.burstBatches).toBeGreaterThan(0);
    // The user is told once why the live view paused.
    expect(notices.filter((m) => m.startsWith('a burst of traffic'))).toHaveLength(1);
    expect(summary.exchanges).toBe(800);
    expect(lines).toHaveLength(800);
    // The stop's summary, made from chains settled while the held batches were recorded, is the analysis of the file.
    expect(summary.transactions).toBe(summary.analysis.transactions.length);
    expect(summary.transactions).toBe(800);
    expect(Object.values(summary.findings).reduce((a, b) => a + b, 0)).toBe(summary.analysis.findings.length);
    const stored = env.db.store.exchanges([summary.captureId]);
    expect(stored).toHaveLength(800);
    // Stored in the order the proxy finished them: the proxy numbers requests as they start, 20 run at a
    // time, so no row is more than a wave away from its number (a batch recorded out of turn would be
    // hundreds away), and every number is there once.
    const seqs = stored.map((e) => Number(e.sourceRef.split('#').pop()));
    expect(Math.max(...seqs.map((seq, row) => Math.abs(seq - (row + 1))))).toBeLessThan(40);
    expect(new Set(seqs).size).toBe(800);
    // Every response's own stateToken is there (stored masked, each with its own fingerprint).
    expect(new Set(tokens).size).toBe(800);
    expect(new Set(stored.map((e) => (e.responseBody as { stateToken: string }).stateToken)).size).toBe(800);
  });

  it('records at a person\'s pace as the exchanges come: nothing held, each live line within a moment', async () => {
    const notices: string[] = [];
    const { recorder, lines } = await recordInto(env.db.path, { target: env.mock.url, burst: { rate: 20, quietMs: 300, spanMs: 100 }, onNotice: (m) => notices.push(m) });
    const agent = new http.Agent({ keepAlive: true });
    for (let i = 0; i < 5; i++) {
      await login(recorder.url, agent);
      const sent = performance.now();
      while (lines.length < i + 1 && performance.now() - sent < 5_000) await new Promise((r) => setTimeout(r, 10));
      expect(lines).toHaveLength(i + 1);
    }
    agent.destroy();
    const summary = await recorder.stop();
    expect(summary.burstBatches).toBe(0);
    expect(notices.filter((m) => m.startsWith('a burst'))).toEqual([]);
    expect(summary.exchanges).toBe(5);
  });
});

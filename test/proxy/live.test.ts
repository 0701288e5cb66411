import { describe, expect, it } from 'vitest';
import { openIngest } from '../../src/ingest/pipeline.js';
import type { RawExchange } from '../../src/model/exchange.js';
import { openSource } from '../../src/sources/index.js';
import { LiveAnalysis, type LiveLine } from '../../src/analyze/live.js';
import { formatLiveLine } from '../../src/record/live-text.js';
import { tempDb } from './helpers.js';

function primary(i: number): RawExchange {
  return {
    method: 'POST',
    url: 'https://dev-1.okta.com/api/v1/authn',
    requestHeaders: { 'content-type': 'application/json' },
    requestBody: { username: `user${i}@example.com`, password: 'Old-Passw0rd!' },
    responseStatus: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { stateToken: `00stateTokenNumber${String(i).padStart(24, '0')}`, status: 'MFA_REQUIRED', expiresAt: '2026-11-29T18:00:00.000Z' },
    transportError: null,
    startedAt: new Date(Date.UTC(2026, 10, 29, 17, 55, i % 60)).toISOString(),
    durationMs: 3,
    sourceRef: `proxy:test#${i}`,
    group: 'live',
  };
}

describe('live analysis', () => {
  it('runs the rules at human pace and defers them to the summary under machine load', () => {
    const db = tempDb();
    const capture = openIngest(db.store, { kind: 'proxy', file: 'proxy:test', contentHash: null, exposes: false, mode: 'batched' });
    try {
      const lines: LiveLine[] = [];
      const live = new LiveAnalysis((l) => lines.push(l));
      for (let i = 0; i < 3; i++) live.push(capture.add(primary(i)));
      live.flush();
      expect(lines.map((l) => l.findings)).toEqual([[], [], []]);
      expect(lines[0]).toMatchObject({ operation: 'primary', statusBefore: 'START', statusAfter: 'MFA_REQUIRED', httpStatus: 200 });
      for (let i = 3; i < 503; i++) live.push(capture.add(primary(i)));
      live.flush();
      expect(lines).toHaveLength(503);
      expect(lines.slice(3).every((l) => l.findings === null && l.statusAfter === 'MFA_REQUIRED')).toBe(true);
      expect(formatLiveLine(lines[3]!)).toMatch(/primary\s+200\s+START → MFA_REQUIRED .*\(busy: findings in the summary\)$/);
    } finally {
      capture.close();
      db.cleanup();
    }
  });

  it('gives the same timeline in a busy batch as exchange by exchange (the devforum flow among other traffic)', async () => {
    const source = await openSource('samples/okta-devforum-recovery-mfa.md');
    const flow: RawExchange[] = [];
    for await (const raw of source.exchanges) flow.push({ ...raw, group: 'live' });
    expect(flow).toHaveLength(6);
    const timeline = (l: LiveLine) => [l.operation, l.statusBefore, l.statusAfter, l.token, l.rotated, l.errorCode, l.httpStatus];
    const run = (busy: boolean) => {
      const db = tempDb();
      const capture = openIngest(db.store, { kind: 'proxy', file: 'proxy:test', contentHash: null, exposes: false, mode: 'batched' });
      try {
        const lines: LiveLine[] = [];
        const live = new LiveAnalysis((l) => lines.push(l));
        flow.forEach((raw, i) => {
          // Busy: the flow's steps interleaved with other users' sign-ins, all in one batch.
          if (busy) for (let k = 0; k < 4; k++) live.push(capture.add(primary(i * 4 + k)));
          live.push(capture.add(raw));
          if (!busy) live.flush();
        });
        live.flush();
        return lines.filter((l) => l.operation !== 'primary');
      } finally {
        capture.close();
        db.cleanup();
      }
    };
    const quiet = run(false);
    const busy = run(true);
    expect(quiet.map((l) => l.statusAfter)).toEqual(['RECOVERY', 'RECOVERY', 'PASSWORD_RESET', 'MFA_REQUIRED', 'MFA_CHALLENGE', 'SUCCESS']);
    expect(quiet.some((l) => l.rotated)).toBe(true);
    expect(busy.every((l) => l.findings === null)).toBe(true);
    expect(busy.map(timeline)).toEqual(quiet.map(timeline));
    // The columns line up, credentials.reset_password included: each line's HTTP status starts at one place.
    const statusAt = quiet.map((l) => formatLiveLine(l).search(/ 200 /));
    expect(new Set(statusAt).size, quiet.map(formatLiveLine).join('\n')).toBe(1);
  });
});

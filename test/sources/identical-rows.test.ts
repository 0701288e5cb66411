import http from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSource } from '../../src/ingest/pipeline.js';
import type { Exchange } from '../../src/model/exchange.js';
import { pathOf } from '../../src/protocols/okta-authn/operations.js';
import { openSource } from '../../src/sources/index.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/flow.js';
import { recordInto, request } from '../proxy/helpers.js';

/**
 * One way in: the same request and response, recorded live through the proxy and pasted or exported in every
 * format the importers read, must be stored as the same row (method, path, the headers the evidence carries,
 * parsed bodies, status), whatever reader produced it.
 */

const PATH = '/api/v1/authn/factors/emf1abc/verify';
const REQUEST = { stateToken: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abc', passCode: '' };
const RESPONSE = { status: 'MFA_CHALLENGE', stateToken: '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abc', expiresAt: '2026-12-02T10:05:00.000Z', factorResult: 'CHALLENGE' };
const REQUEST_HEADERS = { 'content-type': 'application/json', accept: 'application/json', 'x-okta-user-agent-extended': 'okta-auth-js/7.0.0' };
const RESPONSE_HEADERS = { 'content-type': 'application/json', 'x-okta-request-id': 'Zm9vYmFy' };
const ORIGIN = 'https://dev-1.okta.com';
const body = JSON.stringify(REQUEST);
const answer = JSON.stringify(RESPONSE);

const header = (map: Record<string, string>) => Object.entries(map).map(([n, v]) => `${n}: ${v}`);

const FORMATS: Record<string, { file: string; text: string }> = {
  har: {
    file: 'flow.har',
    text: JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          {
            startedDateTime: '2026-12-02T10:00:00.000Z',
            time: 12,
            request: { method: 'POST', url: `${ORIGIN}${PATH}`, httpVersion: 'HTTP/1.1', cookies: [], headers: Object.entries(REQUEST_HEADERS).map(([name, value]) => ({ name, value })), queryString: [], headersSize: -1, bodySize: body.length, postData: { mimeType: 'application/json', text: body } },
            response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: Object.entries(RESPONSE_HEADERS).map(([name, value]) => ({ name, value })), content: { size: answer.length, mimeType: 'application/json', text: answer }, redirectURL: '', headersSize: -1, bodySize: answer.length },
            cache: {},
            timings: { send: 0, wait: 10, receive: 2 },
          },
        ],
      },
    }),
  },
  curl: {
    file: 'flow-curl.md',
    text: [
      `curl -i -X POST '${ORIGIN}${PATH}' \\`,
      ...Object.entries(REQUEST_HEADERS).map(([n, v]) => `  -H '${n}: ${v}' \\`),
      `  -d '${body}'`,
      '',
      'HTTP/1.1 200 OK',
      ...header(RESPONSE_HEADERS),
      '',
      answer,
      '',
    ].join('\n'),
  },
  http: {
    file: 'flow-http.txt',
    text: [`POST ${PATH} HTTP/1.1`, 'Host: dev-1.okta.com', ...header(REQUEST_HEADERS), '', body, '', 'HTTP/1.1 200 OK', ...header(RESPONSE_HEADERS), '', answer, ''].join('\n'),
  },
  transcript: {
    file: 'flow-thread.md',
    text: ['**1. POST ' + `${ORIGIN}${PATH}` + '**', '', 'Request:', ...header(REQUEST_HEADERS), '', body, '', 'Response (200):', ...header(RESPONSE_HEADERS), '', answer, ''].join('\n'),
  },
};

/** What every reader must agree on: the evidence's own headers (a proxy adds host, length, date...), bodies, status. */
function row(e: Exchange) {
  const pick = (map: Record<string, string>, names: string[]) => Object.fromEntries(names.filter((n) => n in map).map((n) => [n, map[n]]));
  return {
    method: e.method,
    path: pathOf(e.url),
    requestHeaders: pick(e.requestHeaders, Object.keys(REQUEST_HEADERS)),
    requestBody: e.requestBody,
    responseStatus: e.responseStatus,
    responseHeaders: pick(e.responseHeaders, Object.keys(RESPONSE_HEADERS)),
    responseBody: e.responseBody,
    transportError: e.transportError,
  };
}

describe('one way in: the same exchange from every reader is the same row', () => {
  const dir = tempDir('authtrail-rows-');
  const dbPath = join(dir, 'rows.db');
  const rows: Record<string, ReturnType<typeof row>> = {};
  let upstream: http.Server;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, RESPONSE_HEADERS).end(answer));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    // One database, so one fingerprint key: the recorded and the imported stateToken redact alike.
    const { recorder } = await recordInto(dbPath, { target: `http://127.0.0.1:${(upstream.address() as { port: number }).port}` });
    const sent = await request(`${recorder.url}${PATH}`, { method: 'POST', headers: REQUEST_HEADERS, body });
    expect(sent.status).toBe(200);
    await recorder.stop();
    const store = openStore(dbPath);
    try {
      const recorded = store.exchanges();
      expect(recorded).toHaveLength(1);
      rows.proxy = row(recorded[0]!);
      for (const [format, { file, text }] of Object.entries(FORMATS)) {
        const path = join(dir, file);
        writeFileSync(path, text);
        const { captureId } = await ingestSource(store, await openSource(path));
        const stored = store.exchanges([captureId]);
        expect(stored, `${format} gives one exchange`).toHaveLength(1);
        rows[format] = row(stored[0]!);
      }
    } finally {
      store.close();
    }
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('each reader read the exchange', () => {
    expect(Object.keys(rows).sort()).toEqual(['curl', 'har', 'http', 'proxy', 'transcript']);
    // The stateToken is stored as its redacted form (prefix and fingerprint), never in clear.
    expect(JSON.stringify(rows)).not.toContain(REQUEST.stateToken);
  });

  for (const format of ['har', 'curl', 'http', 'transcript']) {
    it(`${format} is stored as the recorder stored it`, () => {
      expect(rows[format]).toEqual(rows.proxy);
    });
  }
});

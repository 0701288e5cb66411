import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What one generated file holds, for the benchmark's figures. */
export interface GeneratedHar {
  bytes: number;
  entries: number;
  authnEntries: number;
}

const ORIGIN = 'https://dev-123456.okta.com';
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

function entry(startMs: number, method: string, url: string, reqBody: unknown, status: number, resText: string, mime: string) {
  const postData = reqBody === null ? undefined : { mimeType: 'application/json', text: JSON.stringify(reqBody) };
  return {
    startedDateTime: new Date(startMs).toISOString(),
    time: 87.3,
    _resourceType: mime === 'application/json' ? 'fetch' : 'script',
    request: {
      method, url, httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: postData ? postData.text.length : 0,
      headers: [{ name: 'Accept', value: 'application/json' }, { name: 'Content-Type', value: 'application/json' }, { name: 'Cookie', value: `sid=${token('102')}` }],
      ...(postData ? { postData } : {}),
    },
    response: {
      status, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], redirectURL: '', headersSize: -1, bodySize: resText.length,
      headers: [{ name: 'Content-Type', value: `${mime};charset=UTF-8` }],
      content: { size: resText.length, mimeType: mime, text: resText },
    },
    cache: {},
    timings: { send: 0.2, wait: 85, receive: 2.1 },
  };
}

/** One sign-in with MFA: four authn calls, each answered with a realistic transaction body. */
function authnFlow(startMs: number): object[] {
  const state = token('00');
  const user = { id: `00u${randomBytes(7).toString('hex')}`, passwordChanged: '2024-03-01T10:00:00.000Z', profile: { login: 'mary.jane@example.com', firstName: 'Mary', lastName: 'Jane', locale: 'en_US', timeZone: 'America/Los_Angeles' } };
  const factor = { id: `emf${randomBytes(7).toString('hex')}`, factorType: 'email', provider: 'OKTA', vendorName: 'OKTA', profile: { email: 'm...e@example.com' } };
  const expires = new Date(startMs + 300_000).toISOString();
  const links = { cancel: { href: `${ORIGIN}/api/v1/authn/cancel`, hints: { allow: ['POST'] } } };
  const mfa = { stateToken: state, expiresAt: expires, status: 'MFA_REQUIRED', _embedded: { user, factors: [factor] }, _links: links };
  const challenge = { ...mfa, status: 'MFA_CHALLENGE', factorResult: 'CHALLENGE', _embedded: { user, factor } };
  const success = { expiresAt: expires, status: 'SUCCESS', sessionToken: token('20111'), _embedded: { user } };
  const verify = `${ORIGIN}/api/v1/authn/factors/${factor.id}/verify`;
  return [
    entry(startMs, 'POST', `${ORIGIN}/api/v1/authn`, { username: 'mary.jane@example.com', password: 'Winter2024!x' }, 200, JSON.stringify(mfa), 'application/json'),
    entry(startMs + 900, 'POST', verify, { stateToken: state }, 200, JSON.stringify(challenge), 'application/json'),
    entry(startMs + 20_000, 'POST', verify, { stateToken: state, passCode: '123456' }, 200, JSON.stringify(success), 'application/json'),
  ];
}

/** A page asset outside --include: what makes real HARs large (scripts, styles, fonts). */
function asset(startMs: number, n: number): object {
  const body = `/* bundle ${n} */\n` + 'function f(){return 42}\n'.repeat(1200);
  return entry(startMs, 'GET', `${ORIGIN}/assets/js/app-${n}.js`, null, 200, body, 'application/javascript');
}

/**
 * Writes a Chrome-like HAR of about `targetBytes`: sign-in flows interleaved with page assets, written with
 * back-pressure so the generator itself stays small.
 */
export async function generateHar(path: string, targetBytes: number): Promise<GeneratedHar> {
  const out = createWriteStream(path, { mode: 0o600 });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let bytes = 0;
  let entries = 0;
  let authnEntries = 0;
  const head = '{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],"entries":[\n';
  await write(head);
  bytes += head.length;
  let t = Date.parse('2024-03-01T10:00:00.000Z');
  while (bytes < targetBytes) {
    const items = [...authnFlow(t), asset(t + 100, entries), asset(t + 200, entries + 1), asset(t + 300, entries + 2)];
    for (const item of items) {
      const text = `${entries === 0 ? '' : ',\n'}${JSON.stringify(item)}`;
      await write(text);
      bytes += Buffer.byteLength(text);
      entries++;
    }
    authnEntries += 3;
    t += 60_000;
  }
  await write('\n]}}\n');
  out.end();
  await once(out, 'close');
  return { bytes: bytes + 5, entries, authnEntries };
}

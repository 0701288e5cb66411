import { readFileSync, writeFileSync } from 'node:fs';
import { join, tempDir } from '../helpers/flow.js';

/**
 * IDX flows chained from the shared SDK fixtures (test/fixtures/idx, see SOURCES.txt): each fixture is a
 * response body; a flow rewrites every fixture's own stateHandle to the flow's handle, as Okta would have
 * issued them in one transaction, and is written as a HAR file for the real import path.
 */

const DIR = new URL('../fixtures/idx/', import.meta.url);
const ORG = 'https://example.com';
const ION = 'application/ion+json; okta-version=1.0.0';

/** A fixture (by its number prefix) with its stateHandle values replaced by `handle`, hosts moved to the org. */
export function body(num: string, handle: string): Record<string, any> {
  const names = ['01-introspect-identify.swift.json', '02-identify-challenge-password.swift.json', '03-challenge-answer-successWithInteractionCode.swift.json',
    '04-challenge-answer-invalid-field-message.swift.json', '05-cancel-new-stateHandle.swift.json', '06-recover-identify-recovery.java.json',
    '07-select-authenticator-for-recovery.widget.json', '08-reset-authenticator-password.widget.json', '09-terminal-reset-password-success.widget.json',
    '10-terminal-session-expired-401.widget.json'];
  const name = names.find((n) => n.startsWith(num));
  if (!name) throw new Error(`no fixture ${num}`);
  const raw = readFileSync(new URL(name, DIR), 'utf8');
  const own = JSON.parse(raw).stateHandle as string;
  const out = JSON.parse(raw.split(own).join(handle).replace(/https?:\/\/(?:example\.com|localhost:3000|foo\.oktapreview\.com)/g, ORG));
  // The fixtures expired years ago; a flow runs at T0, so its transaction lives 30 minutes from then.
  return { ...out, expiresAt: EXPIRES };
}

export const EXPIRES = '2026-03-01T10:30:00.000Z';

export interface Call {
  method?: string;
  path: string;
  /** JSON body, or a string sent as a form. */
  request?: unknown;
  status: number;
  response?: unknown;
  responseHeaders?: Record<string, string>;
  /** Seconds after the flow's start. */
  at?: number;
}

const T0 = Date.parse('2026-03-01T10:00:00.000Z');

function entry(c: Call, i: number) {
  const form = typeof c.request === 'string';
  const text = c.request === undefined ? undefined : form ? (c.request as string) : JSON.stringify(c.request);
  const mime = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const resText = c.response === undefined ? '' : JSON.stringify(c.response);
  const resMime = c.path.includes('/idp/idx/') ? ION : 'application/json';
  return {
    startedDateTime: new Date(T0 + (c.at ?? i) * 1000).toISOString(),
    time: 50,
    request: {
      method: c.method ?? 'POST', url: `${ORG}${c.path}`, httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: text?.length ?? 0,
      headers: text === undefined ? [] : [{ name: 'Content-Type', value: mime }],
      ...(text === undefined ? {} : { postData: { mimeType: mime, text } }),
    },
    response: {
      status: c.status, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], redirectURL: '', headersSize: -1, bodySize: resText.length,
      headers: [{ name: 'Content-Type', value: resMime }, ...Object.entries(c.responseHeaders ?? {}).map(([name, value]) => ({ name, value }))],
      content: { size: resText.length, mimeType: resMime, text: resText },
    },
    cache: {},
    timings: { send: 1, wait: 48, receive: 1 },
  };
}

/** Writes the calls as one HAR file in a fresh temp dir; returns its path. */
export function writeHar(calls: Call[], name = 'idx.har'): string {
  const file = join(tempDir('authtrail-idx-'), name);
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'authtrail-test', version: '1' }, entries: calls.map(entry) } }));
  return file;
}

export const H = { a: '02aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', b: '02bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', c: '02cccccccccccccccccccccccccccccccccccccccc' };
export const CODE = 'o9lcUQyfC0u6htHRipWDLtDG5vJc8sLK7ptqI8isQ-Q';
/** RFC 7636 Appendix B. */
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const TOKEN_PATH = '/oauth2/auszsfkYrgGCTilsV2o4/v1/token';

export const interact = (at?: number): Call => ({
  path: '/oauth2/auszsfkYrgGCTilsV2o4/v1/interact',
  request: `client_id=0ZczewGCFPlxNYYcLq5i&scope=openid%20profile&redirect_uri=com.example%3A%2Fcallback&code_challenge=${CHALLENGE}&code_challenge_method=S256&state=st-1`,
  status: 200,
  response: { interaction_handle: 'ih-4f3a9c2b71d0e5a8' },
  at,
});
export const introspect = (response: unknown, at?: number): Call => ({ path: '/idp/idx/introspect', request: { interactionHandle: 'ih-4f3a9c2b71d0e5a8' }, status: 200, response, at });
export const token = (status = 200, code = CODE, at?: number): Call => ({
  path: TOKEN_PATH,
  request: `grant_type=interaction_code&client_id=0ZczewGCFPlxNYYcLq5i&interaction_code=${code}&code_verifier=${VERIFIER}`,
  status,
  response: status === 200 ? { token_type: 'Bearer', expires_in: 3600, access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig', scope: 'openid profile' } : { error: 'invalid_grant', error_description: 'The interaction code is invalid or has expired.' },
  at,
});

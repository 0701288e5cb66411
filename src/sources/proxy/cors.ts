import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `--cors`: lets a dev app on another origin (http://localhost:3000) call the recorder from a browser.
 * The exact origin is echoed because credentials are allowed (a wildcard is refused with credentials).
 */

/** The request headers okta-auth-js and the sign-in widget send on authn calls. */
export const OKTA_CLIENT_HEADERS = [
  'Accept',
  'Authorization',
  'Content-Type',
  'X-Okta-User-Agent-Extended',
  'X-Requested-With',
  'X-Device-Fingerprint',
];

const ALLOWED_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';

/** Answers a preflight (OPTIONS with Origin and Access-Control-Request-Method). Returns true when it did. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (req.method !== 'OPTIONS' || !origin || !req.headers['access-control-request-method']) return false;
  const requested = req.headers['access-control-request-headers'];
  // Echo what the browser asks for on top of the known list, so custom SDK headers do not break the flow.
  const allowHeaders = new Set(OKTA_CLIENT_HEADERS);
  for (const name of (requested ?? '').split(',')) if (name.trim()) allowHeaders.add(name.trim());
  res.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': [...allowHeaders].join(', '),
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    'content-length': '0',
  });
  res.end();
  return true;
}

/** Headers added to every proxied response when --cors is on and the request came with an Origin. */
export function corsResponseHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'Location, Content-Type, X-Okta-Request-Id',
    vary: 'Origin',
  };
}

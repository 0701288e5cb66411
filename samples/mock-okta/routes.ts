import type { MockOrg } from './org.js';
import { idxRoute } from './idx/routes.js';
import { oauthRoute } from './oauth/index.js';
import { errorBody } from './templates.js';

/**
 * The mock's endpoints as a table: each protocol's handlers (Classic authn here; Identity Engine, OAuth ...
 * in their own files) claim a request by method and path. server.ts owns the sockets, this owns the dispatch.
 */

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The request body as text ('' when none). */
  text: string;
  /** The body parsed by its content type: JSON object, form fields as an object, or {} when empty. */
  body: Record<string, any>;
  /** Origin the links are built from. */
  origin: string;
}

export interface MockReply {
  status: number;
  /** JSON-serialised unless `text` is given. */
  body?: unknown;
  /** A non-JSON body (HTML, a redirect's empty body). */
  text?: string;
  /** Extra or overriding headers (`content-type`, `location`, `set-cookie`). */
  headers?: Record<string, string>;
}

/** Everything a route can reach: the org (users, scenario, outbox) and shared per-server state. */
export interface MockContext {
  org: MockOrg;
}

export interface MockRoute {
  name: string;
  /** `req` is there for routes that share a path and tell calls apart by the body (the token grants). */
  matches(method: string, path: string, req?: MockRequest): boolean;
  handle(req: MockRequest, context: MockContext): MockReply;
}

/** Classic authn: every `/api/v1/authn*` call, answered by MockOrg's state machine. */
export const classicRoute: MockRoute = {
  name: 'okta-authn',
  matches: (_method, path) => path.startsWith('/api/v1/authn'),
  handle: (req, { org }) =>
    org.handle({ method: req.method, path: req.path, body: req.body, authorization: firstHeader(req.headers.authorization), origin: req.origin }),
};

/** The routes in the order they are asked; adding a protocol's endpoints is one line. */
// OAuth first: it serves the default authorization server's discovery document; Identity Engine's
// interact and interaction_code token calls fall through to idxRoute.
export const ROUTES: MockRoute[] = [classicRoute, oauthRoute, idxRoute];

export function dispatch(req: MockRequest, context: MockContext): MockReply {
  const route = ROUTES.find((r) => r.matches(req.method, req.path, req));
  if (!route) return { status: 404, body: errorBody('E0000007', `Not found: Resource not found: ${req.path} (mock)`) };
  return route.handle(req, context);
}

/** Parses a request body by content type: JSON must be an object; forms become an object of their fields. */
export function parseRequestBody(text: string, contentType: string | undefined): Record<string, any> | null {
  if (!text.trim()) return {};
  if (/application\/x-www-form-urlencoded/i.test(contentType ?? '')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, any>) : null;
  } catch {
    return null;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

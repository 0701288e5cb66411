/**
 * .NET's IHttpClientFactory logging (System.Net.Http.HttpClient.<name>.LogicalHandler / ClientHandler): the
 * outer handler logs `Start processing HTTP request POST url`, the inner one `Sending HTTP request POST url`
 * for the same call, then `Received HTTP response headers after 120.9ms - 403` and `End processing HTTP
 * request after 121.7ms - 403`. Bodies are never logged by these handlers; the application may log one itself.
 */

/** A line that opens a call in this logging. */
export const HANDLER_REQUEST = /\b(?:Start processing|Sending) HTTP request\s+(?:GET|POST|PUT|PATCH|DELETE)\s/;
/** The inner handler's line for a call the outer one already opened. */
const INNER_SEND = /\bSending HTTP request\s+(?:GET|POST|PUT|PATCH|DELETE)\s/;
/** `… after 120.9ms - 403`; .NET Core 2 wrote the status's name (`- Forbidden`). */
const HANDLER_STATUS = /\b(?:Received HTTP response(?: headers)?|End processing HTTP request) after [\d.,]+\s*ms\s*-\s*(\w+)/;

/** HttpStatusCode names older .NET versions print instead of the number. */
const STATUS_NAMES: Record<string, number> = {
  OK: 200,
  Created: 201,
  NoContent: 204,
  Found: 302,
  Redirect: 302,
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  Conflict: 409,
  TooManyRequests: 429,
  InternalServerError: 500,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
};

/** True when `text` is the inner handler's line for the call `open` stands for (same method and URL, no answer yet). */
export function isInnerSend(text: string, open: { handler?: boolean; method: string; url: string; status: number | null }, method: string, url: string): boolean {
  return open.handler === true && open.status === null && INNER_SEND.test(text) && open.method === method.toUpperCase() && open.url === url;
}

/** The status a handler's response line gives; null when the line is not one. */
export function handlerStatus(text: string): number | null {
  const m = HANDLER_STATUS.exec(text);
  if (!m) return null;
  const code = /^[1-5]\d\d$/.test(m[1]!) ? Number(m[1]) : STATUS_NAMES[m[1]!];
  return code ?? null;
}

/**
 * Whether a JSON object the application logged after the call (`Verify failed: {…}`) reads as Okta's answer
 * with that status: an error object for an error status, an authn transaction otherwise.
 */
export function readsAsAnswer(body: string, status: number): boolean {
  return status >= 400 ? /"errorCode"\s*:/.test(body) : /"(?:status|stateToken|sessionToken|factorResult)"\s*:/.test(body);
}

import type { Line } from './text.js';

/**
 * What a command-line client printed when the call failed on the way: curl's `curl: (56) Recv failure:
 * Connection reset by peer`, `curl: (28) Operation timed out …`, `curl: (7) Failed to connect …`, `curl: (35)`
 * (TLS), `curl: (52) Empty reply from server`; HTTPie's and xh's `http: error: ConnectionError: …`.
 */
export interface ClientError {
  /** The failure as the client wrote it, for the exchange's transportError; null when it was no failure on the way. */
  transportError: string | null;
  /** curl --fail's `curl: (22) The requested URL returned error: 403`: an HTTP status, not a transport error. */
  status: number | null;
  /** What the line says, for the exchange's notes. */
  note: string;
  /** The line it was written on (left out of the response body). */
  line: Line;
}

const CURL_ERROR = /^\s*curl:\s*\((\d{1,3})\)\s*(.*?)\s*$/;
/** HTTPie (`http: error: …`) and xh (`xh: error: …`) on a failed connection; their argument errors are no call. */
const HTTPIE_ERROR = /^\s*(?:https?|xh|xhs):\s*error:\s*(.*?)\s*$/;
const ON_THE_WAY = /connection|timed? ?out|timeout|ssl|tls|certificate|max retries|reset|refused|resolve|unreachable|broken pipe|eof|closed|empty reply|sending request/i;

/**
 * The exception a Python client raised when the call failed on the way: requests', urllib3's, httpx's and
 * aiohttp's connection, timeout, TLS and protocol errors, or the builtin socket ones (the last line of the
 * traceback names the one that ended the script).
 */
const PYTHON_FAILURE = /^\s*(?:(?:requests\.exceptions|urllib3\.exceptions|httpx|aiohttp(?:\.client_exceptions)?|http\.client|urllib\.error|ssl|socket)\.(?:ConnectionError|ConnectTimeout|ReadTimeout|Timeout|SSLError|ProxyError|ChunkedEncodingError|NewConnectionError|MaxRetryError|ProtocolError|RemoteDisconnected|ConnectError|ReadError|WriteError|PoolTimeout|RemoteProtocolError|ClientConnectorError|ClientOSError|ServerDisconnectedError|ServerTimeoutError|URLError|SSLCertVerificationError|gaierror|timeout|IncompleteRead)|ConnectionResetError|ConnectionRefusedError|ConnectionAbortedError|TimeoutError|BrokenPipeError)(?::|$)/;
/** `raise_for_status()`: `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: …`: the status came. */
const PYTHON_HTTP_ERROR = /^\s*(?:requests\.exceptions\.|httpx\.|urllib\.error\.)?HTTP(?:Status)?Error:\s*(?:Client error '|Server error '|HTTP Error )?([1-5]\d\d)\b/;
/**
 * Node.js when the call failed on the way: fetch's `TypeError: fetch failed` (its cause on the lines after),
 * `Error: connect ECONNREFUSED …`, `read ECONNRESET`, `getaddrinfo ENOTFOUND …`, `socket hang up`, and axios'
 * `AxiosError: timeout of 10000ms exceeded` / `Network Error` (not `Request failed with status code 403`: that answered).
 */
const NODE_FAILURE = /^\s*(?:Uncaught\s+)?(?:TypeError: fetch failed|(?:Axios|Fetch|System)?Error: (?:(?:connect|read|write|getaddrinfo|request to \S+ failed, reason:)\s+(?:ECONN\w+|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|socket hang up|Client network socket disconnected)|AxiosError: (?:timeout of \d+ms exceeded|Network Error)|(?:\w+Error: )?(?:ConnectTimeoutError|HeadersTimeoutError|BodyTimeoutError|SocketError)\b)/;

/**
 * A PowerShell web cmdlet's error record when the call failed on the way, in Windows PowerShell 5
 * (`Invoke-RestMethod : The underlying connection was closed: …`, TLS 1.0 against Okta's TLS 1.2) and 7
 * (`Invoke-RestMethod: No such host is known.`).
 */
const POWERSHELL_FAILURE = /^\s*(?:Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\s*:\s*(?:The underlying connection was closed|Unable to connect to the remote server|The remote name could not be resolved|The operation has timed out|No such host is known|The SSL connection could not be established|A connection attempt failed|An error occurred while sending the request|The request was canceled due to the configured HttpClient\.Timeout|Connection refused|Name or service not known|The remote server returned an error: \(?407\)?|Could not establish trust relationship)/i;

/** The failure the output shows (the last one: curl writes one, as it exits), or null. */
export function clientError(output: readonly Line[]): ClientError | null {
  for (let k = output.length - 1; k >= 0; k--) {
    const line = output[k]!;
    const curl = CURL_ERROR.exec(line.text);
    if (curl) return curlError(Number(curl[1]), line);
    const httpie = HTTPIE_ERROR.exec(line.text);
    if (httpie && ON_THE_WAY.test(httpie[1]!)) return { transportError: line.text.trim(), status: null, note: `the call failed on the way: ${line.text.trim()}`, line };
  }
  return null;
}

/**
 * What a Python or Node.js script or a PowerShell cmdlet printed as its call failed (see PYTHON_FAILURE, NODE_FAILURE, POWERSHELL_FAILURE): the first such
 * line under the call (the last), as its transport error; or raise_for_status()'s HTTP error, whose status came. Only the
 * exception's name and message up to a URL are kept (a query may hold a token). Null when none shows.
 */
export function scriptError(output: readonly Line[]): ClientError | null {
  // The last one: a traceback ends with the exception that stopped the script (the ones it chained come first).
  for (let k = output.length - 1; k >= 0; k--) {
    const line = output[k]!;
    const text = line.text.trim().replace(/\s+(?:with |for )?url[:=]\s*\S+.*$/i, '').replace(/https?:\/\/\S+/g, (url) => url.replace(/[?#].*$/, ''));
    const http = PYTHON_HTTP_ERROR.exec(line.text);
    if (http) return { transportError: null, status: Number(http[1]), note: `the script raised an HTTP error and printed no body: ${text}`, line };
    if (PYTHON_FAILURE.test(line.text) || NODE_FAILURE.test(line.text) || POWERSHELL_FAILURE.test(line.text)) return { transportError: text.slice(0, 300), status: null, note: `the call failed on the way: ${text.slice(0, 300)}`, line };
  }
  return null;
}

/**
 * curl's exit code read: 22 is --fail refusing an HTTP error status (the response came: its status), 23 a
 * write to the local output that failed (`| head` closed early: the response came); any other code is a call
 * that failed on the way (no connection, TLS, timeout, reset, empty or cut reply).
 */
function curlError(code: number, line: Line): ClientError {
  const text = line.text.trim();
  if (code === 22) {
    const status = /\berror:\s*([1-5]\d\d)\b/.exec(text);
    return { transportError: null, status: status ? Number(status[1]) : null, note: `curl --fail reported the HTTP status and printed no body: ${text}`, line };
  }
  if (code === 23) return { transportError: null, status: null, note: `curl could not write the response locally (not a failure of the call): ${text}`, line };
  return { transportError: text, status: null, note: `the call failed on the way: ${text}`, line };
}

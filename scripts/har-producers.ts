/**
 * Rewrites the real Playwright recording into the shapes other producers write, one function per
 * producer, each applying that producer's documented quirks (docs: field-notes.md, "HAR 1.2"). The flow,
 * bodies and times stay those of the real recording, so every fixture analyzes to the same transactions
 * unless a quirk removes evidence (Firefox's missing body, Chrome's stripped headers).
 */

type Json = Record<string, any>;
export type Har = { log: Json };

const clone = <T>(v: T): T => structuredClone(v);
const isAuthn = (e: Json) => new URL(e.request.url).pathname.startsWith('/api/v1/authn');
const ORIGIN_RE = /http:\/\/127\.0\.0\.1:\d+/g;
/** Fixtures use a stable origin so goldens do not depend on the port the recording ran on. */
const ORIGIN = 'https://dev-123456.okta.com';

/** The recording with the mock's random port replaced by a stable Okta-like origin. */
export function stableOrigin(har: Har): Har {
  return JSON.parse(JSON.stringify(har).replace(ORIGIN_RE, ORIGIN));
}

/** The call the page aborted, as a producer records a request that got no response (Playwright: status -1). */
function abortedAs(har: Har, status: number, error?: string): void {
  for (const e of har.log.entries) {
    if (e.response.status !== -1) continue;
    e.response.status = status;
    if (error) e.response._error = error;
  }
}

/** Chrome / Edge DevTools, "Export HAR (sanitized)" (Chrome 130+). */
export function chrome(src: Har): Har {
  const har = clone(src);
  har.log.creator = { name: 'WebInspector', version: '537.36' };
  har.log.pages = [{ startedDateTime: har.log.pages[0].startedDateTime, id: 'page_1', title: `${ORIGIN}/signin`, pageTimings: { onContentLoad: 351, onLoad: 352 } }];
  for (const e of har.log.entries) {
    e.pageref = 'page_1';
    e._resourceType = isAuthn(e) ? 'fetch' : e.request.url.endsWith('/signin') ? 'document' : 'script';
    e._initiator = { type: 'script', stack: { callFrames: [{ functionName: 'post', scriptId: '5', url: `${ORIGIN}/signin`, lineNumber: 3, columnNumber: 22 }] } };
    e._priority = 'High';
    e._connectionId = '4711';
    e.connection = '4711';
    e.serverIPAddress = '127.0.0.1';
    e.request.httpVersion = e.response.httpVersion = 'http/2.0';
    // Sanitized export: Authorization, Cookie and Set-Cookie go, and the cookie arrays are emptied. Bodies stay.
    const keep = (h: Json) => !/^(authorization|cookie|set-cookie)$/i.test(h.name);
    e.request.headers = [
      { name: ':authority', value: 'dev-123456.okta.com' }, { name: ':method', value: e.request.method },
      { name: ':path', value: new URL(e.request.url).pathname }, { name: ':scheme', value: 'https' },
      ...e.request.headers.filter(keep),
    ];
    e.response.headers = e.response.headers.filter(keep);
    e.request.cookies = [];
    e.response.cookies = [];
    e.response._transferSize = e.response.bodySize + 300;
    if (e.response.status !== -1) e.response._error = null;
  }
  // Chrome writes base64 when a body was binary or had invalid code points; it is valid for any body.
  const reset = har.log.entries.find((e: Json) => e.request.url.endsWith('/reset_password'));
  reset.response.content.text = Buffer.from(reset.response.content.text, 'utf8').toString('base64');
  reset.response.content.encoding = 'base64';
  abortedAs(har, 0, 'net::ERR_ABORTED');
  // A form post outside --include: postData carries both text and params.
  const form = clone(har.log.entries[0]);
  form.request.method = 'POST';
  form.request.url = `${ORIGIN}/login/do-login`;
  form.request.postData = { mimeType: 'application/x-www-form-urlencoded', text: 'username=mary.jane%40example.com&remember=true', params: [{ name: 'username', value: 'mary.jane%40example.com' }, { name: 'remember', value: 'true' }] };
  har.log.entries.splice(1, 0, form);
  return har;
}

/** Firefox DevTools "Save All As HAR": null sizes, no headersSize, a body it did not keep, no page title. */
export function firefox(src: Har): Har {
  const har = clone(src);
  har.log.creator = { name: 'Firefox', version: '128.0' };
  har.log.browser = { name: 'Firefox', version: '128.0' };
  har.log.pages = [{ startedDateTime: har.log.pages[0].startedDateTime, id: 'page_1', pageTimings: { onContentLoad: 340, onLoad: 351 } }];
  for (const e of har.log.entries) {
    e.pageref = 'page_1';
    delete e.request.headersSize;
    delete e.response.headersSize;
    e.response.content.size = null;
  }
  // Firefox drops bodies it did not keep in memory: the first factor verify has none.
  const verify = har.log.entries.find((e: Json) => e.request.url.endsWith('/verify'));
  delete verify.response.content.text;
  abortedAs(har, 0);
  return har;
}

/** mitmproxy `hardump` / save.har (10.1+): no pages, -1 timings on reused connections, ASCII-escaped. */
export function mitmproxy(src: Har): Har {
  const har = clone(src);
  har.log.creator = { name: 'mitmproxy', version: '10.1.0', comment: 'mitmproxy version 10.1.0' };
  delete har.log.pages;
  har.log.entries.forEach((e: Json, i: number) => {
    delete e.pageref;
    e.serverIPAddress = '127.0.0.1';
    e.timings = { connect: i === 0 ? 1.2 : -1, ssl: i === 0 ? 4.5 : -1, send: 0.1, receive: 0.4, wait: e.time - 0.5, blocked: -1, dns: -1 };
  });
  return har;
}

/** Charles Proxy 4.6 "Export Session as HAR": local times with a UTC offset, empty comments. */
export function charles(src: Har): Har {
  const har = clone(src);
  har.log.creator = { name: 'Charles Proxy', version: '4.6.4' };
  har.log.comment = '';
  delete har.log.pages;
  for (const e of har.log.entries) {
    delete e.pageref;
    const t = new Date(Date.parse(e.startedDateTime) + 3_600_000).toISOString();
    e.startedDateTime = t.replace('Z', '+01:00');
    e.comment = '';
  }
  return har;
}

/** Fiddler Classic "HTTPArchive v1.2": byte-order mark, 7-digit fractions with offset, a capped binary body. */
export function fiddler(src: Har): { text: string } {
  const har = clone(src);
  har.log.creator = { name: 'Fiddler', version: '5.0.20211.51073', comment: 'http://www.telerik.com/fiddler' };
  delete har.log.pages;
  for (const e of har.log.entries) {
    delete e.pageref;
    const ms = Date.parse(e.startedDateTime);
    e.startedDateTime = new Date(ms + 3_600_000).toISOString().replace(/\.(\d{3})Z$/, '.$11234+01:00');
  }
  const logo = clone(har.log.entries[0]);
  logo.request.url = `${ORIGIN}/img/logo.png`;
  logo.response.content = { size: 32768, mimeType: 'image/png', encoding: 'base64', text: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]).toString('base64'), comment: 'Body length exceeded fiddler.importexport.HTTPArchiveJSON.MaxBinaryBodyLength, so body was omitted.' };
  har.log.entries.push(logo);
  return { text: `\uFEFF${JSON.stringify(har, null, 2)}` };
}

/** Tools that write headers as `[name, value]` pairs rather than `{name, value}` objects. */
export function pairs(src: Har): Har {
  const har = clone(src);
  har.log.creator = { name: 'har-pairs-writer', version: '1.0' };
  for (const e of har.log.entries) {
    e.request.headers = e.request.headers.map((h: Json) => [h.name, h.value]);
    e.response.headers = e.response.headers.map((h: Json) => [h.name, h.value]);
  }
  return har;
}

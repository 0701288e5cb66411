import type { Case, Exchange } from './cases.js';

const HOST = 'https://dev-1.okta.com';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const reason = (s: number) => ({ 200: 'OK', 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' })[s] ?? 'OK';
const contentType = (x: Exchange) => x.reqHeaders?.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\`\n`;

/** One HAR holding every case with an exchange. */
export function harOf(cases: Case[]): string {
  const entries = cases.filter((c) => c.exchange).map((c, i) => {
    const x = c.exchange!;
    const req: Record<string, unknown> = {
      method: x.method, url: `${HOST}${x.path}`, httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: -1,
      headers: [...(x.reqHeaders ?? []), ['Content-Type', contentType(x)]].filter((h, j, all) => all.findIndex((o) => o[0].toLowerCase() === h[0].toLowerCase()) === j).map(([name, value]) => ({ name, value })),
    };
    if (x.reqBody !== undefined) req.postData = x.base64 ? { mimeType: contentType(x), text: b64(x.reqBody), encoding: 'base64' } : { mimeType: contentType(x), text: x.reqBody };
    const body = x.resBody ?? '';
    return {
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 10, 0, i)).toISOString(), time: 10, request: req,
      response: {
        status: x.status, statusText: reason(x.status), httpVersion: 'HTTP/1.1', cookies: [], redirectURL: '', headersSize: -1, bodySize: -1,
        headers: [['Content-Type', 'application/json'], ...(x.resHeaders ?? [])].map(([name, value]) => ({ name, value })),
        content: x.base64 ? { size: body.length, mimeType: 'application/json', text: b64(body), encoding: 'base64' } : { size: body.length, mimeType: 'application/json', text: body },
      },
      cache: {}, timings: { send: 0, wait: 10, receive: 0 },
      ...(x.harExtra ?? {}),
    };
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'planted', version: '1' }, entries } }, null, 1);
}

const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

/** A forum-style transcript: a step heading with the endpoint, the request body and the response, fenced. */
export function transcriptOf(cases: Case[]): string {
  const parts = ['Planted secrets, pasted as a forum post.\n'];
  cases.forEach((c, i) => {
    if (c.text?.transcript) parts.push(`Case ${c.id}:\n\n${c.text.transcript}`);
    const x = c.exchange;
    if (!x || c.harOnly || !/json/.test(contentType(x)) || x.reqHeaders?.length || x.resHeaders?.length) return;
    parts.push(`**Step ${i + 1}:** \`${x.method} ${HOST}${x.path}\`\n\nRequest:\n${fence('json', pretty(x.reqBody ?? '{}'))}\nResponse (status ${x.status}):\n${fence('json', pretty(x.resBody ?? '{}'))}`);
  });
  return parts.join('\n');
}

const response = (x: Exchange) =>
  [`HTTP/1.1 ${x.status} ${reason(x.status)}`, 'Content-Type: application/json', ...(x.resHeaders ?? []).map(([n, v]) => `${n}: ${v}`), '', x.resBody ?? ''].join('\n');

/** curl commands (headers with -H, body with -d) each followed by its output. */
export function curlOf(cases: Case[]): string {
  const parts = ['# Planted secrets, replayed with curl\n'];
  for (const c of cases) {
    if (c.text?.curl) parts.push(`${c.id}:\n\n${fence('sh', c.text.curl.trimEnd())}\n${fence('', response({ method: 'POST', path: '', status: 200, resBody: '{"status":"SUCCESS"}' }))}`);
    const x = c.exchange;
    if (!x || c.harOnly) continue;
    const headers = [...(x.reqHeaders ?? []), ...(x.reqHeaders?.some(([n]) => /content-type/i.test(n)) ? [] : [['Content-Type', 'application/json'] as [string, string]])];
    const cmd = [`curl -i -X ${x.method} '${HOST}${x.path}'`, ...headers.map(([n, v]) => `  -H '${n}: ${v}'`), ...(x.reqBody !== undefined ? [`  --data-raw '${x.reqBody.replace(/'/g, `'\\''`)}'`] : [])].join(' \\\n');
    parts.push(`${c.id}:\n\n${fence('sh', cmd)}\n${fence('', response(x))}`);
  }
  return parts.join('\n');
}

/** Raw HTTP messages, a request block then a response block per case. */
export function httpOf(cases: Case[]): string {
  const parts = ['Raw messages from a logging proxy.\n'];
  for (const c of cases) {
    if (c.text?.http) parts.push(`${c.id}:\n\n${fence('http', c.text.http.trimEnd())}`);
    const x = c.exchange;
    if (!x || c.harOnly || c.id.startsWith('multipart')) continue;
    const headers = [['Host', 'dev-1.okta.com'], ...(x.reqHeaders ?? []), ...(x.reqHeaders?.some(([n]) => /content-type/i.test(n)) ? [] : [['Content-Type', 'application/json']])];
    const req = [`${x.method} ${x.path} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`), '', x.reqBody ?? ''].join('\n');
    parts.push(`${c.id}:\n\n${fence('http', req)}\n${fence('http', response(x))}`);
  }
  return parts.join('\n');
}

import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './test/helpers/cli.js';
const dir = mkdtempSync(join(tmpdir(), 'runs-'));
const N = 40_000;
const units = ['x', ' ', '"', "'", '\\', '\\"', '<', '>', '[', ']', '{', '}', '(', ')', '{{', '${', 'a-', 'a.', 'a:', 'a=', '=', ':', ',', ';', '&', '%', '%2', '#', '*', '**', '…', '\t', 'a ', '" ', '":', '":"', "':'", '=>', '->', '<-', '>>', '<<', '--', '-H ', '-d ', 'eyJ', 'eyJa.', '00', '20111', 'password', 'token ', 'Bearer ', 'SSWS ', '\\u00', '\\x', '[\\r]', '[0x', '&quot;', '&#', '<input ', 'name=', 'value=', '`', '$', '@', '^', '^"', 'PS> ', 'curl ', 'http', 'https://', '/', '?', '?a=', 'a=b&', '|', '| a ', '1', '12345678', '\u201c', '\u201d'];
const prefixes = ['', 'password ', 'stateToken: ', '"password": "', 'curl -d \'', 'status '];
const slow: string[] = [];
let n = 0;
const har = (req: { url?: string; headers?: unknown[]; text?: string; mime?: string }, res = '{"status":"SUCCESS"}') => JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [{ startedDateTime: '2026-01-01T00:00:00Z', time: 1, request: { method: 'POST', url: req.url ?? 'https://x.okta.com/api/v1/authn', headers: req.headers ?? [], postData: { mimeType: req.mime ?? 'application/json', text: req.text ?? '{}' } }, response: { status: 200, headers: [], content: { mimeType: 'application/json', text: res } } }] } });
for (const u of units) for (const ctx of ['har-text', 'har-form', 'har-header', 'har-url', 'har-res', 'curl']) {
  const run = u.repeat(Math.ceil(N / u.length));
  let text: string;
  let ext = 'har';
  if (ctx === 'har-text') text = har({ text: `password ${run}`, mime: 'text/plain' });
  else if (ctx === 'har-form') text = har({ text: `password=${run}`, mime: 'application/x-www-form-urlencoded' });
  else if (ctx === 'har-header') text = har({ headers: [{ name: 'Authorization', value: `Bearer ${run}` }, { name: 'X-Note', value: `password ${run}` }] });
  else if (ctx === 'har-url') text = har({ url: `https://x.okta.com/api/v1/authn?password=${encodeURIComponent(run)}&q=${encodeURIComponent(run)}` });
  else if (ctx === 'har-res') text = har({}, JSON.stringify({ status: 'SUCCESS', note: `password ${run}`, [`k${run.slice(0, 20000)}`]: 1 }));
  else { text = `curl -X POST https://x.okta.com/api/v1/authn -H 'X-Api-Key: ${run}' -d '{"password":"${run}"}'\n\n{"status":"SUCCESS"}\n`; ext = 'md'; }
  const p = ctx;
  const file = join(dir, `c${n++}.${ext}`);
  writeFileSync(file, text);
  for (const args of [['analyze', file, '--db', ':memory:', '--format', 'json'], ['sanitize', file, '-o', `${file}.clean`, '--key', join(dir, 'k')]]) {
    const t = performance.now();
    const r = await runCli(...args);
    const ms = performance.now() - t;
    if (ms > 500 || /internal error/.test(r.stderr)) slow.push(`${args[0]} ${JSON.stringify(p)} + ${JSON.stringify(u)}: ${ms.toFixed(0)} ms ${r.code} ${r.stderr.slice(0, 100)}`);
  }
}
console.log(n, 'cases');
console.log(slow.join('\n'));

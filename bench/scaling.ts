/**
 * `npm run bench:scaling`: whether reading grows linearly with the input. For a HAR of N authn entries, a
 * transcript of N curl commands with their responses, a JSON body with N elision lines and a paste of N bare
 * authn responses (pretty-printed JSON documents one after another, no requests), it times
 * openSource + reading every exchange (no import) at N and 2N, in this process, best of --rounds (2), and prints the
 * time per item at each size and their ratio (1.0 is linear, 2 would be quadratic). Sizes default to the
 * issue's (200k entries, 50k commands, 100k elisions; 10k bare responses) as 2N; `--scale 0.1` runs a tenth of them;
 * `--only NAME` (e.g. `--only 'bare responses'`) runs one input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSource } from '../src/sources/index.js';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, rounds: { type: 'string', default: '2' }, only: { type: 'string' } } });
const scale = Number(values.scale);
const rounds = Math.max(1, Number(values.rounds));
const work = mkdtempSync(join(tmpdir(), 'authtrail-bench-scaling-'));
const ORIGIN = 'https://dev-123456.okta.com';

function harEntries(n: number): string {
  const entries: string[] = [];
  for (let i = 0; i < n; i++) {
    const state = `00state${i.toString(36).padStart(10, '0')}`;
    entries.push(JSON.stringify({
      startedDateTime: new Date(Date.UTC(2024, 2, 1) + i * 1000).toISOString(), time: 80,
      request: { method: 'POST', url: `${ORIGIN}/api/v1/authn/factors/emf${i}/verify`, headers: [{ name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: JSON.stringify({ stateToken: state }) } },
      response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: 80, mimeType: 'application/json', text: JSON.stringify({ stateToken: state, status: 'MFA_CHALLENGE', factorResult: 'WAITING' }) } },
    }));
  }
  return `{"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[\n${entries.join(',\n')}\n]}}\n`;
}

function curlCommands(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`$ curl -s -X POST ${ORIGIN}/api/v1/authn/factors/emf${i}/verify -H 'Content-Type: application/json' -d '{"stateToken":"00state${i}"}'`);
    parts.push(`{"stateToken":"00state${i}","status":"MFA_CHALLENGE","factorResult":"WAITING"}`, '');
  }
  return `${parts.join('\n')}\n`;
}

function elisions(n: number): string {
  const body = ['{', '  "stateToken": "00abcdefgh",', '  "status": "MFA_REQUIRED",', '  "_embedded": {', '    "factors": ['];
  for (let i = 0; i < n; i++) body.push(i % 2 ? '      ...' : `      { "id": "emf${i}", "factorType": "email" },`);
  body.push('      { "id": "last" }', '    ]', '  }', '}');
  return `## Request\n\nPOST ${ORIGIN}/api/v1/authn\n\n{"username": "mary@example.com", "password": "x"}\n\n## Response\n\nHTTP/1.1 200 OK\n\n${body.join('\n')}\n`;
}

function bareResponses(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const factor = { id: `emf${i}`, factorType: 'email', provider: 'OKTA' };
    docs.push(JSON.stringify({ stateToken: `00state${i}`, expiresAt: '2024-03-01T00:05:00.000Z', status: 'MFA_CHALLENGE', factorResult: 'WAITING', _embedded: { factor } }, null, 2));
  }
  return `${docs.join('\n\n')}\n`;
}

const CASES = [
  { name: 'HAR entries', file: 'n.har', size: 200_000, make: harEntries },
  { name: 'curl commands', file: 'n.txt', size: 50_000, make: curlCommands },
  { name: 'elisions', file: 'n.md', size: 100_000, make: elisions },
  { name: 'bare responses', file: 'n.txt', size: 10_000, make: bareResponses },
];

async function timeRead(path: string): Promise<{ ms: number; exchanges: number }> {
  let best = Infinity;
  let exchanges = 0;
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    const source = await openSource(path);
    exchanges = 0;
    for await (const _ of source.exchanges) exchanges++;
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, exchanges };
}

try {
  const results = [];
  for (const c of CASES.filter((k) => values.only === undefined || k.name === values.only)) {
    const big = Math.max(100, Math.round(c.size * scale));
    const sizes = [big / 2, big].map(Math.round);
    const runs = [];
    for (const n of sizes) {
      const path = join(work, `${n}-${c.file}`);
      writeFileSync(path, c.make(n));
      const { ms, exchanges } = await timeRead(path);
      rmSync(path);
      runs.push({ n, ms: Math.round(ms), exchanges, usPerItem: Math.round((ms / n) * 1000 * 10) / 10 });
    }
    const ratio = Math.round((runs[1]!.usPerItem / runs[0]!.usPerItem) * 100) / 100;
    results.push({ name: c.name, runs, perItemRatio: ratio });
    process.stdout.write(`${c.name.padEnd(15)} ${runs.map((r) => `${r.n}: ${(r.ms / 1000).toFixed(2)} s (${r.usPerItem} µs each, ${r.exchanges} exchanges)`).join('   ')}   per item 2N/N: ${ratio}x\n`);
  }
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  // A run of one input (--only) leaves the results of the full run alone.
  if (values.only === undefined) {
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results', 'scaling.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), scale, results }, null, 2)}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

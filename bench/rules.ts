/**
 * `npm run bench:rules`: builds --flows synthetic authn flows (recovery with MFA, sign-in with a long push poll,
 * brute force), imports them through the real pipeline into an in-memory store, then times linking + timelines,
 * each rule's check on the same transactions, and analyze() end to end. Prints exchanges/s, the rules/linking ratio of the same run and the
 * slowest rules. Bounded: at most 20k flows.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { analyze, runRules } from '../src/analyze/index.js';
import { RULES } from '../src/analyze/rules.js';
import { ingestSource } from '../src/ingest/pipeline.js';
import { newReport } from '../src/ingest/source.js';
import type { RawExchange } from '../src/model/exchange.js';
import { openStore } from '../src/store/store.js';

const { values } = parseArgs({ options: { flows: { type: 'string', default: '2000' }, polls: { type: 'string', default: '40' } } });
const flows = Math.min(20_000, Math.max(10, Number(values.flows)));
const polls = Math.min(500, Math.max(1, Number(values.polls)));

const token = () => `00${randomBytes(15).toString('base64url')}`;
let clock = Date.parse('2024-03-01T10:00:00Z');
function ex(path: string, req: unknown, status: number, res: unknown, group: string): RawExchange {
  clock += 700;
  return {
    method: 'POST', url: `https://dev-1.okta.com/api/v1/authn${path}`, requestHeaders: { 'content-type': 'application/json' }, requestBody: req,
    responseStatus: status, responseHeaders: {}, responseBody: res, transportError: null, startedAt: new Date(clock).toISOString(), durationMs: 300, sourceRef: 'bench', group,
  };
}

function* generate(): Generator<RawExchange> {
  for (let i = 0; i < flows; i++) {
    const group = `g${i % 50}`;
    const user = { id: `00u${String(i).padStart(17, '0')}`, passwordChanged: '2024-01-01T00:00:00.000Z', profile: { login: `user${i}@example.org`, firstName: 'F', lastName: 'L' } };
    const exp = () => new Date(clock + 300_000).toISOString();
    const [a, b] = [token(), token()];
    const factors = [{ id: `emf${i}`, factorType: 'email', profile: { email: 'u...r@example.org' }, _links: { verify: { href: `https://dev-1.okta.com/api/v1/authn/factors/emf${i}/verify` } } }];
    if (i % 3 === 0) {
      yield ex('/recovery/token', { recoveryToken: randomBytes(10).toString('hex') }, 200, { stateToken: a, expiresAt: exp(), status: 'RECOVERY', _embedded: { user } }, group);
      yield ex('/recovery/answer', { stateToken: a, answer: 'blue' }, 200, { stateToken: a, expiresAt: exp(), status: 'PASSWORD_RESET', _embedded: { user, policy: { complexity: { minLength: 8 } } } }, group);
      yield ex('/credentials/reset_password', { stateToken: a, newPassword: 'Abcdefgh1!' }, 200, { stateToken: b, expiresAt: exp(), status: 'MFA_REQUIRED', _embedded: { user: { ...user, passwordChanged: new Date(clock).toISOString() }, factors } }, group);
      yield ex(`/factors/emf${i}/verify`, { stateToken: b, passCode: '123456' }, 200, { expiresAt: exp(), status: 'SUCCESS', sessionToken: token(), _embedded: { user } }, group);
    } else if (i % 3 === 1) {
      yield ex('', { username: user.profile.login, password: 'pw' }, 200, { stateToken: a, expiresAt: exp(), status: 'MFA_REQUIRED', _embedded: { user, factors } }, group);
      for (let p = 0; p < polls; p++) yield ex(`/factors/emf${i}/verify`, { stateToken: a }, 200, { stateToken: a, expiresAt: exp(), status: 'MFA_CHALLENGE', factorResult: 'WAITING', _embedded: { user, factor: factors[0] } }, group);
      yield ex(`/factors/emf${i}/verify`, { stateToken: a }, 200, { expiresAt: exp(), status: 'SUCCESS', sessionToken: token(), _embedded: { user } }, group);
    } else {
      yield ex('/recovery/token', { recoveryToken: randomBytes(10).toString('hex') }, 200, { stateToken: a, expiresAt: exp(), status: 'RECOVERY', _embedded: { user } }, group);
      for (let k = 0; k < 4; k++) yield ex('/recovery/answer', { stateToken: a, answer: `guess${k}` }, 403, { errorCode: 'E0000087' }, group);
    }
  }
}

/** Best of three runs: the first one pays for JIT warm-up and the machine is shared. */
const time = (f: () => unknown): number => {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

const store = openStore(':memory:');
const t0 = performance.now();
await ingestSource(store, { kind: 'har', file: 'bench', contentHash: randomBytes(8).toString('hex'), exchanges: generate(), report: newReport('entries') });
const exchanges = store.exchanges();
const captures = store.captures();
const ingestMs = performance.now() - t0;
const rate = (ms: number) => Math.round(exchanges.length / (ms / 1000));
process.stdout.write(`${flows} flows, ${exchanges.length} exchanges imported in ${(ingestMs / 1000).toFixed(1)} s\n`);

const baseMs = time(() => analyze(exchanges, captures, { rules: [] }));
const { transactions } = analyze(exchanges, captures, { rules: [] });
let findings = 0;
const perRule = RULES.map((rule) => ({
  id: rule.meta.id,
  ms: time(() => runRules(transactions, { rules: [{ meta: rule.meta, create: (context) => rule.create({ report: (r) => (findings++, context.report(r)) }) }] })),
}));
findings = Math.round(findings / 3);
const rulesMs = perRule.reduce((n, r) => n + r.ms, 0);
const allMs = time(() => analyze(exchanges, captures));
process.stdout.write(`link + timelines     ${baseMs.toFixed(0).padStart(6)} ms  ${rate(baseMs)} exchanges/s\n`);
process.stdout.write(`${RULES.length} rules (checks)    ${rulesMs.toFixed(0).padStart(6)} ms  ${rate(rulesMs)} exchanges/s, ${findings} findings\n`);
process.stdout.write(`analyze() end to end ${allMs.toFixed(0).padStart(6)} ms  ${rate(allMs)} exchanges/s (findings built and sorted)\n`);
process.stdout.write(`rule checks cost ${(rulesMs / baseMs).toFixed(2)}x the linking time of the same run\n`);
perRule.sort((a, b) => b.ms - a.ms);
process.stdout.write(`slowest rules: ${perRule.slice(0, 5).map((r) => `${r.id} ${r.ms.toFixed(0)} ms`).join(', ')}\n`);
store.close();

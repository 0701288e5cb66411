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
import { openStore } from '../src/store/store.js';
import { generateFlows } from './flows.js';

const { values } = parseArgs({ options: { flows: { type: 'string', default: '2000' }, polls: { type: 'string', default: '40' } } });
const flows = Math.min(20_000, Math.max(10, Number(values.flows)));
const polls = Math.min(500, Math.max(1, Number(values.polls)));

const generate = () => generateFlows(flows, polls);

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

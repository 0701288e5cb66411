/** `npm run fuzz [-- COUNT [SEED]]`: a larger seeded run; prints each failure and exits 1 if any. */
import { tempDir } from '../helpers/flow.js';
import { cases } from './mutate.js';
import { SEEDS, importCase, verdict } from './run.js';

const count = Number(process.argv[2] ?? 3000);
const seed = Number(process.argv[3] ?? Date.now() % 100_000);
const dir = tempDir('authtrail-fuzz-');
let failed = 0;
for (const c of cases(SEEDS, count, seed)) {
  if (process.env.FUZZ_TRACE) console.log(`run ${c.label}`);
  const why = verdict(await importCase(dir, `case${c.ext}`, c.bytes));
  if (why) {
    failed++;
    console.log(`${c.label}: ${why}`);
  }
}
console.log(`fuzz: ${count} cases, seed ${seed}, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

/**
 * One measured run of the HAR benchmark, in its own process so its peak RSS is its own:
 *   parse    read every entry with the streaming HAR reader (no pipeline): the reading baseline
 *   import   the real pipeline: openSource (format detection) -> ingestSource (redaction) -> SQLite file
 *   sanitize the streaming sanitizer, writing the masked copy
 * Prints one JSON line: { mode, ms, exchanges, maxRssMb }.
 */
import { ingestSource } from '../src/ingest/pipeline.js';
import { sanitizeFile } from '../src/sanitize/index.js';
import { openSource } from '../src/sources/index.js';
import { openStore } from '../src/store/store.js';

const [mode, har, out] = process.argv.slice(2);
const started = performance.now();
let exchanges = 0;
if (mode === 'parse') {
  const source = await openSource(har!);
  for await (const _x of source.exchanges) exchanges++;
} else if (mode === 'import') {
  const store = openStore(out!);
  const result = await ingestSource(store, await openSource(har!));
  exchanges = result.exchanges;
  store.close();
} else if (mode === 'sanitize') {
  const result = await sanitizeFile(har!, out!, { key: `${out}.key` });
  exchanges = result.tally.units;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, ms: Math.round(ms), exchanges, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

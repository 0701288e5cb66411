/**
 * One measured run of the HAR benchmark, in its own process so its peak RSS is its own:
 *   parse    every entry found by the scanner and JSON.parse'd (none skipped): the JSON.parse baseline,
 *            with the time spent inside JSON.parse alone reported as parseMs
 *   import   the real pipeline: openSource (format detection, hash) -> ingestSource (redaction) -> SQLite file
 *   sanitize the streaming sanitizer, writing the masked copy
 * Prints one JSON line: { mode, ms, exchanges, maxRssMb, parseMs? }.
 */
import { createReadStream } from 'node:fs';
import { ingestSource } from '../src/ingest/pipeline.js';
import { sanitizeFile } from '../src/sanitize/index.js';
import { openSource } from '../src/sources/index.js';
import { HarScanner } from '../src/sources/har/scanner.js';
import { openStore } from '../src/store/store.js';

const [mode, har, out] = process.argv.slice(2);
const started = performance.now();
let exchanges = 0;
let parseMs: number | undefined;
if (mode === 'parse') {
  parseMs = 0;
  const timed = (text: string): unknown => {
    const t = performance.now();
    const value = JSON.parse(text);
    parseMs! += performance.now() - t;
    return value;
  };
  const scanner = new HarScanner(() => true, timed);
  const handler = { entry: () => void exchanges++, skipped: () => undefined };
  for await (const chunk of createReadStream(har!, { highWaterMark: 1 << 20 })) scanner.push(chunk as Buffer, handler);
  scanner.end();
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
const cpu = process.cpuUsage();
const run = { mode, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), exchanges, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...(parseMs === undefined ? {} : { parseMs: Math.round(parseMs) }) };
process.stdout.write(`${JSON.stringify(run)}\n`);

import type { Evidence } from '../model/exchange.js';
import type { Redactor } from '../redact/redactor.js';
import type { ProfileHints } from '../redact/shape.js';
import { InputError } from '../model/errors.js';
import { HarWalker, JsonSyntaxError, NotHarError, jsonFileTokens } from '../sources/har/index.js';
import { HarEntrySanitizer } from './har-entry.js';
import { maskPathTokens } from '../redact/path-tokens.js';
import { TokenWriter } from './token-writer.js';
import type { Tally } from './tally.js';

type Obj = Record<string, any>;

/** Keeps what the clear entry taught (exposures, password shapes) so the sanitized file analyzes the same. */
function carryEvidence(entry: unknown, ev: Evidence): void {
  if (!entry || typeof entry !== 'object' || (ev.exposures.length === 0 && ev.passwords.length === 0)) return;
  const e = entry as Obj;
  const ext: Obj = e._authtrail && typeof e._authtrail === 'object' ? e._authtrail : {};
  const prior: Obj = ext.evidence && typeof ext.evidence === 'object' ? ext.evidence : {};
  ext.evidence = {
    exposures: [...(Array.isArray(prior.exposures) ? prior.exposures : []), ...ev.exposures],
    passwords: [...(Array.isArray(prior.passwords) ? prior.passwords : []), ...ev.passwords],
  };
  e._authtrail = ext;
}

/**
 * A HAR file with every secret masked, as text chunks (one per input chunk), never the whole file in
 * memory. The structure and every field other producers or tools rely on stay as they were; bodies
 * and headers holding secrets are rewritten. `tally` receives what was found, per entry.
 */
export async function* sanitizeHarChunks(path: string, display: string, redactor: Redactor, tally: Tally): AsyncGenerator<string> {
  const hints: ProfileHints = new Map();
  const entries = new HarEntrySanitizer(redactor, hints);
  const outside: Evidence = { exposures: [], passwords: [], notes: [] };
  const writer = new TokenWriter();
  const walker = new HarWalker((tok) =>
    writer.write(tok, (value) => maskPathTokens(redactor.redactField(writer.key ?? '', value, 'url', writer.key ?? '', outside, hints), redactor, 'url', outside)),
  );
  const onEntry = (entry: unknown, index: number) => {
    const { evidence, found } = entries.sanitize(entry);
    tally.add(`entries[${index}]`, found);
    carryEvidence(entry, evidence);
    writer.value(JSON.stringify(entry));
  };
  try {
    for await (const batch of jsonFileTokens(path)) {
      walker.push(batch, onEntry);
      yield writer.take();
    }
  } catch (error) {
    if (error instanceof NotHarError) throw new InputError(`${display}: JSON but not a HAR file (${error.message}); sanitize reads HAR files and text transcripts`, display);
    if (error instanceof JsonSyntaxError) {
      const where = walker.meta.sawLog ? `truncated or damaged after ${walker.completed} entries` : 'not valid JSON';
      throw new InputError(`${display}: ${where} (${error.message}); nothing was written`, display);
    }
    throw error;
  }
  if (!walker.meta.sawEntries) throw new InputError(`${display}: JSON but not a HAR file (no "log.entries" array)`, display);
  if (outside.exposures.length > 0) tally.addOutside('log', outside.exposures);
}

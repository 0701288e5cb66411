import { createReadStream } from 'node:fs';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { JsonSyntaxError } from './errors.js';

// Kept apart (errors.ts) so the import path, which does not use stream-json, does not load it.
export { JsonSyntaxError };

/** stream-chain's end-of-input marker (a registered symbol, so no import of its internals is needed). */
const END = Symbol.for('object-stream.none');

type ManyTokens = { values: Token[] };

function unpack(result: unknown): Token[] {
  return typeof result === 'symbol' ? [] : (result as ManyTokens).values;
}

/**
 * Tokens of a JSON file, in batches (one per chunk: yielding token by token would cost one await per token),
 * read in 256 KiB chunks so memory stays bounded whatever the file size (1 MiB chunks cost
 * 60 MB more peak RSS for no measurable speed).
 * Only packed tokens are produced (whole keys, strings and numbers): HAR strings are bodies of modest size,
 * and packed tokens are what the assembler reads. A leading byte-order mark (Fiddler) is dropped.
 */
export async function* jsonFileTokens(path: string, onBytes?: (chunk: string) => void): AsyncGenerator<Token[]> {
  const parse = jsonParser({ streamValues: false });
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 });
  let first = true;
  try {
    for await (let chunk of stream as AsyncIterable<string>) {
      onBytes?.(chunk);
      if (first) {
        if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        first = false;
      }
      let tokens: Token[];
      try {
        tokens = unpack(parse(chunk));
      } catch (error) {
        throw new JsonSyntaxError((error as Error).message, false);
      }
      if (tokens.length > 0) yield tokens;
    }
    let tail: Token[];
    try {
      tail = unpack(parse(END as never));
    } catch (error) {
      throw new JsonSyntaxError((error as Error).message, true);
    }
    if (tail.length > 0) yield tail;
  } finally {
    stream.destroy();
  }
}

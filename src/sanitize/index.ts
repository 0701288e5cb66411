import { knownBinary } from '../sources/binary.js';
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';
import { open, stat } from 'node:fs/promises';
import { Redactor } from '../redact/redactor.js';
import { InputError } from '../model/errors.js';
import { looksLikeHar } from '../sources/har/index.js';
import { sanitizeHarChunks } from './har.js';
import { sanitizeKeyPath, sanitizeRedactor } from './key.js';
import { writeChunksAtomically } from './output.js';
import { Tally } from './tally.js';
import { sanitizeTextChunks } from './text.js';
import { sanitizeTraceChunks } from './trace.js';
import { sanitizeBurpChunks } from './burp.js';
import { sanitizeJsonChunks } from './json.js';
import { isCharlesSession } from '../sources/charles.js';
import { isBurpXml } from '../sources/burp.js';
import { isCharlesXml } from '../sources/charles-xml.js';
import { sanitizeCharlesXmlChunks } from './charles-xml.js';
import { sanitizeCharlesJsonChunks } from './charles.js';
import { traceKindOf, type TraceKind } from '../sources/saml-tracer/detect.js';
import { type HarTextEncoding, encodingOf, headText } from '../sources/har/text-coding.js';

export { Tally, type SecretLocation } from './tally.js';
export { sanitizeKeyPath } from './key.js';

export interface SanitizeOptions {
  /** Fingerprint key file (default `~/.authtrail/sanitize.key`). */
  key?: string;
}

export interface SanitizeResult {
  kind: 'har' | 'text' | 'charles' | 'burp' | 'charles-xml' | 'json' | TraceKind;
  /** The input's character encoding; the copy is always UTF-8. */
  encoding: HarTextEncoding;
  tally: Tally;
  /** Bytes written (0 for a check). */
  bytes: number;
  keyPath: string;
}

/** A Postman collection or environment, whatever the file is named. */
const isPostman = (head: string) => /schema\.getpostman\.com|"_postman_variable_scope"/.test(head);

/** What the file holds, and its character encoding (a UTF-16 input is written back as UTF-8). */
async function kindOf(path: string): Promise<Pick<SanitizeResult, 'kind' | 'encoding'>> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${path}: ${error.code === 'ENOENT' ? 'no such file; check the path' : `cannot be read (${error.code})`}`, path);
  });
  if (!info.isFile()) throw new InputError(`${path}: not a regular file; give a HAR file or a text transcript`, path);
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const encoding = encodingOf(head);
    // UTF-16 (with its byte-order mark or without) is text full of NUL bytes: every sanitizer decodes it.
    if (encoding === 'utf-8' && head.includes(0)) throw new InputError(`${path}: ${knownBinary(head, path) ?? 'a binary file; sanitize reads HAR files and text transcripts'}`, path);
    const text = encoding === 'utf-8' ? head.toString('utf8') : headText(head);
    if (isBurpXml(text)) return { kind: 'burp', encoding };
    if (isCharlesXml(text)) return { kind: 'charles-xml', encoding };
    // A .chlsx that is no Charles XML session is refused, as import refuses it, rather than masked as prose.
    if (/\.chlsx$/i.test(path)) throw new InputError(`${path}: a .chlsx file without a <charles-session> root; export the session from Charles again`, path);
    // JSON that is not HAR nor a trace (a Postman collection, an environment): sanitized as a JSON document.
    // A Charles session stays text: its bodies are read line by line with the text rules.
    if (!traceKindOf(text) && !isCharlesSession(text) && /^\uFEFF?\s*[{[]/.test(text) && !/^\uFEFF?\s*\{\s*"log"\s*:/.test(text) && (extname(path).toLowerCase() === '.json' || isPostman(text))) return { kind: 'json', encoding };
    // A Charles JSON session is masked line by line as text, its base64 bodies decoded first (see charles.ts).
    if (!traceKindOf(text) && isCharlesSession(text)) return { kind: 'charles', encoding };
    return { kind: traceKindOf(text) ?? (looksLikeHar(text, path) ? 'har' : 'text'), encoding };
  } finally {
    await handle.close();
  }
}

function chunks(kind: SanitizeResult['kind'], input: string, redactor: Redactor, tally: Tally) {
  if (kind === 'saml-tracer' || kind === 'entra') return sanitizeTraceChunks(input, input, kind, redactor, tally);
  if (kind === 'burp') return sanitizeBurpChunks(input, redactor, tally);
  if (kind === 'charles-xml') return sanitizeCharlesXmlChunks(input, redactor, tally);
  if (kind === 'charles') return sanitizeCharlesJsonChunks(input, redactor, tally);
  if (kind === 'json') return sanitizeJsonChunks(input, redactor, tally);
  return kind === 'har' ? sanitizeHarChunks(input, input, redactor, tally) : sanitizeTextChunks(input, redactor, tally);
}

/**
 * Writes a copy of a HAR file or text transcript with every secret of section 7 masked (tokens keep a
 * prefix and a keyed fingerprint, so equal values stay equal and the copy analyzes the same). Streams:
 * the input may be larger than memory. Nothing is written unless the whole input was read.
 */
export async function sanitizeFile(input: string, output: string, options: SanitizeOptions = {}): Promise<SanitizeResult> {
  const { kind, encoding } = await kindOf(input);
  const tally = new Tally();
  const redactor = sanitizeRedactor(sanitizeKeyPath(options.key));
  const bytes = await writeChunksAtomically(output, chunks(kind, input, redactor, tally));
  return { kind, encoding, tally, bytes, keyPath: sanitizeKeyPath(options.key) };
}

/**
 * Reads a file as `sanitizeFile` would and reports every clear secret in it; writes nothing, not even a key
 * (masks are computed with a throw-away key and discarded).
 */
export async function checkFile(input: string): Promise<SanitizeResult> {
  const { kind, encoding } = await kindOf(input);
  const tally = new Tally();
  for await (const _chunk of chunks(kind, input, new Redactor(randomBytes(32)), tally)) {
    // The masked text is discarded: a check only collects where secrets stand.
  }
  return { kind, encoding, tally, bytes: 0, keyPath: '' };
}

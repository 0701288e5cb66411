import { isBurpXml, openBurpSource } from './burp.js';
import { isCharlesSession, openCharlesSource } from './charles.js';
import { isCharlesXml, openCharlesXmlSource } from './charles-xml.js';
import { open, readFile, stat } from 'node:fs/promises';
import { type ImportSource } from '../ingest/source.js';
import { InputError } from '../model/errors.js';
// Not ./har/index.js: that also exports the token reader the sanitizer uses, which loads stream-json.
import { isHar } from './har/detect.js';
import { openHarSource } from './har/source.js';
import { includeMatcher } from '../protocols/include.js';
import { DEFAULT_INCLUDE } from '../protocols/index.js';
import { openTextSource } from './transcript/index.js';
import { isSystemLog, openSystemLogSource } from './systemlog/index.js';
import { openEntraSource } from './entra/index.js';
import { detectTrace, openSamlTracerSource } from './saml-tracer/index.js';
import { encodingOf, headText } from './har/text-coding.js';
import { knownBinary } from './binary.js';

export const FORMATS = ['auto', 'har', 'transcript', 'curl', 'http', 'burp', 'charles', 'systemlog', 'saml-tracer', 'entra'] as const;
export type InputFormat = (typeof FORMATS)[number];

export interface OpenOptions {
  /** Force a format instead of detecting it. */
  format?: InputFormat;
  /** `--include` globs on the URL path. */
  include?: readonly string[];
  /** Keep what was read before a truncation. */
  partial?: boolean;
}

/** A Charles JSON session or a Burp export is parsed whole: above this, export fewer exchanges (or a HAR, streamed). */
const MAX_SESSION_BYTES = 512 * 1024 * 1024;

/** Text files above this size are HAR or not evidence at all: transcripts are pasted by hand. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * Opens one evidence file as an ImportSource, detecting its format: HAR (JSON), forum transcript, curl
 * commands or raw HTTP. Every problem a user can fix is an InputError naming the file.
 */
export async function openSource(path: string, options: OpenOptions = {}): Promise<ImportSource> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file; check the path' : `cannot be read (${error.code})`;
    throw new InputError(`${path}: ${why}`, path);
  });
  if (info.isDirectory()) throw new InputError(`${path}: is a directory; give a HAR file or a text transcript`, path);
  if (!info.isFile()) throw new InputError(`${path}: is not a regular file; give a HAR file or a text transcript`, path);
  if (info.size === 0) throw new InputError(`${path}: is empty; give a HAR file or a transcript with request/response pairs`, path);
  const binary = await binaryHead(path);
  if (binary) {
    throw new InputError(`${path}: ${knownBinary(binary, path) ?? 'is a binary file, not a HAR file or a text transcript; export the capture as HAR or paste the exchanges as text'}`, path);
  }
  const format = options.format ?? 'auto';
  const include = options.include ?? DEFAULT_INCLUDE;
  // Before HAR: a System Log export is JSON too, and every .json would otherwise be taken for a HAR.
  if (format === 'systemlog' || (format === 'auto' && (await isSystemLog(path)))) return openSystemLogSource(path, info.size);
  // Before HAR: a browser extension's export is a .json file too.
  const trace = format === 'auto' ? await detectTrace(path) : null;
  if (format === 'saml-tracer' || trace === 'saml-tracer') return openSamlTracerSource(path, { include });
  if (format === 'entra' || trace === 'entra') return openEntraSource(path, { include });
  // Before HAR: a Charles JSON session is JSON too (an array), often saved as .json.
  // The head is read once for the detections that look at text (Charles, Burp).
  const head = format === 'auto' ? await headOf(path) : '';
  // A Charles XML session (.chlsx, or any name) by its root element; --format charles reads XML when it starts so.
  const charlesHead = format === 'charles' ? await headOf(path) : head;
  if ((format === 'auto' || format === 'charles') && isCharlesXml(charlesHead)) {
    if (info.size > MAX_SESSION_BYTES) throw new InputError(`${path}: ${Math.round(info.size / 2 ** 20)} MB is too large for a Charles XML session (it is read whole); export the sign-in's transactions only, or as HAR`, path);
    return openCharlesXmlSource(path, await readFile(path), includeMatcher(include));
  }
  // A .chlsx that is no Charles XML session is never read as a transcript (its XML would read as prose).
  if (format === 'auto' && /\.chlsx$/i.test(path)) throw new InputError(`${path}: a .chlsx file without a <charles-session> root; export the session from Charles again (File > Export Session… > XML Session File)`, path);
  if (format === 'charles' || (format === 'auto' && isCharlesSession(head))) {
    if (info.size > MAX_SESSION_BYTES) throw new InputError(`${path}: ${Math.round(info.size / 2 ** 20)} MB is too large for a Charles JSON session (it is read whole); export the sign-in's transactions only, or as HAR`, path);
    return openCharlesSource(path, await readFile(path), includeMatcher(include));
  }
  if (format === 'burp' || (format === 'auto' && isBurpXml(head))) {
    if (info.size > MAX_SESSION_BYTES) throw new InputError(`${path}: ${Math.round(info.size / 2 ** 20)} MB is too large for a Burp Suite export (it is read whole); save only the sign-in's items`, path);
    return openBurpSource(path, await readFile(path), includeMatcher(include));
  }
  if (format === 'har' || (format === 'auto' && (await isHar(path)))) {
    return openHarSource(path, { include, partial: options.partial });
  }
  if (info.size > MAX_TEXT_BYTES) {
    throw new InputError(`${path}: ${Math.round(info.size / 2 ** 20)} MB is too large for a text transcript; is it a HAR file? Use --format har`, path);
  }
  const bytes = await readFile(path);
  return openTextSource(path, bytes, format === 'auto' ? undefined : format, includeMatcher(include));
}

/** The first 4 KiB of a file as text (UTF-8, or UTF-16 with its byte-order mark or without: see encodingOf). */
async function headOf(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return headText(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** The first 8 KiB of the file when they hold NUL bytes or mostly control characters (a binary file); else null. */
async function binaryHead(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    // UTF-16 with a byte-order mark (Windows tools' "Unicode") is text full of NUL bytes: the HAR reader reads it.
    if (encodingOf(head) !== 'utf-8') return null;
    if (head.includes(0)) return head;
    let control = 0;
    for (const byte of head) if (byte < 9 || (byte > 13 && byte < 32)) control++;
    return control > head.length * 0.1 ? head : null;
  } finally {
    await handle.close();
  }
}

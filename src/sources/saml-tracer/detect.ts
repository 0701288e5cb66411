import { open, readFile } from 'node:fs/promises';
import { parseBounded } from '../../http/json.js';
import { InputError } from '../../model/errors.js';
import { contentHash, decodeText, headText } from '../har/text-coding.js';

export type TraceKind = 'saml-tracer' | 'entra';

/**
 * Which browser-extension export a JSON file is, from its first characters (okta-idx.md 3.1 and 3.2 sniffing
 * rules): Entra Auth Tracer writes `export_metadata` first, SAML-tracer `{"requests": [` with no
 * `export_metadata`; a HAR's first key is `log`. The full shape is checked when the file is read.
 */
export function traceKindOf(head: string): TraceKind | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('{') || /^\{\s*"log"\s*:/.test(text)) return null;
  if (/^\{\s*"export_metadata"\s*:\s*\{/.test(text)) return 'entra';
  if (/^\{\s*"requests"\s*:\s*\[/.test(text) && !text.includes('"export_metadata"')) return 'saml-tracer';
  return null;
}

export async function detectTrace(path: string): Promise<TraceKind | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return traceKindOf(headText(buf.subarray(0, bytesRead)));
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/** Browser-extension exports are a session's auth traffic, a few MB: read whole, refused above this. */
const MAX_TRACE_BYTES = 256 * 1024 * 1024;

const LABEL: Record<TraceKind, string> = { 'saml-tracer': 'SAML-tracer', entra: 'Entra Auth Tracer' };
const A: Record<TraceKind, string> = { 'saml-tracer': 'a', entra: 'an' };

/** The parsed export and its sha256, or an InputError naming the file and how to get a good one. */
export async function readTraceJson(path: string, file: string, kind: TraceKind): Promise<{ doc: Record<string, unknown>; requests: unknown[]; contentHash: string }> {
  const again = `export it again from ${LABEL[kind]}`;
  const bytes = await readFile(path);
  if (bytes.length > MAX_TRACE_BYTES) throw new InputError(`${file}: ${Math.round(bytes.length / 2 ** 20)} MB is too large for ${A[kind]} ${LABEL[kind]} export; export a shorter session`, file);
  let doc: unknown;
  try {
    // UTF-16 (Windows tools' "Unicode", with a byte-order mark or without) is decoded as the HAR reader does.
    doc = parseBounded(decodeText(bytes).text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${file}: not valid JSON, so not ${A[kind]} ${LABEL[kind]} export (${(error as Error).message}); ${again}`, file);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError(`${file}: not ${A[kind]} ${LABEL[kind]} export (no top-level object); ${again}`, file);
  const obj = doc as Record<string, unknown>;
  if (!Array.isArray(obj.requests)) throw new InputError(`${file}: not ${A[kind]} ${LABEL[kind]} export (no "requests" array); ${again}`, file);
  return { doc: obj, requests: obj.requests, contentHash: contentHash(bytes) };
}

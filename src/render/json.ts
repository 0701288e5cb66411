import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import { itemsText } from '../analyze/document.js';

export function renderJson(analysis: AnalysisJson): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/** Text handed to `out` at once: large enough to keep calls few, small enough to stay out of the way. */
const CHUNK = 1 << 20;
/** Transactions' text kept in memory as it came before it is compressed (and kept so, or put in a temporary file). */
const SPILL = 4 << 20;
/**
 * Compressed transactions kept in memory before the rest go to a temporary file. The document's text is very
 * repetitive (the same keys, statuses and paths in every step): brotli at quality 0 makes 830 MB of it
 * (1M exchanges) about 29 MB at about 1.9 GB/s here, where writing it to a file on this ext4 disk cost 3 s
 * of system CPU, contended with the analysis threads (bench:analyze, 2026-12-07).
 */
const COMPRESSED_IN_MEMORY = 64 << 20;
/** Quality 0: the fastest brotli; more would cost time for memory the bound above already keeps small. */
const COMPRESS = { params: { [constants.BROTLI_PARAM_QUALITY]: 0 } };

/**
 * Writes the same bytes as `renderJson` for a document whose transactions come in batches (`transactions`),
 * before the rest of it is known (`end`): the verdict comes first in the document but needs every finding.
 * The transactions wait as UTF-8 bytes in memory up to SPILL; then each SPILL of them is compressed (brotli)
 * and kept in memory up to COMPRESSED_IN_MEMORY, and beyond that in a temporary file (mode 0600, removed at
 * `end` or `discard`), so memory stays bounded whatever the size of the analysis. `out` gets chunks of whole
 * lines; with `outBytes` the transactions go there as bytes, not decoded into text.
 */
export class JsonWriter {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  /** The last batch's bytes, written once it is known whether another batch follows (the comma). */
  private last: Buffer | null = null;
  /** Compressed runs of batches, in order: in memory, or where they stand in the spill file. */
  private runs: (Buffer | { at: number; length: number })[] = [];
  private inMemory = 0;
  private spill: { dir: string; fd: number; size: number } | null = null;

  /**
   * `spillAt`: bytes of transactions kept as they came before they are compressed (default SPILL);
   * `compressedAt`: compressed bytes kept in memory before the rest go to the file (default COMPRESSED_IN_MEMORY).
   */
  constructor(
    private readonly out: (text: string) => void,
    private readonly spillAt = SPILL,
    private readonly outBytes?: (bytes: Uint8Array) => void,
    private readonly compressedAt = COMPRESSED_IN_MEMORY,
  ) {}

  /** The next transactions of the document. */
  transactions(list: readonly TransactionJson[]): void {
    if (list.length > 0) this.transactionsBytes(Buffer.from(itemsText(list), 'utf8'));
  }

  /** The next transactions, as `itemsText` wrote them, UTF-8 encoded (elsewhere: a worker of the parallel analysis). */
  transactionsBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.last !== null) this.keep(this.last, COMMA);
    this.last = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Writes the whole document: `doc` as `renderJson` would, with the transactions given in place of its own. */
  end(doc: AnalysisJson): void {
    if (this.last !== null) this.keep(this.last, NEWLINE);
    const keys = Object.keys(doc).filter((k) => (doc as unknown as Record<string, unknown>)[k] !== undefined);
    const writer = new Chunks(this.out);
    writer.write('{\n');
    keys.forEach((key, i) => {
      const comma = i < keys.length - 1 ? ',' : '';
      const value = (doc as unknown as Record<string, unknown>)[key];
      if (key === 'transactions' && this.last !== null) {
        writer.write('  "transactions": [\n');
        this.drain(writer);
        writer.write(`  ]${comma}\n`);
      } else if (Array.isArray(value) && value.length > 0) {
        // A slice at a time: one string for 100,000 findings is larger than it needs to be.
        writer.write(`  ${JSON.stringify(key)}: [\n`);
        for (let j = 0; j < value.length; j += SLICE) {
          writer.write(`${itemsText(value.slice(j, j + SLICE))}${j + SLICE < value.length ? ',' : ''}\n`);
        }
        writer.write(`  ]${comma}\n`);
      } else writer.write(`  ${JSON.stringify(key)}: ${JSON.stringify({ k: value }, null, 2).slice(VALUE.length, -2)}${comma}\n`);
    });
    writer.write('}\n');
    writer.flush();
    this.discard();
  }

  /** Removes the temporary file, if any (after `end`, or when the analysis failed). */
  discard(): void {
    if (!this.spill) return;
    closeSync(this.spill.fd);
    rmSync(this.spill.dir, { recursive: true, force: true });
    this.spill = null;
  }

  /** Keeps a batch and what follows it: a compressed run only ever ends after a whole line. */
  private keep(bytes: Buffer, after: Buffer): void {
    this.pending.push(bytes, after);
    this.pendingSize += bytes.length + after.length;
    if (this.pendingSize >= this.spillAt) this.compressPending();
  }

  /** The batches kept as they came, compressed into one run: in memory while the runs there are small enough, else in the file. */
  private compressPending(): void {
    const run = brotliCompressSync(Buffer.concat(this.pending, this.pendingSize), { ...COMPRESS, params: { ...COMPRESS.params, [constants.BROTLI_PARAM_SIZE_HINT]: this.pendingSize } });
    this.pending = [];
    this.pendingSize = 0;
    if (this.inMemory + run.length <= this.compressedAt) {
      this.runs.push(run);
      this.inMemory += run.length;
      return;
    }
    if (!this.spill) {
      const dir = mkdtempSync(join(tmpdir(), 'authtrail-json-'));
      this.spill = { dir, fd: openSync(join(dir, 'transactions.json.br'), 'w+', 0o600), size: 0 };
    }
    this.runs.push({ at: this.spill.size, length: run.length });
    this.spill.size += writeAll(this.spill.fd, run, this.spill.size);
  }

  /** Every transaction's bytes, in order, to `writer` (or `outBytes`, once `writer` has written what it holds). */
  private drain(writer: Chunks): void {
    const emit = (bytes: Buffer) => {
      if (this.outBytes) {
        writer.flush();
        this.outBytes(bytes);
      } else writer.write(bytes.toString('utf8'));
    };
    for (const run of this.runs) {
      // Each run ends after a whole line, so no UTF-8 character is cut in two.
      emit(brotliDecompressSync(Buffer.isBuffer(run) ? run : readAll(this.spill!.fd, run.at, run.length)));
    }
    this.runs = [];
    this.inMemory = 0;
    for (const bytes of this.pending) emit(bytes);
    this.pending = [];
  }
}

const COMMA = Buffer.from(',\n');
const NEWLINE = Buffer.from('\n');

/** Writes all of `bytes` at `position` of `fd`; returns how many that is. */
function writeAll(fd: number, bytes: Buffer, position: number): number {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position + at);
  return bytes.length;
}

/** `length` bytes of `fd` from `position`. */
function readAll(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  for (let at = 0, n; at < length; at += n) {
    n = readSync(fd, buffer, at, length - at, position + at);
    if (n === 0) throw new Error('the temporary file of the document ended early');
  }
  return buffer;
}

/** What JSON.stringify({ k: value }, null, 2) writes before the value (and `\n}` after it). */
const VALUE = '{\n  "k": ';
/** Findings stringified at once. */
const SLICE = 1000;

/** Collects text (each piece ending with a newline) and hands it to `out` in chunks of about CHUNK. */
class Chunks {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

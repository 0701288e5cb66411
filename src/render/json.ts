import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';
import { itemsText } from '../analyze/document.js';

export function renderJson(analysis: AnalysisJson): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}

/** Text handed to `out` at once: large enough to keep calls few, small enough to stay out of the way. */
const CHUNK = 1 << 20;
/** Transactions' text kept in memory before it goes to a temporary file. */
const SPILL = 4 << 20;

/**
 * Writes the same bytes as `renderJson` for a document whose transactions come in batches (`transactions`),
 * before the rest of it is known (`end`): the verdict comes first in the document but needs every finding.
 * The transactions wait as UTF-8 bytes in memory up to SPILL, then in a temporary file (mode 0600, removed at
 * `end` or `discard`), so memory stays bounded whatever the size of the analysis. `out` gets chunks of whole
 * lines; with `outBytes` the transactions go there as the bytes they were kept as, not decoded again.
 */
export class JsonWriter {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  /** The last batch's bytes, written once it is known whether another batch follows (the comma). */
  private last: Buffer | null = null;
  private spill: { dir: string; fd: number; size: number } | null = null;

  /** `spillAt`: bytes of transactions kept in memory before they go to the file (default SPILL). */
  constructor(
    private readonly out: (text: string) => void,
    private readonly spillAt = SPILL,
    private readonly outBytes?: (bytes: Uint8Array) => void,
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

  /** Keeps a batch and what follows it: the file only ever ends after a whole line. */
  private keep(bytes: Buffer, after: Buffer): void {
    this.pending.push(bytes, after);
    this.pendingSize += bytes.length + after.length;
    if (this.pendingSize < this.spillAt) return;
    if (!this.spill) {
      const dir = mkdtempSync(join(tmpdir(), 'authtrail-json-'));
      this.spill = { dir, fd: openSync(join(dir, 'transactions.json'), 'w+', 0o600), size: 0 };
    }
    for (const b of this.pending) this.spill.size += writeAll(this.spill.fd, b, this.spill.size);
    this.pending = [];
    this.pendingSize = 0;
  }

  /** Every transaction's bytes, from the file first, to `writer` (or `outBytes`, once `writer` has written what it holds). */
  private drain(writer: Chunks): void {
    const emit = this.outBytes
      ? (bytes: Buffer) => {
          writer.flush();
          this.outBytes!(bytes);
        }
      : undefined;
    if (this.spill) {
      const buffer = Buffer.alloc(CHUNK);
      let carry = Buffer.alloc(0);
      for (let position = 0, n; position < this.spill.size && (n = readSync(this.spill.fd, buffer, 0, CHUNK, position)) > 0; position += n) {
        if (emit) {
          emit(buffer.subarray(0, n));
          continue;
        }
        // Decoded up to the last newline: a UTF-8 character never holds one, so none is cut in two.
        const bytes = carry.length ? Buffer.concat([carry, buffer.subarray(0, n)]) : buffer.subarray(0, n);
        const cut = bytes.lastIndexOf(0x0a) + 1;
        writer.write(bytes.toString('utf8', 0, cut));
        carry = Buffer.from(bytes.subarray(cut));
      }
      if (carry.length > 0) writer.write(carry.toString('utf8'));
    }
    for (const bytes of this.pending) {
      if (emit) emit(bytes);
      else writer.write(bytes.toString('utf8'));
    }
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

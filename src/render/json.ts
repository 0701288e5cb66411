import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisJson, TransactionJson } from '../model/analysis.js';

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
 * The transactions' text waits in memory up to SPILL, then in a temporary file (mode 0600, removed at `end`
 * or `discard`), so memory stays bounded whatever the size of the analysis. `out` gets chunks of whole lines.
 */
export class JsonWriter {
  private pending: string[] = [];
  private pendingSize = 0;
  /** The last batch's text, written once it is known whether another batch follows (the comma). */
  private last: string | null = null;
  private spill: { dir: string; fd: number } | null = null;

  /** `spillAt`: characters of transactions kept in memory before they go to the file (default SPILL). */
  constructor(
    private readonly out: (text: string) => void,
    private readonly spillAt = SPILL,
  ) {}

  /** The next transactions of the document. */
  transactions(list: readonly TransactionJson[]): void {
    if (list.length === 0) return;
    if (this.last !== null) this.keep(`${this.last},\n`);
    this.last = itemsText(list);
  }

  /** Writes the whole document: `doc` as `renderJson` would, with the transactions given in place of its own. */
  end(doc: AnalysisJson): void {
    if (this.last !== null) this.keep(`${this.last}\n`);
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

  private keep(text: string): void {
    this.pending.push(text);
    this.pendingSize += text.length;
    if (this.pendingSize < this.spillAt) return;
    if (!this.spill) {
      const dir = mkdtempSync(join(tmpdir(), 'authtrail-json-'));
      this.spill = { dir, fd: openSync(join(dir, 'transactions.json'), 'w+', 0o600) };
    }
    writeSync(this.spill.fd, this.pending.join(''));
    this.pending = [];
    this.pendingSize = 0;
  }

  /** Every transaction's text, from the file first, to `writer`. */
  private drain(writer: Chunks): void {
    if (this.spill) {
      const buffer = Buffer.alloc(CHUNK);
      let position = 0;
      let carry = Buffer.alloc(0);
      for (let n; (n = readSync(this.spill.fd, buffer, 0, CHUNK, position)) > 0; position += n) {
        // Decoded up to the last newline: a UTF-8 character never holds one, so none is cut in two.
        const bytes = carry.length ? Buffer.concat([carry, buffer.subarray(0, n)]) : buffer.subarray(0, n);
        const cut = bytes.lastIndexOf(0x0a) + 1;
        writer.write(bytes.toString('utf8', 0, cut));
        carry = Buffer.from(bytes.subarray(cut));
      }
    }
    for (const text of this.pending) writer.write(text);
    this.pending = [];
  }
}

/**
 * Items (at least one) as JSON.stringify(document, null, 2) writes them in an array one level down in the
 * document, separated by `,\n`: stringified in place, so no line needs indenting after.
 */
function itemsText(list: readonly unknown[]): string {
  return JSON.stringify({ k: list }, null, 2).slice(ITEMS.length, -'\n  ]\n}'.length);
}

/** What JSON.stringify({ k: [...] }, null, 2) writes before the first item. */
const ITEMS = '{\n  "k": [\n';
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

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
 * Writes the same bytes as `renderJson` for a document whose transactions come one by one (`transaction`),
 * before the rest of it is known (`end`): the verdict comes first in the document but needs every finding.
 * The transactions' text waits in memory up to SPILL, then in a temporary file (mode 0600, removed at `end`
 * or `discard`), so memory stays bounded whatever the size of the analysis. `out` gets chunks of whole lines.
 */
export class JsonWriter {
  private pending: string[] = [];
  private pendingSize = 0;
  private count = 0;
  private spill: { dir: string; fd: number } | null = null;

  constructor(private readonly out: (text: string) => void) {}

  /** The next transaction of the document. */
  transaction(t: TransactionJson): void {
    const text = `${this.count++ === 0 ? '' : ',\n'}    ${JSON.stringify(t, null, 2).replace(/\n/g, '\n    ')}`;
    this.pending.push(text);
    this.pendingSize += text.length;
    if (this.pendingSize >= SPILL) this.spillPending();
  }

  /** Writes the whole document: `doc` as `renderJson` would, with the transactions given in place of its own. */
  end(doc: AnalysisJson): void {
    const keys = Object.keys(doc).filter((k) => (doc as unknown as Record<string, unknown>)[k] !== undefined);
    const writer = new Chunks(this.out);
    writer.write('{\n');
    keys.forEach((key, i) => {
      const comma = i < keys.length - 1 ? ',' : '';
      const value = (doc as unknown as Record<string, unknown>)[key];
      if (key === 'transactions') {
        if (this.count === 0) writer.write(`  "transactions": []${comma}\n`);
        else {
          writer.write('  "transactions": [\n');
          this.drain(writer);
          writer.write(`\n  ]${comma}\n`);
        }
      } else if (Array.isArray(value) && value.length > 0) {
        // Item by item: one string for 100,000 findings is larger than it needs to be.
        writer.write(`  ${JSON.stringify(key)}: [\n`);
        value.forEach((item, j) => writer.write(`    ${indented(item, '    ')}${j < value.length - 1 ? ',' : ''}\n`));
        writer.write(`  ]${comma}\n`);
      } else writer.write(`  ${JSON.stringify(key)}: ${indented(value, '  ')}${comma}\n`);
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

  private spillPending(): void {
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
        const bytes = Buffer.concat([carry, buffer.subarray(0, n)]);
        const cut = bytes.lastIndexOf(0x0a) + 1;
        writer.write(bytes.toString('utf8', 0, cut));
        carry = bytes.subarray(cut);
      }
      writer.write(carry.toString('utf8'));
    }
    for (const text of this.pending) writer.write(text);
    this.pending = [];
  }
}

/** JSON.stringify(value, null, 2) as it reads nested at `indent`. */
function indented(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/** Collects text and hands it to `out` in chunks that end with a newline. */
class Chunks {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size < CHUNK) return;
    const all = this.parts.join('');
    const cut = all.lastIndexOf('\n') + 1;
    if (cut === 0) {
      this.parts = [all];
      return;
    }
    this.out(all.slice(0, cut));
    this.parts = [all.slice(cut)];
    this.size = all.length - cut;
  }

  flush(): void {
    if (this.size === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

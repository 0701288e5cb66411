import Assembler from 'stream-json/assembler.js';
import type { Token } from 'stream-json/parser.js';
import { type HarMeta, NotHarError } from './errors.js';

export { type HarMeta, NotHarError };

type Where = 'root' | 'log' | 'entries' | 'other';

/**
 * Finds `log.entries[i]` in a token stream and assembles one entry at a time, so memory holds one entry,
 * never the file. Keys may come in any order (`log.version` after the entries is valid JSON).
 */
export class HarWalker {
  readonly meta: HarMeta = { version: null, creator: null, sawLog: false, sawEntries: false };
  /** Entries whose closing brace was read. */
  completed = 0;
  private frames: Where[] = [];
  private key: string | null = null;
  private skipDepth = 0;
  private entry: Assembler | null = null;
  private small: { asm: Assembler; field: 'creator' } | null = null;
  private started = false;

  /**
   * @param passthrough receives every token that is not part of an entry, in order (the sanitizer rewrites
   *   the file around its entries with them).
   */
  constructor(private readonly passthrough?: (tok: Token) => void) {}

  /** Feeds a batch of tokens; calls `onEntry` for each entry completed in it, in order. */
  push(tokens: Token[], onEntry: (entry: unknown, index: number) => void): void {
    for (const tok of tokens) {
      if (this.entry) {
        this.entry.consume(tok);
        if (this.entry.done) {
          const value = this.entry.current;
          this.entry = null;
          onEntry(value, this.completed++);
        }
        continue;
      }
      if (this.small) {
        this.passthrough?.(tok);
        this.small.asm.consume(tok);
        if (this.small.asm.done) {
          this.meta.creator = this.small.asm.current as HarMeta['creator'];
          this.small = null;
        }
        continue;
      }
      if (this.skipDepth > 0) {
        this.passthrough?.(tok);
        if (tok.name === 'startObject' || tok.name === 'startArray') this.skipDepth++;
        else if (tok.name === 'endObject' || tok.name === 'endArray') this.skipDepth--;
        continue;
      }
      if (!this.structural(tok, onEntry)) this.passthrough?.(tok);
    }
  }

  /** Follows the HAR's outer structure; returns true when the token began an entry. */
  private structural(tok: Token, onEntry: (entry: unknown, index: number) => void): boolean {
    const parent = this.frames[this.frames.length - 1];
    if (tok.name === 'keyValue') {
      this.key = tok.value;
      return false;
    }
    if (tok.name === 'endObject' || tok.name === 'endArray') {
      this.frames.pop();
      return false;
    }
    const opens = tok.name === 'startObject' || tok.name === 'startArray';
    if (!this.started) {
      this.started = true;
      if (tok.name !== 'startObject') throw new NotHarError('the top level is not an object');
      this.frames.push('root');
      return false;
    }
    if (parent === 'root' && this.key === 'log') {
      if (tok.name !== 'startObject') throw new NotHarError('"log" is not an object');
      this.meta.sawLog = true;
      this.frames.push('log');
      return false;
    }
    if (parent === 'log' && this.key === 'version') {
      this.meta.version = tok.name === 'stringValue' ? tok.value : String((tok as { value?: unknown }).value);
      if (opens) this.skipDepth = 1;
      return false;
    }
    if (parent === 'log' && this.key === 'creator' && tok.name === 'startObject') {
      const asm = new Assembler();
      asm.consume(tok);
      this.small = { asm, field: 'creator' };
      return false;
    }
    if (parent === 'log' && this.key === 'entries') {
      if (tok.name !== 'startArray') throw new NotHarError('"log.entries" is not an array');
      this.meta.sawEntries = true;
      this.frames.push('entries');
      return false;
    }
    if (parent === 'entries') {
      const asm = new Assembler();
      asm.consume(tok);
      // A scalar entry is complete at once; the converter reports it.
      if (asm.done) onEntry(asm.current, this.completed++);
      else this.entry = asm;
      return true;
    }
    if (opens) this.skipDepth = 1;
    return false;
  }
}

import type { Token } from 'stream-json/parser.js';

/**
 * Writes packed JSON tokens back as text, with the commas and colons they imply. Whole values
 * (a sanitized entry) can be spliced in with `value()`. Output accumulates until `take()`.
 */
export class TokenWriter {
  private parts: string[] = [];
  private stack: { n: number; object: boolean }[] = [];
  /** The key the next value belongs to (null in arrays and at the top). */
  key: string | null = null;

  private beforeValue(): void {
    const top = this.stack[this.stack.length - 1];
    if (top && !top.object && top.n++ > 0) this.parts.push(',');
  }

  /** Writes one token; `mapString` may replace a string value (named by `this.key`). */
  write(tok: Token, mapString?: (value: string) => string): void {
    switch (tok.name) {
      case 'startObject':
      case 'startArray': {
        this.beforeValue();
        const object = tok.name === 'startObject';
        this.parts.push(object ? '{' : '[');
        this.stack.push({ n: 0, object });
        this.key = null;
        return;
      }
      case 'endObject':
      case 'endArray': {
        const top = this.stack.pop();
        this.parts.push(top?.object ? '}' : ']');
        if (this.stack.length === 0) this.parts.push('\n');
        return;
      }
      case 'keyValue': {
        const top = this.stack[this.stack.length - 1]!;
        if (top.n++ > 0) this.parts.push(',');
        this.parts.push('\n', JSON.stringify(tok.value), ':');
        this.key = tok.value;
        return;
      }
      case 'stringValue':
        this.value(JSON.stringify(mapString ? mapString(tok.value) : tok.value));
        return;
      case 'numberValue':
        this.value(tok.value);
        return;
      case 'nullValue':
        this.value('null');
        return;
      case 'trueValue':
        this.value('true');
        return;
      case 'falseValue':
        this.value('false');
        return;
      default:
        return;
    }
  }

  /** Splices in a complete JSON text as the next value. */
  value(json: string): void {
    this.beforeValue();
    const top = this.stack[this.stack.length - 1];
    if (top && !top.object) this.parts.push('\n');
    this.parts.push(json);
    this.key = null;
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }
}

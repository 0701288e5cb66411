import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawExchange } from '../../../src/model/exchange.js';
import { pathOf } from '../../../src/protocols/okta-authn/operations.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const SAMPLE = 'samples/okta-devforum-recovery-mfa.md';

/** Reads a file relative to the repository root; returns [text, path as given]. */
export function load(path: string): [string, string] {
  return [readFileSync(root + path, 'utf8'), path];
}

/** What must be equal between two renderings of the same evidence: not where it sat, nor what was repaired. */
export function essence(e: RawExchange) {
  return {
    method: e.method,
    path: pathOf(e.url),
    requestBody: e.requestBody,
    responseStatus: e.responseStatus,
    responseBody: e.responseBody,
    label: e.label,
  };
}

/**
 * Renders a transcript the way a forum page shows it and a browser copies it: indentation flattened,
 * typographic quotes, `…` for `...`, elision lines turned into empty lines, e-mail values auto-linked
 * (their closing quote eaten), step headings in bold with a leading `…` before the path.
 */
export function renderLikeForum(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let s = line.trimStart();
      if (/^(?:\.\.\.|…)$/.test(s.trim())) return '';
      const heading = /^(?:\*\*)?(\d+)\.\s*(api\/\S+?)(?:\*\*)?$/.exec(s);
      if (heading) return `**${heading[1]}. …/${heading[2]}**`;
      s = s.replace(/"([\w.+-]+@[\w-]+(?:\.[\w-]+)+)"(,?)/g, '"$1$2');
      let open = true;
      s = s.replace(/"/g, () => ((open = !open) ? '”' : '“'));
      return s.replace(/\.\.\./g, '…');
    })
    .join('\n');
}

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

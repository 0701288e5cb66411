import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkRewriter } from '../../src/sources/proxy/rewrite.js';

/** The recorder's link rewriting on real IDX documents (SDK fixtures, Apache-2.0: fixtures/SOURCES.txt). */

const FIXTURES = new URL('./fixtures', import.meta.url).pathname;
const load = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');

function hrefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => hrefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) (k === 'href' && typeof v === 'string' ? out.push(v) : hrefs(v, out));
  }
  return out;
}

describe('link rewriting of Ion (IDX) documents', () => {
  it.each([
    ['02-identify-challenge-password.swift.json', 'https://example.com', 3],
    ['03-challenge-answer-successWithInteractionCode.swift.json', 'https://example.com', 2],
    ['07-select-authenticator-for-recovery.widget.json', 'http://localhost:3000', 2],
  ])('%s: every form, nested action and the issue form point at the proxy; relatesTo paths stay', (file, origin, atLeast) => {
    const text = load(file);
    const before = hrefs(JSON.parse(text));
    expect(before.length).toBeGreaterThanOrEqual(atLeast);
    expect(before.every((h) => h.startsWith(origin))).toBe(true);
    const out = linkRewriter(origin, 'http://127.0.0.1:8080')(Buffer.from(text)).toString();
    const after = hrefs(JSON.parse(out));
    expect(after).toEqual(before.map((h) => `http://127.0.0.1:8080${h.slice(origin.length)}`));
    // Only hrefs changed: relatesTo JSONPaths, stateHandles and the rest are byte for byte the same.
    expect(out.replaceAll('http://127.0.0.1:8080', origin)).toBe(text);
  });
});

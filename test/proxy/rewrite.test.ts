import { describe, expect, it } from 'vitest';
import { linkRewriter } from '../../src/sources/proxy/rewrite.js';

/**
 * The recorder's link rewriting works on the body's bytes. What it must do is what a regular expression over
 * the text says (the recorder's earlier implementation, kept here as the reference): every `"href"` member
 * whose value starts with the upstream origin, spelled any way JSON allows, gets the proxy's origin.
 */

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function reference(from: string, to: string): (text: string) => string {
  const url = new URL(from);
  const slash = '(?:\\\\/|/)';
  const port = url.port ? `:${url.port}` : `(?::${url.protocol === 'https:' ? '443' : '80'})?`;
  // Case-insensitive as a whole (the byte rewriter reads the member name as JSON writes it, "href"; the
  // bodies below spell it so).
  const pattern = new RegExp(`("href"\\s*:\\s*")${escapeRe(url.protocol.slice(0, -1))}:${slash}${slash}${escapeRe(url.hostname)}${port}(?=["/?#\\\\])`, 'gi');
  return (text) => text.replace(pattern, `$1${to.replaceAll('$', '$$$$')}`);
}

const ORG = 'https://dev-123.okta.com';
const PROXY = 'http://127.0.0.1:8080';
const rewrite = linkRewriter(ORG, PROXY);
const run = (text: string) => rewrite(Buffer.from(text, 'latin1')).toString('latin1');

describe('link rewriting on bytes', () => {
  it('rewrites the origin of every href, however JSON spells it, and nothing else', () => {
    const cases: [string, string][] = [
      ['{"href":"https://dev-123.okta.com/api/v1/authn/factors/f1/verify"}', '{"href":"http://127.0.0.1:8080/api/v1/authn/factors/f1/verify"}'],
      ['{"href" : \t"https:\\/\\/DEV-123.Okta.COM\\/api"}', '{"href" : \t"http://127.0.0.1:8080\\/api"}'],
      ['{"href":"HTTPS://dev-123.okta.com:443?x=1"}', '{"href":"http://127.0.0.1:8080?x=1"}'],
      ['{"href":"https://dev-123.okta.com"}', '{"href":"http://127.0.0.1:8080"}'],
      ['{"href":"https://dev-123.okta.com#f"}', '{"href":"http://127.0.0.1:8080#f"}'],
      // Other origins, a longer host or port, another member name: untouched.
      ['{"href":"https://dev-123.okta.com.evil.test/x"}', '{"href":"https://dev-123.okta.com.evil.test/x"}'],
      ['{"href":"https://dev-123.okta.com:4430/x"}', '{"href":"https://dev-123.okta.com:4430/x"}'],
      ['{"href":"http://dev-123.okta.com/x"}', '{"href":"http://dev-123.okta.com/x"}'],
      ['{"url":"https://dev-123.okta.com/x","name":"href"}', '{"url":"https://dev-123.okta.com/x","name":"href"}'],
      // A body cut off in the middle of a link is left as it is.
      ['{"href":"https://dev-123.ok', '{"href":"https://dev-123.ok'],
      ['{"href"', '{"href"'],
    ];
    for (const [input, output] of cases) {
      expect(run(input)).toBe(output);
      expect(reference(ORG, PROXY)(input)).toBe(output);
    }
  });

  it('returns the same buffer when there is nothing to rewrite (no copy on the request path)', () => {
    const body = Buffer.from('{"status":"SUCCESS","_links":{"next":{"name":"x"}}}');
    expect(rewrite(body)).toBe(body);
    const other = Buffer.from('{"href":"https://other.example/x"}');
    expect(rewrite(other)).toBe(other);
  });

  it('agrees with the text reference on generated bodies: ports, escapes, case, non-ASCII bytes around links', () => {
    const origins = ['https://dev-123.okta.com', 'http://localhost:3000', 'http://127.0.0.1:35931'];
    const pieces = [
      (o: string) => `"href":"${o}/api/v1/authn"`,
      (o: string) => `"href": "${o.replaceAll('/', '\\/')}\\/x"`,
      (o: string) => `"href":"${o.toUpperCase()}/"`,
      (o: string) => `"href":"${o}:443/y"`,
      (o: string) => `"href":"${o}:80"`,
      (o: string) => `"href":"${o}0/z"`,
      () => '"label":"ünïcode ✓ href"',
      () => '"href":"relative/path"',
      () => '"href":   \n"https://x.test"',
    ];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (const from of origins) {
      const bytes = linkRewriter(from, PROXY);
      const text = reference(from, PROXY);
      for (let round = 0; round < 300; round++) {
        const members = Array.from({ length: 1 + random(6) }, () => pieces[random(pieces.length)]!(origins[random(origins.length)]!));
        const body = Buffer.from(`{${members.join(',')}}`);
        expect(bytes(body).toString('latin1')).toBe(text(body.toString('latin1')));
      }
    }
  });
});

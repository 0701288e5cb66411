import { describe, expect, it } from 'vitest';
import { parseCurlTranscript } from '../../../src/sources/transcript/curl.js';
import { parseRawHttpTranscript } from '../../../src/sources/transcript/http.js';
import { essence, load } from './helpers.js';

describe('curl and raw HTTP transcripts pasted twice', () => {
  it('a curl transcript holding the flow twice gives two groups with the same content', () => {
    const [text, path] = load('test/fixtures/transcripts/devforum-curl.md');
    const once = parseCurlTranscript(text, path).exchanges;
    const twice = parseCurlTranscript(`${text}\n\nAnd the second run, same commands:\n\n${text}`, path).exchanges;
    expect(twice.map((e) => e.group)).toEqual([...Array(6).fill('t1'), ...Array(6).fill('t2')]);
    expect(twice.slice(6).map(essence)).toEqual(once.map(essence).map((e) => ({ ...e, label: String(Number(e.label) + 6) })));
  });

  it('a raw HTTP transcript holding the flow twice gives two groups', () => {
    const [text, path] = load('test/fixtures/transcripts/devforum-http.md');
    const twice = parseRawHttpTranscript(`${text}\n${text}`, path).exchanges;
    expect(twice.map((e) => e.group)).toEqual([...Array(6).fill('t1'), ...Array(6).fill('t2')]);
  });

  it('repeated calls inside a transaction (push polls, retried codes) stay in one group', () => {
    const poll = 'curl -s https://o.okta.com/api/v1/authn/factors/opf1/verify -d \'{"stateToken":"00a"}\'\n{"status":"MFA_CHALLENGE","factorResult":"WAITING"}\n';
    const r = parseCurlTranscript(poll.repeat(3), 'poll.md');
    expect(r.exchanges.map((e) => e.group)).toEqual(['t1', 't1', 't1']);
    const [text, path] = load('test/fixtures/transcripts/http-varied.txt');
    expect(new Set(parseRawHttpTranscript(text, path).exchanges.map((e) => e.group))).toEqual(new Set(['t1']));
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/model/errors.js';
import { parseCurlTranscript, parseForumTranscript, parseRawHttpTranscript } from '../../../src/sources/transcript/index.js';
import { load, SAMPLE } from './helpers.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ['{', '}', '[', ']', '"', '“', '…', '...', ',', ':', '\n', '\\', "'", '$\'', '`', '```', '^', '@@', '<', '>', '0', ' '];

/** Damages text the way pasting does, only harder: deleted, duplicated and inserted characters and lines. */
function damage(text: string, rnd: () => number): string {
  let s = text;
  for (let k = 0; k < 12; k++) {
    const at = Math.floor(rnd() * s.length);
    const op = rnd();
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 40));
    else if (op < 0.6) s = s.slice(0, at) + JUNK[Math.floor(rnd() * JUNK.length)] + s.slice(at);
    else if (op < 0.8) s = s.slice(0, at) + s.slice(at, at + Math.floor(rnd() * 200)) + s.slice(at);
    else {
      const lines = s.split('\n');
      lines.splice(Math.floor(rnd() * lines.length), 1 + Math.floor(rnd() * 3));
      s = lines.join('\n');
    }
  }
  return s;
}

const READERS = [
  ['forum', parseForumTranscript, SAMPLE],
  ['curl', parseCurlTranscript, 'test/fixtures/transcripts/devforum-curl.md'],
  ['http', parseRawHttpTranscript, 'test/fixtures/transcripts/devforum-http.md'],
] as const;

describe('damaged evidence never crashes a reader', () => {
  it.each(READERS)('%s: 100 randomly damaged copies give exchanges and warnings, or one InputError', (_name, read, path) => {
    const [text] = load(path);
    const rnd = random(20261129);
    for (let i = 0; i < 100; i++) {
      const copy = damage(text, rnd);
      try {
        const { exchanges, report } = read(copy, 'damaged.md');
        expect(report.imported).toBe(exchanges.length);
        expect(report.found).toBeGreaterThanOrEqual(report.imported);
        for (const w of report.warnings) expect(w.ref).toMatch(/^damaged\.md:\d+/);
        for (const e of exchanges) expect(e.sourceRef).toMatch(/^damaged\.md:\d+$/);
      } catch (error) {
        if (!(error instanceof InputError)) throw new Error(`copy ${i} crashed the reader: ${(error as Error).stack}`);
        expect(error.message).toMatch(/^damaged\.md: /);
      }
    }
  });
});

import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChunksAtomically } from '../../src/sanitize/output.js';
import { join, tempDir } from '../helpers/flow.js';

const dir = tempDir('authtrail-output-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeChunksAtomically', () => {
  it('writes every chunk to the file, mode 0600, and nothing else beside it', async () => {
    const path = join(dir, 'ok.har');
    expect(await writeChunksAtomically(path, ['{"a":', ' "é"}'])).toBe(Buffer.byteLength('{"a": "é"}'));
    expect(readFileSync(path, 'utf8')).toBe('{"a": "é"}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['ok.har']);
  });

  it('leaves nothing behind when the chunks fail halfway, even while the file is still opening', async () => {
    const sub = join(dir, 'failing');
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub);
    for (let i = 0; i < 20; i++) {
      // The first chunk is queued while the temporary file opens; the failure comes right after.
      const chunks = (function* () {
        yield '{"log":';
        throw new Error(`damaged input ${i}`);
      })();
      await expect(writeChunksAtomically(join(sub, 'out.har'), chunks)).rejects.toThrow(`damaged input ${i}`);
      expect(readdirSync(sub)).toEqual([]);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

function readKey(path: string): Buffer | null {
  if (!existsSync(path)) return null;
  const hex = readFileSync(path, 'utf8').trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/**
 * Two imports may create one database at once: the key is created exclusively (`wx`), and the loser reads
 * the winner's key, so both captures share one set of fingerprints.
 */
export function loadOrCreateKey(path: string): Buffer {
  const existing = readKey(path);
  if (existing) return existing;
  const key = randomBytes(32);
  try {
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: existsSync(path) ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = readKey(path);
    if (theirs) return theirs;
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
  }
  chmodSync(path, 0o600);
  return key;
}

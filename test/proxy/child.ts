import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '../../bin/authtrail.js');

export interface Child {
  pid: number;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  waitFor(re: RegExp, stream?: 'stdout' | 'stderr'): Promise<void>;
}

/** Runs the real CLI (bin/authtrail.js) as its own process, as a user would. */
export function authtrail(...args: string[]): Child {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Child = {
    pid: child.pid!,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
    waitFor: (re, stream = 'stderr') =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in ${stream}: ${out[stream]}`)), 60_000);
        const check = () => {
          if (re.test(out[stream])) {
            clearTimeout(timer);
            resolve();
          }
        };
        child[stream].on('data', check);
        check();
      }),
  };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  return out;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the recorder benchmarks (proxy, stop, durable) share: ports, child processes. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A port on 127.0.0.1 nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts a child and resolves once `ready` matches its output. With `stdoutFile`, stdout goes to that file
 * (the recorder's live view): reading it here would take CPU from the load generator in this process.
 */
export function start(args: string[], ready: RegExp, stdoutFile?: string): Promise<{ child: ChildProcess; output: () => string }> {
  const stdout = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', stdout, 'pipe'] });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start: ${text}`)), 60_000);
    const onData = (d: Buffer) => {
      if (text.length < 4000) text += d.toString();
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve({ child, output: () => text });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${text}`)));
  });
}
